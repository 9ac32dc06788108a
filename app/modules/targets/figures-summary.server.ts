// Live target figures without scanning completions (docs/decisions/014-figures-summary.md). Database
// triggers keep, in the transaction of every Person, Completion and Target write:
//   PersonFigureKey — per active person: agency, filter fields and the topics valid at the watermark;
//   TargetCount     — per target and agency: audience and completed at the watermark.
// A live read is TargetCount plus a correction for the few people whose figures moved between the
// watermark and now (a completion expired in between, or one dated later than now): their key at the
// watermark is taken out and their key now is put in. So the cost grows with agencies × targets and with
// the expiries since the watermark (moved forward hourly by advanceFigures), not with completions.
// The dashboard (withLiveCounts) keeps TargetCount per process and re-reads, per request, only the agencies
// whose rows transactions wrote since its snapshot (TargetCountChange, kept by triggers): a national request
// then reads a handful of rows instead of every agency's.
// Past instants and snapshots of past dates keep the exact query (ownCounts in figures.server.ts).
import { db, forgetOnClose, type Tx } from "~/db.server";
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

/** Audience then completed per target (2 × targets values), as TargetCount holds them (+ the correction). */
export type AgencyCounts = Int32Array;

/**
 * TargetCount of one target set as of one snapshot, kept per process (docs/decisions/014): a live read
 * re-reads only the agencies that TargetCountChange says transactions wrote since, in the statement that
 * also gives the new snapshot, so the counts always equal TargetCount at that statement's snapshot. Reads
 * of one entry run one after another (`queue`): a reply applied after a newer one would go back in time.
 */
type CacheEntry = { snapshot: string | null; counts: Map<string, AgencyCounts>; queue: Promise<unknown> };

const MAX_CACHED_SETS = 16;
// Per database client (the primary and the replica keep their own), then per target set.
let caches = new WeakMap<object, Map<string, CacheEntry>>();
// `db` outlives closeDb (it opens the next database): its entries must not answer for that one's rows.
forgetOnClose(() => (caches = new WeakMap()));

function cacheEntry(client: Client, key: string): CacheEntry | null {
  // Inside a transaction the statement sees the transaction's own uncommitted writes as visible at its
  // snapshot: kept, they would outlive a rollback. Such reads go whole and keep nothing.
  if (typeof (client as Partial<typeof db>).$transaction !== "function") return null;
  let sets = caches.get(client);
  if (!sets) caches.set(client, (sets = new Map()));
  let entry = sets.get(key);
  if (!entry) {
    entry = { snapshot: null, counts: new Map(), queue: Promise.resolve() };
    sets.set(key, entry);
    if (sets.size > MAX_CACHED_SETS) sets.delete(sets.keys().next().value!);
  }
  return entry;
}

/** Forgets every cached TargetCount (tests). */
export function clearLiveCounts(client: Client = db): void {
  caches.delete(client);
}

/** [agencyId, target index, audience, completed] */
type StoredRow = [string, number, number, number];
type LiveReply = {
  snapshot: string;
  whole: boolean;
  stored: StoredRow[];
  changed: string[];
  moved: Row[];
};

/**
 * Calls `read` with every agency's live counts at `asOf` (now or later): TargetCount (kept per process, see
 * CacheEntry) plus the correction for the people whose figures moved since the watermark. `get` returns
 * undefined for an agency with no counts; it is valid only during `read` (synchronous: the cache moves on).
 */
export async function withLiveCounts<R>(
  targets: readonly TargetRule[],
  asOf: Date,
  client: Client,
  read: (get: (agencyId: string) => AgencyCounts | undefined) => R,
): Promise<R> {
  const n = targets.length;
  const entry = cacheEntry(client, targets.map((t) => t.id).join(","));
  const run = async () => {
    const since = entry?.snapshot ?? null;
    const reply = await readAtWatermark<LiveReply>(client, asOf, (watermark) =>
      liveSql(targets, asOf, watermark, since),
    );
    const counts = entry && !reply.whole ? entry.counts : new Map<string, AgencyCounts>();
    // Half applied, the counts belong to no snapshot: the next read goes whole.
    if (entry) entry.snapshot = null;
    // Agencies a transaction wrote since: their rows are read again in full (absent = deleted).
    if (!reply.whole) for (const id of reply.changed) counts.delete(id);
    for (const [id, k, a, c] of reply.stored) {
      let v = counts.get(id);
      if (!v) counts.set(id, (v = new Int32Array(2 * n)));
      v[k] = a;
      v[n + k] = c;
    }
    if (entry) {
      entry.counts = counts;
      entry.snapshot = reply.snapshot;
    }
    const moved = new Map<string, AgencyCounts>();
    for (const [id, audience, completed] of reply.moved) {
      const v = moved.get(id) ?? Int32Array.from(counts.get(id) ?? new Int32Array(2 * n));
      for (let k = 0; k < n; k++) {
        v[k]! += audience?.[k] ?? 0;
        v[n + k]! += completed?.[k] ?? 0;
      }
      moved.set(id, v);
    }
    return read((id) => moved.get(id) ?? counts.get(id));
  };
  if (!entry) return run();
  const result = entry.queue.then(run);
  entry.queue = result.catch(() => undefined);
  return result;
}

