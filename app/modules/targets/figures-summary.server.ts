// Live target figures without scanning completions (docs/decisions/014-figures-summary.md). Database
// triggers keep, in the transaction of every Person, Completion and Target write:
//   PersonFigureKey — per active person: agency, filter fields and the topics valid at the watermark;
//   TargetCount     — per target and agency: audience and completed at the watermark.
// A live read is TargetCount plus a correction for the few people whose figures moved between the
// watermark and now (a completion expired in between, or one dated later than now): their key at the
// watermark is taken out and their key now is put in. So the cost grows with agencies × targets and with
// the expiries since the watermark (moved forward hourly by advanceFigures), not with completions.
// Past instants and snapshots of past dates keep the exact query (ownCounts in figures.server.ts).
import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { type OwnCounts, type TargetRule, matches } from "./figures-sql.server";

type Client = typeof db | Tx;

/** Agency, audience per target, completed per target. */
type Row = [agencyId: string, audience: (number | null)[] | null, completed: (number | null)[] | null];
/** The read's one row: the watermark it saw and every agency's counts as one JSON array (10,000 rows of int
 * arrays cost more to send and decode than the statement took; one JSON value is parsed natively). */
type Reply = { at: Date | null; rows: Row[] | string };

/** Own audience and completed per target and agency at `asOf` (now or later), from the summary tables. */
export async function summaryCounts(
  targets: readonly TargetRule[],
  asOf: Date,
  opts: { survivors: ReadonlyMap<string, string>; client?: Client },
): Promise<OwnCounts> {
  const out: OwnCounts = new Map(targets.map((t) => [t.id, new Map()]));
  if (!targets.length) return out;
  const client = opts.client ?? db;
  // The watermark goes into the statement as a value, so the planner sees how few completions lie between it
  // and `asOf` (read from the table inside the statement, its range was a guess: at 10 million completions,
  // a scan of them all on every request). The statement reads it again in its own snapshot: if an advance
  // moved it in between, the keys and counts belong to the new one, and the read is done again.
  for (let attempt = 1; ; attempt++) {
    const mark = await client.figureWatermark.findUnique({ where: { id: 1 }, select: { at: true } });
    const watermark = mark?.at ?? asOf;
    const [reply] = await client.$queryRaw<Reply[]>(summarySql(targets, asOf, watermark));
    const seen = reply?.at ?? null;
    if (seen?.getTime() === mark?.at.getTime()) {
      const rows = typeof reply!.rows === "string" ? (JSON.parse(reply!.rows) as Row[]) : reply!.rows;
      return sumCounts(targets, rows, opts.survivors);
    }
    if (attempt === 5) throw new Error("figures: the watermark kept moving during the summary read");
  }
}

/** The summary read (exported for the plan check in targets-summary.test.ts). */
export function summarySql(targets: readonly TargetRule[], asOf: Date, watermark: Date): Prisma.Sql {
  const ids = targets.map((t) => t.id);
  const sumIf = (cond: Prisma.Sql) => Prisma.sql`coalesce(sum(p.d) FILTER (WHERE ${cond}), 0)`;
  const audience = Prisma.join(targets.map((t) => sumIf(matches(t))));
  const completed = Prisma.join(
    targets.map((t) => sumIf(Prisma.sql`${matches(t)} AND p.topics && ${t.topics}::text[]`)),
  );
  const stored = (column: "audience" | "completed") =>
    Prisma.join(
      ids.map(
        (id) =>
          Prisma.sql`coalesce(sum(c.${Prisma.raw(`"${column}"`)}) FILTER (WHERE c."targetId" = ${id}::uuid), 0)`,
      ),
    );
  const [from, to] = watermark < asOf ? [watermark, asOf] : [asOf, watermark];
  // One statement, so the watermark, the keys and the counts are read from one snapshot; one row back.
  return Prisma.sql`
    WITH moved AS (
      SELECT c."personId" FROM "Completion" c
      WHERE c."validUntil" > ${from} AND c."validUntil" <= ${to}
      UNION
      SELECT c."personId" FROM "Completion" c WHERE c."completedAt" > ${asOf}
    ),
    held AS (
      SELECT c."personId", array_agg(DISTINCT t) AS topics
      FROM "Completion" c JOIN moved m ON m."personId" = c."personId" CROSS JOIN unnest(c.topics) t
      WHERE c."completedAt" <= ${asOf} AND (c."validUntil" IS NULL OR c."validUntil" > ${asOf})
      GROUP BY c."personId"
    ),
    p AS (
      SELECT k."agencyId", k."staffCategory", k."itRole", k."isHeadOfUnit", k.tags, k.topics, -1 AS d
      FROM "PersonFigureKey" k JOIN moved m ON m."personId" = k."personId"
      UNION ALL
      SELECT k."agencyId", k."staffCategory", k."itRole", k."isHeadOfUnit", k.tags,
        coalesce(h.topics, '{}'::text[]), 1
      FROM "PersonFigureKey" k JOIN moved m ON m."personId" = k."personId"
      LEFT JOIN held h ON h."personId" = k."personId"
    )
    SELECT (SELECT w."at" FROM "FigureWatermark" w WHERE w.id = 1) AS "at",
      coalesce(json_agg(json_build_array(u."agencyId", u.audience, u.completed)), '[]'::json) AS rows
    FROM (
      SELECT p."agencyId"::text AS "agencyId", ARRAY[${audience}]::int[] AS audience,
        ARRAY[${completed}]::int[] AS completed
      FROM p GROUP BY p."agencyId"
      UNION ALL
      SELECT c."agencyId"::text, ARRAY[${stored("audience")}]::int[], ARRAY[${stored("completed")}]::int[]
      FROM "TargetCount" c WHERE c."targetId" = ANY(${ids}::uuid[])
      GROUP BY c."agencyId"
    ) u`;
}

function sumCounts(
  targets: readonly TargetRule[],
  rows: Row[],
  survivors: ReadonlyMap<string, string>,
): OwnCounts {
  const out: OwnCounts = new Map(targets.map((t) => [t.id, new Map()]));
  const ids = targets.map((t) => t.id);
  const sums = new Map<string, { audience: number[]; completed: number[] }>();
  for (const [id, audience, completed] of rows) {
    // Merged-away agencies count at their survivor, as in the exact query.
    const agencyId = survivors.get(id) ?? id;
    const s = sums.get(agencyId) ?? { audience: ids.map(() => 0), completed: ids.map(() => 0) };
    ids.forEach((_, i) => {
      s.audience[i]! += audience?.[i] ?? 0;
      s.completed[i]! += completed?.[i] ?? 0;
    });
    sums.set(agencyId, s);
  }
  for (const [agencyId, s] of sums)
    targets.forEach((t, i) => {
      const a = s.audience[i]!;
      if (a > 0) out.get(t.id)!.set(agencyId, { audience: a, completed: s.completed[i]! });
    });
  return out;
}

/**
 * Moves the watermark to `now`: people whose completions expired since get new keys and counts. Idempotent
 * and safe from several processes at once (a row lock orders them); returns how many people moved.
 */
export async function advanceFigures(now: Date = new Date(), client: Client = db): Promise<number> {
  const [row] = await client.$queryRaw<
    { moved: number }[]
  >`SELECT figure_advance(${now}::timestamptz) AS moved`;
  return row?.moved ?? 0;
}

/** Rebuilds the summary tables from scratch, exact at `at` (repairs; tests). */
export async function rebuildFigures(at: Date = new Date(), client: Client = db): Promise<void> {
  await client.$queryRaw`SELECT 1 AS done FROM (SELECT figure_rebuild(${at}::timestamptz)) x`;
}
