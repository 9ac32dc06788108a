// What a dashboard, report or export shows: plan, target, agency and snapshot chosen from the query string,
// each re-checked against the caller's scope (404 outside it), and the figure table cut down to that scope.
import { readDb } from "~/db.server";
import type { Scope } from "~/modules/auth/scope";
import { DomainError } from "~/utils/errors";
import { issueRef } from "~/utils/forms";
import { badRequest, notFound } from "~/utils/http.server";
import { type FigureTable, type KindFilter, cardTop, listedUnder } from "./figures";
import { computePlanFigures, planFrame, restrictToScope, tableRoots } from "./figures.server";
import { loadSnapshotTable } from "./snapshots.server";

import { type ViewQuery, viewQuerySchema } from "./view-query";

export { viewQuerySchema, type ViewQuery };

/** Parses the query string strictly: a bad value is a 400 naming the parameter, not a silent default. */
export function parseViewQuery(request: Request, extra: string[] = []): ViewQuery {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [k, v] of params) if (!extra.includes(k)) raw[k] = v;
  const parsed = viewQuerySchema.safeParse(raw);
  if (!parsed.success) badRequest(issueRef(parsed.error.issues[0]));
  return parsed.data;
}

/** Only ?plan= (the snapshots page), as strictly. */
export function parsePlanQuery(request: Request): string | undefined {
  const parsed = viewQuerySchema.pick({ plan: true }).safeParse({
    plan: new URL(request.url).searchParams.get("plan") ?? undefined,
  });
  if (!parsed.success) badRequest(issueRef(parsed.error.issues[0]));
  return parsed.data.plan;
}

/** The active plan of the latest year (then the newest), the dashboard's default. */
export async function defaultPlanId(): Promise<string | null> {
  const plan = await (
    await readDb()
  ).trainingPlan.findFirst({
    where: { active: true },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    select: { id: true },
  });
  return plan?.id ?? null;
}

export type PlanListing = {
  id: string;
  title: string;
  year: number;
  documentNumber: string;
  active: boolean;
  agencyId: string;
  /** The path of the plan's agency (scope checks: visiblePlans, mayManage). */
  agencyPath: string;
};

/** Every plan, active ones first, then the latest year (then the newest), with its agency's path: one query. */
export async function listPlans(): Promise<PlanListing[]> {
  return (await readDb()).$queryRaw<PlanListing[]>`
    SELECT tp.id::text AS id, tp.title, tp.year, tp."documentNumber", tp.active, tp."agencyId"::text AS "agencyId",
      a.path AS "agencyPath"
    FROM "TrainingPlan" tp JOIN "Agency" a ON a.id = tp."agencyId"
    ORDER BY tp.active DESC, tp.year DESC, tp."createdAt" DESC`;
}

/** defaultPlanId from a listPlans() already read (same order: its first plan, when active). */
export function defaultPlanOf(plans: readonly PlanListing[]): string | null {
  return plans[0]?.active ? plans[0].id : null;
}

/** A service's "not found" becomes the 404 page; anything else stays an error. */
function asNotFound(e: unknown): never {
  if (e instanceof DomainError && e.status === 404) notFound(e.ref);
  throw e;
}

export type ResolvedView = {
  table: FigureTable;
  targetId: string;
  agencyId: string;
  kind: KindFilter;
  snapshot: { id: string; label: string; period: string; asOf: Date } | null;
};

/**
 * Resolves the query against the data and the scope: null when there is no plan at all. Ids that do not
 * exist or lie outside the caller's scope are 404s. Reads the replica when there is one (readDb).
 * `shownOnly` (the dashboard): the live table holds the figures of just the agencies the dashboard renders
 * (the focus, its listed rows, each target's card), rolled up in SQL (docs/decisions/014); reports and
 * exports take the full table.
 */
export async function resolveView(
  q: ViewQuery,
  scope: Scope,
  /** The plans when the caller has read them already (the dashboard): saves defaultPlanId's query. */
  plans?: readonly PlanListing[],
  opts: { shownOnly?: boolean } = {},
): Promise<ResolvedView | null> {
  let loaded: { table: FigureTable; paths: ReadonlyMap<string, string> };
  let snapshot: ResolvedView["snapshot"] = null;
  if (q.snapshot) {
    const s = await loadSnapshotTable(q.snapshot).catch(asNotFound);
    if (q.plan && q.plan !== s.table.plan.id) badRequest("targets.snapshotOtherPlan");
    loaded = s;
    snapshot = s.snapshot;
  } else {
    const planId = q.plan ?? (plans ? defaultPlanOf(plans) : await defaultPlanId());
    if (!planId) return null;
    if (opts.shownOnly) return resolveShown(q, scope, planId);
    loaded = await computePlanFigures(planId, { client: await readDb() }).catch(asNotFound);
  }
  const table = restrictToScope(loaded.table, loaded.paths, scope);
  const has = (targetId: string, agencyId: string) => !!table.figures[targetId]?.[agencyId];
  const chosen = choose(q, table, has);
  return { table, ...chosen, kind: q.kind, snapshot };
}

/** The live dashboard's view: the table's figures only for the agencies the page shows. */
async function resolveShown(q: ViewQuery, scope: Scope, planId: string): Promise<ResolvedView> {
  const frame = await planFrame(planId, { client: await readDb() }).catch(asNotFound);
  const table = restrictToScope(frame.table, frame.paths, scope);
  const visible = scope === "ALL" ? null : new Set(table.agencies.map((a) => a.id));
  const has = (targetId: string, agencyId: string) =>
    (visible === null || visible.has(agencyId)) && frame.covers(targetId, agencyId);
  const chosen = choose(q, table, has);
  if (chosen.targetId) {
    const shown = new Set([chosen.agencyId, ...listedUnder(table, chosen.agencyId, q.kind).map((a) => a.id)]);
    for (const t of table.targets) {
      const top = cardTop(table, t, (id) => has(t.id, id));
      if (top) shown.add(top);
    }
    const figures = await frame.fill(shown);
    for (const t of table.targets)
      table.figures[t.id] = Object.fromEntries(
        Object.entries(figures[t.id] ?? {}).filter(([id]) => has(t.id, id)),
      );
  }
  return { table, ...chosen, kind: q.kind, snapshot: null };
}

/** The target and agency a view shows (404s outside the table); `has`: the table has that figure. */
function choose(
  q: ViewQuery,
  table: FigureTable,
  has: (targetId: string, agencyId: string) => boolean,
): { targetId: string; agencyId: string } {
  if (!table.agencies.length) notFound("targets.planOutOfScope");
  if (!table.targets.length) return { targetId: "", agencyId: tableRoots(table)[0].id };
  const target = q.target ? table.targets.find((t) => t.id === q.target) : table.targets[0];
  if (!target) notFound("targets.targetNotInPlan");
  let agencyId: string;
  if (q.agency) {
    if (!table.agencies.some((a) => a.id === q.agency)) notFound("targets.agencyOutOfScope");
    agencyId = q.agency;
  } else {
    // The target's own root when visible, else the highest visible agency the target covers.
    const root = has(target.id, target.rootAgencyId) ? target.rootAgencyId : undefined;
    agencyId = root ?? table.agencies.find((a) => has(target.id, a.id))?.id ?? tableRoots(table)[0].id;
  }
  return { targetId: target.id, agencyId };
}
