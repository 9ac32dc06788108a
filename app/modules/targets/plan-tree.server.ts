// The agency tree a plan's figures are rolled up over (its active subtree, in tree order, and the merged-away
// agencies' survivors), kept per process: at 10,000 agencies reading and ordering it was most of a national
// dashboard request. Each request reads the version first: AgencyVersion.n, which a statement trigger moves
// on every write to Agency in the writer's transaction (the app, imports, a raw UPDATE in psql that leaves
// updatedAt alone), so any write, in this process or another, makes the next request read the tree again.
import { forgetOnClose, type db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { agencyColumns, type AgencyRow } from "~/modules/agencies/rows";
import { inTreeOrder } from "~/modules/agencies/tree";
import type { AgencyInfo } from "./figures";

type Client = typeof db | Tx;

export type PlanTree = {
  agencies: readonly AgencyInfo[];
  paths: ReadonlyMap<string, string>;
  survivors: ReadonlyMap<string, string>;
  index: ReadonlyMap<string, number>;
  tree: { parent: Int32Array; deepestFirst: Int32Array };
  pathList: readonly string[];
};

const MAX_ENTRIES = 32;
const cache = new Map<string, { version: string; tree: PlanTree }>();

/** The version of the whole agency table: one row, kept by a trigger (migration …_agency_version). */
async function agencyVersion(client: Client): Promise<string | null> {
  const [row] = await client.$queryRaw<{ v: string }[]>`
    SELECT n::text AS v FROM "AgencyVersion" WHERE id = 1`;
  return row?.v ?? null;
}

/** The plan root's subtree, from the cache when no agency changed since it was read. */
export async function planTree(root: { id: string; path: string }, client: Client): Promise<PlanTree> {
  const key = `${root.id}|${root.path}`;
  const version = await agencyVersion(client);
  const hit = cache.get(key);
  if (hit && version !== null && hit.version === version) return hit.tree;
  const tree = await readPlanTree(root, client);
  // Without the counter row (deleted by hand) nothing could tell a stale tree: read it on every request.
  if (version === null) return tree;
  // Read after the version: a write in between makes the next request read again (never a stale hit).
  cache.delete(key);
  cache.set(key, { version, tree });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return tree;
}

/** Forgets every cached tree (tests). */
export function clearPlanTrees(): void {
  cache.clear();
}
forgetOnClose(clearPlanTrees);

async function readPlanTree(root: { id: string; path: string }, client: Client): Promise<PlanTree> {
  // The plan's active subtree and (mergedIntoId set) the merged-away agencies, in one statement.
  const rows = await client.$queryRaw<(AgencyRow & { mergedIntoId: string | null })[]>`
    SELECT ${Prisma.raw(agencyColumns("a"))}, NULL::text AS "mergedIntoId"
    FROM "Agency" a WHERE a.active AND a.path LIKE ${root.path + "%"}
    UNION ALL
    SELECT ${Prisma.raw(agencyColumns("a"))}, a."mergedIntoId"::text
    FROM "Agency" a WHERE a."mergedIntoId" IS NOT NULL`;
  const agencyRows: AgencyRow[] = [];
  const merged: { id: string; mergedIntoId: string }[] = [];
  for (const { mergedIntoId, ...a } of rows)
    if (mergedIntoId === null) agencyRows.push(a);
    else merged.push({ id: a.id, mergedIntoId });
  const ordered = inTreeOrder(agencyRows);
  const agencies: AgencyInfo[] = ordered.map((a, position) =>
    Object.freeze({
      id: a.id,
      code: a.code,
      name: a.name,
      kind: a.kind,
      parentId: a.id === root.id ? null : a.parentId,
      depth: a.depth,
      position,
    }),
  );
  const index = new Map(agencies.map((a, i) => [a.id, i]));
  return {
    agencies: Object.freeze(agencies),
    paths: new Map(ordered.map((a) => [a.id, a.path])),
    survivors: survivorsOf(merged),
    index,
    tree: {
      parent: Int32Array.from(agencies, (a) => (a.parentId ? (index.get(a.parentId) ?? -1) : -1)),
      deepestFirst: Int32Array.from(agencies.keys()).sort((x, y) => agencies[y]!.depth - agencies[x]!.depth),
    },
    pathList: Object.freeze(ordered.map((a) => a.path)),
  };
}

/** Merged-away agency → the active agency at the end of its mergedIntoId chain. */
export function survivorsOf(rows: readonly { id: string; mergedIntoId: string }[]): Map<string, string> {
  const next = new Map(rows.map((r) => [r.id, r.mergedIntoId]));
  const out = new Map<string, string>();
  for (const id of next.keys()) {
    let at = id;
    for (let hops = 0; next.has(at) && hops < 100; hops++) at = next.get(at)!;
    out.set(id, at);
  }
  return out;
}
