// Target figures as of an instant, from ONE grouped SQL query per call (all targets of a plan at once),
// rolled up over the agency tree in memory with the pure rules of figures.ts. Definitions: see
// docs/decisions/004-target-figures.md.
import { LONG_TX, db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { inScope, type Scope } from "~/modules/auth/scope";
import { DomainError } from "~/utils/errors";
import { isUuid } from "~/utils/uuid";
import {
  type AgencyInfo,
  type FigureTable,
  type PlanInfo,
  type Figure,
  type TargetInfo,
  figureMaker,
  subtreeFigures,
  toPlanInfo,
} from "./figures";
import { type OwnCounts, type TargetRule, matches } from "./figures-sql.server";
import { summaryCounts, withLiveCounts } from "./figures-summary.server";
import { planTree, survivorsOf } from "./plan-tree.server";

export type { OwnCounts, TargetRule };

type Client = typeof db | Tx;

/**
 * The one grouped query. `live` reads each person's current agency (Person.agencyId); otherwise the
 * membership open at `asOf`. `survivors` maps merged-away agencies to the agency that carries them on.
 * Completions are folded into one bit set of topics per person, so 2.5 million completions are read once
 * and the people once, whatever the number of targets.
 */
export async function ownCounts(
  targets: readonly TargetRule[],
  asOf: Date,
  opts: { live: boolean; survivors: ReadonlyMap<string, string>; client?: Client },
): Promise<OwnCounts> {
  const out: OwnCounts = new Map(targets.map((t) => [t.id, new Map()]));
  if (!targets.length) return out;
  const topics = [...new Set(targets.flatMap((t) => t.topics))];
  if (topics.length > 62) throw new DomainError("targets.tooManyTopics");
  const bit = (topic: string) => 1n << BigInt(topics.indexOf(topic));
  // A completion's topics → bits. Most completions carry one topic: a simple CASE on it is the fast path.
  // (Bits are numbers made here, never user input, so they are written into the SQL as literals.)
  const bitOf = (i: number) => Prisma.raw(`${1n << BigInt(i)}::bigint`);
  const oneTopic = Prisma.sql`CASE c.topics[1] ${Prisma.join(
    topics.map((tp, i) => Prisma.sql`WHEN ${tp} THEN ${bitOf(i)}`),
    " ",
  )} ELSE 0::bigint END`;
  const anyTopic = Prisma.join(
    topics.map((tp, i) => Prisma.sql`CASE WHEN ${tp} = ANY(c.topics) THEN ${bitOf(i)} ELSE 0::bigint END`),
    " | ",
  );
  const completionBits = Prisma.sql`CASE WHEN cardinality(c.topics) = 1 THEN ${oneTopic} ELSE ${anyTopic} END`;
  const masks = targets.map((t) => t.topics.reduce((m, tp) => m | bit(tp), 0n));
  // Per person, one bit per target: `aud` = in the audience, `ok` = in it and holding one of its topics.
  // A plan may have any number of targets: the bits go in bigint columns of 62 targets each (aud0, aud1, …),
  // so target 63 starts a second column instead of sharing a bit with target 1.
  const CHUNK = 62;
  const chunkCount = Math.ceil(targets.length / CHUNK);
  const chunks = Array.from({ length: chunkCount }, (_, k) => k);
  const chunkOf = (i: number) => Math.floor(i / CHUNK);
  const bitIn = (i: number) => 1n << BigInt(i % CHUNK);
  const big = (n: bigint) => Prisma.raw(`${n}::bigint`);
  // Targets with the same filters (CBCCVC for three of the five) share one test.
  const byFilter = new Map<string, { rule: TargetRule; bits: bigint[] }>();
  targets.forEach((t, i) => {
    const key = JSON.stringify([t.staffCategories, t.itRoles, t.headOfUnitOnly, t.tags]);
    const entry = byFilter.get(key) ?? { rule: t, bits: chunks.map(() => 0n) };
    entry.bits[chunkOf(i)]! |= bitIn(i);
    byFilter.set(key, entry);
  });
  const audBits = (k: number) =>
    Prisma.join(
      [...byFilter.values()]
        .filter((f) => f.bits[k] !== 0n)
        .map((f) => Prisma.sql`CASE WHEN ${matches(f.rule)} THEN ${big(f.bits[k]!)} ELSE 0::bigint END`),
      " | ",
    );
  const okBits = (k: number) =>
    Prisma.join(
      targets.flatMap((_, i) =>
        chunkOf(i) === k
          ? [
              Prisma.sql`CASE WHEN (coalesce(d.bits, 0) & ${big(masks[i]!)}) <> 0 THEN ${big(bitIn(i))} ELSE 0::bigint END`,
            ]
          : [],
      ),
      " | ",
    );
  const col = (name: string, k: number) => Prisma.raw(`${name}${k}`);
  const audCols = Prisma.join(chunks.map((k) => Prisma.sql`${audBits(k)} AS ${col("aud", k)}`));
  const okCols = Prisma.join(
    chunks.map((k) => Prisma.sql`a.${col("aud", k)}, a.${col("aud", k)} & (${okBits(k)}) AS ${col("ok", k)}`),
  );
  const inAnyAudience = Prisma.join(
    chunks.map((k) => Prisma.sql`a.${col("aud", k)} <> 0`),
    " OR ",
  );
  const audience = Prisma.join(
    targets.map(
      (_, i) => Prisma.sql`count(*) FILTER (WHERE x.${col("aud", chunkOf(i))} & ${big(bitIn(i))} <> 0)`,
    ),
  );
  const completed = Prisma.join(
    targets.map(
      (_, i) => Prisma.sql`count(*) FILTER (WHERE x.${col("ok", chunkOf(i))} & ${big(bitIn(i))} <> 0)`,
    ),
  );
  const merged = [...opts.survivors.keys()];
  const survivor = merged.map((id) => opts.survivors.get(id)!);
  // Live: each active person's current agency. As of a past instant: the membership open then (the latest
  // one if history overlaps, so each person counts once), with current attributes from Person.
  const people = opts.live
    ? Prisma.sql`SELECT p.*, p."agencyId" AS "atAgencyId" FROM "Person" p WHERE p.active`
    : Prisma.sql`SELECT p.*, m."agencyId" AS "atAgencyId"
        FROM (SELECT DISTINCT ON (m."personId") m."personId", m."agencyId" FROM "Membership" m
              WHERE m."startedAt" <= ${asOf} AND (m."endedAt" IS NULL OR m."endedAt" > ${asOf})
              ORDER BY m."personId", m."startedAt" DESC) m
        JOIN "Person" p ON p.id = m."personId"
        WHERE p.active`;
  // Merged-away agencies count at their survivor; skipped entirely when nothing was ever merged.
  const agencyOf = merged.length
    ? Prisma.sql`coalesce(mg.survivor, p."atAgencyId")`
    : Prisma.sql`p."atAgencyId"`;
  const mergedJoin = merged.length
    ? Prisma.sql`LEFT JOIN unnest(${merged}::uuid[], ${survivor}::uuid[]) AS mg(id, survivor) ON mg.id = p."atAgencyId"`
    : Prisma.empty;
  // Hashing every person's completions needs more than the default 4 MB of work_mem at national scale
  // (otherwise PostgreSQL sorts on disk or walks the personId index): raise it for this query only.
  const run = async (client: Client) => {
    await client.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
    return client.$queryRaw<{ agencyId: string; audience: number[]; completed: number[] }[]>`
    WITH p AS (${people}),
    done AS (
      SELECT c."personId", bit_or(${completionBits}) AS bits
      FROM "Completion" c
      WHERE c."completedAt" <= ${asOf} AND (c."validUntil" IS NULL OR c."validUntil" > ${asOf})
      GROUP BY c."personId"
      -- Cheaper than filtering rows with "topics && …": people with no relevant topic drop out here.
      HAVING bit_or(${completionBits}) <> 0
    )
    SELECT x."agencyId"::text AS "agencyId",
      ARRAY[${audience}]::int[] AS audience,
      ARRAY[${completed}]::int[] AS completed
    FROM (
      SELECT ${agencyOf} AS "agencyId", ${okCols}
      FROM p
      CROSS JOIN LATERAL (SELECT ${audCols}) a
      ${mergedJoin}
      LEFT JOIN done d ON d."personId" = p.id
      WHERE ${inAnyAudience}
      OFFSET 0 -- keeps the subquery whole: aud and ok are computed once per person, not once per count
    ) x
    GROUP BY x."agencyId"`;
  };
  // SET LOCAL only lasts inside a transaction: open one (on the replica too: a read-only one) unless the
  // caller already runs in theirs. A transaction client has no $transaction.
  const client = opts.client ?? db;
  const rows =
    typeof (client as Partial<typeof db>).$transaction === "function"
      ? await (client as typeof db).$transaction((tx) => run(tx), LONG_TX)
      : await run(client);
  for (const r of rows) {
    targets.forEach((t, i) => {
      const a = r.audience[i] ?? 0;
      if (a > 0) out.get(t.id)!.set(r.agencyId, { audience: a, completed: r.completed[i] ?? 0 });
    });
  }
  return out;
}

/** Merged-away agency → the active agency at the end of its mergedIntoId chain. */
export async function loadSurvivors(client: Client = db): Promise<Map<string, string>> {
  const rows = await client.agency.findMany({
    where: { mergedIntoId: { not: null } },
    select: { id: true, mergedIntoId: true },
  });
  return survivorsOf(rows.map((r) => ({ id: r.id, mergedIntoId: r.mergedIntoId! })));
}

export type LivePlan = { table: FigureTable; paths: ReadonlyMap<string, string> };

type PlanTarget = TargetRule & {
  code: string;
  title: string;
  position: number;
  agencyId: string | null;
  targetPercent: number;
  deadline: Date;
};

type PlanRow = PlanInfo & {
  /** The path of the plan's agency (the root of its figures). */
  rootPath: string;
  targets: (Omit<PlanTarget, "deadline"> & { deadline: string })[];
};

/**
 * A plan's targets (active ones, in order) with the plan and its agency's path, in one statement (the
 * dashboard reads it on every view); 404 when the plan does not exist.
 */
export async function loadPlanTargets(planId: string, client: Client = db) {
  if (!isUuid(planId)) throw new DomainError("targets.planNotFound", { status: 404 });
  const [plan] = await client.$queryRaw<PlanRow[]>`
    SELECT tp.id::text AS id, tp.title, tp."documentNumber", tp.issuer, tp.year,
      tp."agencyId"::text AS "agencyId", tp."startsAt", r.path AS "rootPath",
      COALESCE((
        SELECT json_agg(json_build_object('id', t.id, 'code', t.code, 'title', t.title, 'position', t.position,
                 'agencyId', t."agencyId", 'staffCategories', t."staffCategories", 'itRoles', t."itRoles",
                 'headOfUnitOnly', t."headOfUnitOnly", 'tags', t.tags, 'topics', t.topics,
                 'targetPercent', t."targetPercent", 'deadline', t.deadline)
               ORDER BY t.position, t.code)
        FROM "Target" t WHERE t."planId" = tp.id AND t.active
      ), '[]'::json) AS targets
    FROM "TrainingPlan" tp JOIN "Agency" r ON r.id = tp."agencyId"
    WHERE tp.id = ${planId}::uuid`;
  if (!plan) throw new DomainError("targets.planNotFound", { status: 404 });
  return {
    ...plan,
    targets: plan.targets.map((t): PlanTarget => ({ ...t, deadline: new Date(t.deadline) })),
  };
}

/** A plan target as the figure table shows it: a target without an agency of its own covers the plan's. */
function toTargetInfo(t: PlanTarget, plan: { agencyId: string }): TargetInfo {
  return {
    id: t.id,
    code: t.code,
    title: t.title,
    position: t.position,
    targetPercent: t.targetPercent,
    deadline: t.deadline,
    rootAgencyId: t.agencyId ?? plan.agencyId,
  };
}

/**
 * Live (or as-of) figures of every active target of a plan, for every active agency of the plan's subtree.
 * `asOf` in the past reads membership history; now or later reads current agencies (and the summary tables).
 */
export async function computePlanFigures(
  planId: string,
  opts: { asOf?: Date; client?: Client; exact?: boolean } = {},
): Promise<LivePlan> {
  const client = opts.client ?? db;
  const now = new Date();
  const asOf = opts.asOf ?? now;
  const live = asOf.getTime() >= now.getTime();
  const plan = await loadPlanTargets(planId, client);
  const root = { id: plan.agencyId, path: plan.rootPath };
  // The plan's subtree in tree order (cached per process while no agency changes: plan-tree.server.ts).
  const { paths, survivors, index, tree, pathList, ...cached } = await planTree(root, client);
  const agencies = [...cached.agencies];
  // Now (or later): the summary tables; a past instant, or `exact` (the reference in tests): the full query.
  const counts =
    live && !opts.exact
      ? await summaryCounts(plan.targets, asOf, { survivors, client })
      : await ownCounts(plan.targets, asOf, { live, survivors, client });
  const planInfo = toPlanInfo(plan);
  const targets: TargetInfo[] = [];
  const figures: FigureTable["figures"] = {};
  for (const t of plan.targets) {
    const info = toTargetInfo(t, plan);
    const rootId = info.rootAgencyId;
    const rootPath = paths.get(rootId);
    targets.push(info);
    // The target's own subtree; a parent outside it (the plan root above a narrower target) is cut off.
    const inSubtree = Uint8Array.from(pathList, (p) => (rootPath && p.startsWith(rootPath) ? 1 : 0));
    const make = figureMaker(info, planInfo, asOf);
    figures[t.id] = subtreeFigures(
      agencies,
      tree,
      inSubtree,
      index.get(rootId) ?? -1,
      counts.get(t.id)!,
      make,
    );
  }
  return { table: { plan: planInfo, asOf, snapshotId: null, targets, agencies, figures }, paths };
}

/**
 * A plan's live figure table without figures yet: the plan, its targets and agencies (in tree order), and
 * `fill`, which computes the figures of just the agencies asked for (summed in SQL per shown agency,
 * docs/decisions/014). The dashboard asks for the rows it renders; reports and exports take the full table
 * (computePlanFigures).
 */
export type PlanFrame = {
  /** figures: an empty record per target. */
  table: FigureTable;
  paths: ReadonlyMap<string, string>;
  /** Agency lies in the target's subtree (the full table has a figure for it). */
  covers: (targetId: string, agencyId: string) => boolean;
  /** The figures of these agencies (those the target covers), equal to the full table's. */
  fill: (agencyIds: Iterable<string>) => Promise<FigureTable["figures"]>;
};

export async function planFrame(planId: string, opts: { client?: Client } = {}): Promise<PlanFrame> {
  const client = opts.client ?? db;
  const asOf = new Date();
  const plan = await loadPlanTargets(planId, client);
  const root = { id: plan.agencyId, path: plan.rootPath };
  const { paths, survivors, tree, agencies, index } = await planTree(root, client);
  const planInfo = toPlanInfo(plan);
  const targets = plan.targets.map((t) => toTargetInfo(t, plan));
  const rootPaths = new Map(targets.map((t) => [t.id, paths.get(t.rootAgencyId)]));
  const covers = (targetId: string, agencyId: string) => {
    const rootPath = rootPaths.get(targetId);
    const path = paths.get(agencyId);
    return rootPath !== undefined && path !== undefined && path.startsWith(rootPath);
  };
  const fill = async (agencyIds: Iterable<string>) => {
    const shown = [...new Set(agencyIds)].filter((id) => index.has(id));
    // Each agency of the tree → the nearest shown agency at or above it, climbing the tree's parent links
    // exactly as the full roll-up (subtreeFigures) does; tree order puts parents first.
    const n = agencies.length;
    const bucketOf = new Int32Array(n).fill(-1);
    const shownAt = new Int32Array(n).fill(-1);
    shown.forEach((id, b) => (shownAt[index.get(id)!] = b));
    const ids: string[] = [];
    const buckets: number[] = [];
    const own: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const p = tree.parent[i]!;
      bucketOf[i] = shownAt[i]! >= 0 ? shownAt[i]! : p >= 0 ? bucketOf[p]! : -1;
      if (bucketOf[i]! < 0) continue;
      ids.push(agencies[i]!.id);
      buckets.push(bucketOf[i]!);
      own.push(shownAt[i]! >= 0);
    }
    // Merged-away agencies count at their survivor.
    for (const [merged, survivor] of survivors) {
      const i = index.get(survivor);
      if (i === undefined || bucketOf[i]! < 0) continue;
      ids.push(merged);
      buckets.push(bucketOf[i]!);
      own.push(shownAt[i]! >= 0);
    }
    // Each bucket's part (and its own agency's counts) per target, summed from the live counts in one pass.
    const T = targets.length;
    const partA = new Float64Array(shown.length * T);
    const partC = new Float64Array(shown.length * T);
    const ownA = new Float64Array(shown.length * T);
    const ownC = new Float64Array(shown.length * T);
    const sums = await withLiveCounts(plan.targets, asOf, client, (get) => {
      for (let j = 0; j < ids.length; j++) {
        const v = get(ids[j]!);
        if (!v) continue;
        const at = buckets[j]! * T;
        for (let k = 0; k < T; k++) {
          partA[at + k]! += v[k]!;
          partC[at + k]! += v[T + k]!;
          if (own[j]) {
            ownA[at + k]! += v[k]!;
            ownC[at + k]! += v[T + k]!;
          }
        }
      }
      return { partA, partC, ownA, ownC };
    });
    // A shown agency's figure: its own part plus the parts of the shown agencies below it.
    const shownAbove = shown.map((id) => {
      const above: number[] = [];
      for (let p = tree.parent[index.get(id)!]!; p >= 0; p = tree.parent[p]!)
        if (shownAt[p]! >= 0) above.push(shownAt[p]!);
      return above;
    });
    const figures: FigureTable["figures"] = {};
    targets.forEach((t, k) => {
      const sumA = new Float64Array(shown.length);
      const sumC = new Float64Array(shown.length);
      shown.forEach((_, b) => {
        for (const x of [b, ...shownAbove[b]!]) {
          sumA[x]! += sums.partA[b * T + k]!;
          sumC[x]! += sums.partC[b * T + k]!;
        }
      });
      const make = figureMaker(t, planInfo, asOf);
      const byAgency: Record<string, Figure> = {};
      shown.forEach((id, b) => {
        if (!covers(t.id, id)) return;
        byAgency[id] = make(sums.ownA[b * T + k]!, sums.ownC[b * T + k]!, sumA[b]!, sumC[b]!);
      });
      figures[t.id] = byAgency;
    });
    return figures;
  };
  return {
    table: {
      plan: planInfo,
      asOf,
      snapshotId: null,
      targets,
      agencies: [...agencies],
      figures: Object.fromEntries(targets.map((t) => [t.id, {}])),
    },
    paths,
    covers,
    fill,
  };
}

/** The table cut down to the agencies the caller may see (coordinators: their subtree). */
export function restrictToScope(
  table: FigureTable,
  paths: ReadonlyMap<string, string>,
  scope: Scope,
): FigureTable {
  if (scope === "ALL") return table;
  const visible = new Set(
    table.agencies.filter((a) => inScope(scope, paths.get(a.id) ?? "")).map((a) => a.id),
  );
  const figures: FigureTable["figures"] = {};
  for (const [tid, byAgency] of Object.entries(table.figures))
    figures[tid] = Object.fromEntries(Object.entries(byAgency).filter(([id]) => visible.has(id)));
  const agencies = table.agencies
    .filter((a) => visible.has(a.id))
    .map((a) => (a.parentId && !visible.has(a.parentId) ? { ...a, parentId: null } : a));
  return { ...table, agencies, figures };
}

/** Top agencies of a (restricted) table: the plan root for province-wide viewers, else the scope roots. */
export function tableRoots(table: FigureTable): AgencyInfo[] {
  return table.agencies.filter((a) => a.parentId === null);
}