/**
 * The live read (exported for tests): the snapshot it ran at; TargetCount whole (no usable `since`, or
 * `since` older than what TargetCountChange still holds) or the rows of the agencies written by the
 * transactions `since` did not see; and the correction per agency of the people moved since the watermark.
 */
export function liveSql(
  targets: readonly TargetRule[],
  asOf: Date,
  watermark: Date,
  since: string | null,
): Prisma.Sql {
  const ids = targets.map((t) => t.id);
  const sumIf = (cond: Prisma.Sql) => Prisma.sql`coalesce(sum(p.d) FILTER (WHERE ${cond}), 0)`;
  const audience = Prisma.join(targets.map((t) => sumIf(matches(t))));
  const completed = Prisma.join(
    targets.map((t) => sumIf(Prisma.sql`${matches(t)} AND p.topics && ${t.topics}::text[]`)),
  );
  const stored = (from: Prisma.Sql, where: Prisma.Sql) => Prisma.sql`
    SELECT c."agencyId"::text AS id, array_position(${ids}::uuid[], c."targetId") - 1 AS k, c.audience, c.completed
    FROM ${from} WHERE c."targetId" = ANY(${ids}::uuid[]) AND ${where}`;
  // pg_current_snapshot() is the statement's own snapshot: the one every table here is read at.
  return Prisma.sql`
    WITH ${movedCtes(asOf, watermark)},
    -- Whole also when the kept snapshot lies ahead of this one (transaction ids went back: a database restored
    -- under a running process).
    w AS (
      SELECT w."at", pg_current_snapshot() AS snap,
        ${since}::text IS NULL OR pg_snapshot_xmin(${since}::text::pg_snapshot)::text::bigint < w."changesFrom"
          OR pg_snapshot_xmax(${since}::text::pg_snapshot) > pg_snapshot_xmax(pg_current_snapshot()) AS whole
      FROM "FigureWatermark" w WHERE w.id = 1
    ),
    changed AS (
      SELECT DISTINCT l."agencyId" FROM "TargetCountChange" l
      WHERE NOT (SELECT w.whole FROM w)
        AND l.xact >= pg_snapshot_xmin(${since}::text::pg_snapshot)::text::bigint
        AND NOT pg_visible_in_snapshot(l.xact::text::xid8, ${since}::text::pg_snapshot)
    ),
    s AS (
      ${stored(Prisma.sql`"TargetCount" c`, Prisma.sql`(SELECT w.whole FROM w)`)}
      UNION ALL
      ${stored(Prisma.sql`changed ch JOIN "TargetCount" c ON c."agencyId" = ch."agencyId"`, Prisma.sql`TRUE`)}
    )
    SELECT w."at",
      json_build_object(
        'snapshot', w.snap::text,
        'whole', w.whole,
        'stored', coalesce((SELECT json_agg(json_build_array(s.id, s.k, s.audience, s.completed)) FROM s), '[]'::json),
        'changed', coalesce((SELECT json_agg(ch."agencyId") FROM changed ch), '[]'::json),
        'moved', coalesce((
          SELECT json_agg(json_build_array(g."agencyId", g.audience, g.completed)) FROM (
            SELECT p."agencyId"::text AS "agencyId", ARRAY[${audience}]::int[] AS audience,
              ARRAY[${completed}]::int[] AS completed
            FROM p GROUP BY p."agencyId") g), '[]'::json)
      ) AS rows
    FROM w`;
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
  // The hourly tick also drops the TargetCountChange rows every snapshot has seen (it grows with writes).
  await client.$queryRaw`SELECT figure_changes_prune() AS dropped`;
  return row?.moved ?? 0;
}

/** Rebuilds the summary tables from scratch, exact at `at` (repairs; tests). */
export async function rebuildFigures(at: Date = new Date(), client: Client = db): Promise<void> {
  await client.$queryRaw`SELECT 1 AS done FROM (SELECT figure_rebuild(${at}::timestamptz)) x`;
}
