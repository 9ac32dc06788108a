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

/** Agency, audience per target, completed per target. The read returns one row: the watermark it saw and
 * every agency's counts as one JSON array (10,000 rows of int arrays cost more to send and decode than the
 * statement took; one JSON value is parsed natively). */
type Row = [agencyId: string, audience: (number | null)[] | null, completed: (number | null)[] | null];

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
  const reply = await readAtWatermark<Row[]>(client, asOf, (watermark) =>
    summarySql(targets, asOf, watermark),
  );
  return sumCounts(targets, reply, opts.survivors);
}

/**
 * Runs a read that returns one row { at, rows } at the current watermark: again when an advance moved the
 * watermark between reading it and the statement's snapshot.
 */
async function readAtWatermark<R>(
  client: Client,
  asOf: Date,
  sql: (watermark: Date) => Prisma.Sql,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const mark = await client.figureWatermark.findUnique({ where: { id: 1 }, select: { at: true } });
    const watermark = mark?.at ?? asOf;
    const [reply] = await client.$queryRaw<{ at: Date | null; rows: R | string }[]>(sql(watermark));
    const seen = reply?.at ?? null;
    if (seen?.getTime() === mark?.at.getTime())
      return typeof reply!.rows === "string" ? (JSON.parse(reply!.rows) as R) : reply!.rows;
    if (attempt === 5) throw new Error("figures: the watermark kept moving during the summary read");
  }
}

/**
 * Which shown agency each agency's counts go to: `agencyIds[i]` (merged-away ones included) counts in the part
 * of `buckets[i]` (an index into the shown agencies); `own[i]` when it is that shown agency itself (or merged
 * into it). Agencies outside every shown subtree are left out.
 */
export type ShownBuckets = { agencyIds: string[]; buckets: number[]; own: boolean[] };

/** [bucket, target index, own audience, own completed, audience, completed] */
type BucketRow = [number, number, number, number, number, number];

/** Counts of one bucket for one target: the shown agency's own, and its part (own + what no other shown
 * agency below it takes). */
export type BucketCounts = { ownAudience: number; ownCompleted: number; audience: number; completed: number };

/**
 * The summary tables' counts summed per bucket in SQL (docs/decisions/014): a handful of rows back however
 * many agencies there are, so nothing per agency is sent or built in Node (figures.server.ts rolls the
 * buckets up over the shown agencies). Returns bucket → target index → counts (absent = zeros).
 */
export async function bucketCounts(
  targets: readonly TargetRule[],
  asOf: Date,
  buckets: ShownBuckets,
  client: Client = db,
): Promise<Map<number, Map<number, BucketCounts>>> {
  const out = new Map<number, Map<number, BucketCounts>>();
  if (!targets.length || !buckets.agencyIds.length) return out;
  const rows = await readAtWatermark<BucketRow[]>(client, asOf, (watermark) =>
    bucketSql(targets, asOf, watermark, buckets),
  );
  for (const [b, k, oa, oc, a, c] of rows) {
    const byTarget = out.get(b) ?? new Map<number, BucketCounts>();
    byTarget.set(k, { ownAudience: oa, ownCompleted: oc, audience: a, completed: c });
    out.set(b, byTarget);
  }
  return out;
}

/** The buckets' read (exported for tests). */
export function bucketSql(
  targets: readonly TargetRule[],
  asOf: Date,
  watermark: Date,
  buckets: ShownBuckets,
): Prisma.Sql {
  const ids = targets.map((t) => t.id);
  const sumIf = (cond: Prisma.Sql) => Prisma.sql`coalesce(sum(p.d) FILTER (WHERE ${cond}), 0)`;
  const audience = Prisma.join(targets.map((t) => sumIf(matches(t))));
  const completed = Prisma.join(
    targets.map((t) => sumIf(Prisma.sql`${matches(t)} AND p.topics && ${t.topics}::text[]`)),
  );
  // The map goes as three comma-separated strings: 10,000 uuids as one array parameter took the driver
  // 1.5–2 times as long to send.
  return Prisma.sql`
    WITH ${movedCtes(asOf, watermark)},
    o AS (
      SELECT c."agencyId", array_position(${ids}::uuid[], c."targetId") - 1 AS k, c.audience AS n, c.completed AS m
      FROM "TargetCount" c WHERE c."targetId" = ANY(${ids}::uuid[])
      UNION ALL
      SELECT g."agencyId", (x.k - 1)::int, x.n, x.m
      FROM (
        SELECT p."agencyId", ARRAY[${audience}]::int[] AS audience, ARRAY[${completed}]::int[] AS completed
        FROM p GROUP BY p."agencyId"
      ) g CROSS JOIN unnest(g.audience, g.completed) WITH ORDINALITY AS x(n, m, k)
    ),
    r AS (
      SELECT b.b, o.k,
        coalesce(sum(o.n) FILTER (WHERE b.own), 0)::int AS own_n,
        coalesce(sum(o.m) FILTER (WHERE b.own), 0)::int AS own_m,
        sum(o.n)::int AS n, sum(o.m)::int AS m
      FROM o
      JOIN unnest(string_to_array(${buckets.agencyIds.join(",")}, ',')::uuid[],
          string_to_array(${buckets.buckets.join(",")}, ',')::int[],
          string_to_array(${buckets.own.map((x) => (x ? "t" : "f")).join(",")}, ',')::boolean[]) AS b(id, b, own)
        ON b.id = o."agencyId"
      GROUP BY b.b, o.k
    )
    SELECT (SELECT w."at" FROM "FigureWatermark" w WHERE w.id = 1) AS "at",
      coalesce((SELECT json_agg(json_build_array(r.b, r.k, r.own_n, r.own_m, r.n, r.m)) FROM r), '[]'::json)
        AS rows`;
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
  // One statement, so the watermark, the keys and the counts are read from one snapshot; one row back.
  return Prisma.sql`
    WITH ${movedCtes(asOf, watermark)}
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

/**
 * The people whose figures moved between the watermark and `asOf` (`moved`), the topics they hold at `asOf`
 * (`held`) and their keys `p`: the stored one with d = −1, the one at `asOf` with d = +1.
 */
function movedCtes(asOf: Date, watermark: Date): Prisma.Sql {
  const [from, to] = watermark < asOf ? [watermark, asOf] : [asOf, watermark];
  return Prisma.sql`moved AS (
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
    )`;
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
