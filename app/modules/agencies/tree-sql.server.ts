// Building blocks shared by the agency writes and the JSON import; each runs inside the caller's transaction.
import { Prisma } from "~/generated/prisma/client";
import type { Agency } from "~/generated/prisma/client";
import type { Db, Tx } from "~/db.server";
import { agencySearchText } from "./tree";

// Any fixed number works; it only has to differ from other advisory locks the app may take.
const AGENCY_TREE_LOCK = 2025_07_01;

/**
 * Serializes changes to the tree's shape until the transaction ends. Without it two concurrent moves
 * (A under B, B under A) could both pass the cycle check, and a child created under a node being moved
 * could get a stale path. Tree edits are rare admin actions, so one lock for the whole tree is cheap.
 */
export async function lockAgencyTree(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AGENCY_TREE_LOCK}::bigint)`;
}

/**
 * Re-roots every agency whose path starts with `fromPrefix` at `toPrefix` and shifts its depth, in one
 * UPDATE. `exceptId` leaves one node out (a merge moves a source's descendants but not the source itself).
 */
export async function rewriteSubtree(
  tx: Tx,
  args: { fromPrefix: string; toPrefix: string; depthDelta: number; exceptId?: string },
): Promise<number> {
  const { fromPrefix, toPrefix, depthDelta, exceptId } = args;
  return tx.$executeRaw`
    UPDATE "Agency"
    SET "path" = ${toPrefix}::text || substr("path", ${fromPrefix.length}::int + 1),
        "depth" = "depth" + ${depthDelta}::int,
        "updatedAt" = now()
    WHERE starts_with("path", ${fromPrefix}::text)
      ${exceptId ? Prisma.sql`AND "id" <> ${exceptId}::uuid` : Prisma.empty}`;
}

/** Recomputes an agency's searchText from its code, name and every alias it now carries. */
export async function refreshSearchText(tx: Tx, agencyId: string): Promise<string> {
  const agency = await tx.agency.findUniqueOrThrow({
    where: { id: agencyId },
    select: {
      code: true,
      name: true,
      aliases: { select: { code: true, name: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const searchText = agencySearchText(agency.code, agency.name, agency.aliases);
  await tx.agency.update({ where: { id: agencyId }, data: { searchText } });
  return searchText;
}

// A merge chain longer than this means bad data (a cycle); stop rather than loop.
const MAX_MERGE_HOPS = 32;

/**
 * Maps codes to the live agencies they stand for today: a current code, or a former one (an alias from a
 * rename, recode or merge), following mergedInto chains to the survivor. Codes that lead nowhere live
 * (unknown, or an agency deactivated without a successor) are absent from the map. A current code wins
 * over an alias with the same text; among aliases, the newest wins. A handful of queries for any number
 * of codes, so imports can resolve a whole file at once.
 */
export async function resolveCodes(client: Db | Tx, codes: string[]): Promise<Map<string, Agency>> {
  const wanted = [...new Set(codes.map((c) => c.trim()).filter(Boolean))];
  const result = new Map<string, Agency>();
  if (!wanted.length) return result;

  const direct = await client.agency.findMany({ where: { code: { in: wanted } } });
  const startId = new Map<string, string>(direct.map((a) => [a.code, a.id]));
  const missing = wanted.filter((c) => !startId.has(c));
  if (missing.length) {
    const aliases = await client.agencyAlias.findMany({
      where: { code: { in: missing } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      select: { code: true, agencyId: true },
    });
    for (const a of aliases) if (!startId.has(a.code)) startId.set(a.code, a.agencyId);
  }

  const known = new Map<string, Agency>(direct.map((a) => [a.id, a]));
  // Walks a chain through what is loaded: the live end, or the id still to fetch, or nothing (a cycle).
  const follow = (id: string): { agency: Agency } | { fetch: string } | null => {
    let cur = id;
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
      const a = known.get(cur);
      if (!a) return { fetch: cur };
      if (a.active || !a.mergedIntoId) return { agency: a };
      cur = a.mergedIntoId;
    }
    return null;
  };
  for (let round = 0; round < MAX_MERGE_HOPS; round++) {
    const pending = new Set<string>();
    for (const id of startId.values()) {
      const end = follow(id);
      if (end && "fetch" in end) pending.add(end.fetch);
    }
    if (!pending.size) break;
    const fetched = await client.agency.findMany({ where: { id: { in: [...pending] } } });
    for (const a of fetched) known.set(a.id, a);
    // A dangling id cannot be fetched; stop instead of asking again.
    if (!fetched.length) break;
  }

  for (const [code, id] of startId) {
    const end = follow(id);
    if (end && "agency" in end && end.agency.active) result.set(code, end.agency);
  }
  return result;
}
