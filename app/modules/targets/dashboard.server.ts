// Data of the targets dashboard and the report page, from a resolved view: plain values ready to render.
import { type Actor, isAdmin, type Scope } from "~/modules/auth/scope";
import { formatDate, formatDateTime } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { type Figure, ancestry, cardTop, reportRows, worstFirst } from "./figures";
import { reportModel, rowLabel, statusLabel } from "./report.server";
import { type Locale, translate } from "~/i18n";
import { listSnapshots, trendPoints } from "./snapshots.server";
import { mayManagePlan } from "./manage.server";
import { canManagePlan } from "./manage";
import { type PlanListing, type ResolvedView, defaultPlanId, listPlans } from "./view.server";

/** Plans the caller can open: those covering their scope or lying inside it (`plans`: listPlans() read already). */
export async function visiblePlans(scope: Scope, plans?: readonly PlanListing[]) {
  const all = plans ?? (await listPlans());
  if (scope === "ALL") return [...all];
  return all.filter((p) => scope.some((s) => s.startsWith(p.agencyPath) || p.agencyPath.startsWith(s)));
}

/** The dashboard without any plan: a link to the plans for those who may create one. */
export async function emptyDashboard(actor: Actor, scope: Scope, plans?: readonly PlanListing[]) {
  return { canEdit: isAdmin(actor) || (await visiblePlans(scope, plans)).length > 0 };
}

export function viewQueryString(v: ResolvedView, overrides: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  const values: Record<string, string | null> = {
    plan: v.table.plan.id,
    target: v.targetId,
    agency: v.agencyId,
    kind: v.kind === "ALL" ? null : v.kind,
    snapshot: v.snapshot?.id ?? null,
    ...overrides,
  };
  for (const [k, val] of Object.entries(values)) if (val) params.set(k, val);
  return params.toString();
}

export async function dashboardData(
  v: ResolvedView,
  actor: Actor,
  scope: Scope,
  locale: Locale,
  allPlans?: readonly PlanListing[],
) {
  const { table } = v;
  const plans = await visiblePlans(scope, allPlans);
  // The plan's agency path is in the listing: no query of its own for the "manage" link.
  const listed = plans.find((p) => p.id === table.plan.id);
  const cards = table.targets.map((t) => {
    const figures = table.figures[t.id] ?? {};
    // The target's top figure the caller may see: its root, or the first visible root it covers.
    const top = cardTop(table, t, (id) => !!figures[id]);
    const agency = table.agencies.find((a) => a.id === top);
    return {
      id: t.id,
      title: t.title,
      deadline: formatDate(t.deadline),
      agencyName: agency?.name ?? "",
      figure: top ? (figures[top] as Figure) : null,
      selected: t.id === v.targetId,
    };
  });
  const target = table.targets.find((t) => t.id === v.targetId);
  const figures = target ? (table.figures[target.id] ?? {}) : {};
  const focus = table.agencies.find((a) => a.id === v.agencyId)!;
  // One pass over the agencies (listedUnder per row would walk all 10,000 of a national tree each time).
  const parents = new Set(table.agencies.map((a) => a.parentId));
  const hasChildren = (id: string) => parents.has(id);
  const rows = target
    ? worstFirst(reportRows(table, target.id, v.agencyId, v.kind)).map((r) => ({
        id: r.agency.id,
        name: rowLabel(locale, r),
        kind: r.agency.kind,
        ownOnly: r.ownOnly,
        drill: !r.ownOnly && hasChildren(r.agency.id),
        figure: r.figure,
      }))
    : [];
  const now = new Date();
  const trend = target
    ? (
        await trendPoints(
          table.plan.id,
          target.id,
          v.agencyId,
          v.snapshot ? undefined : figures[v.agencyId],
          now,
        )
      ).map((p) => ({
        x: p.asOf.getTime(),
        label: p.live ? translate(locale, "tg.nowShort") : formatDate(p.asOf).slice(3).replace("/20", "/"),
        percent: p.percent,
        live: p.live,
      }))
    : [];
  return {
    plan: {
      id: table.plan.id,
      title: table.plan.title,
      documentNumber: table.plan.documentNumber,
      year: table.plan.year,
    },
    plans: plans.map((p) => ({
      id: p.id,
      label: `${p.title} (${p.year})`,
      active: p.active,
    })),
    asOf: formatDate(table.asOf),
    snapshot: v.snapshot ? { id: v.snapshot.id, label: v.snapshot.label } : null,
    targets: table.targets.map((t) => ({ id: t.id, title: t.title })),
    targetId: v.targetId,
    targetPercent: target?.targetPercent ?? 0,
    kind: v.kind,
    cards,
    focus: { id: focus.id, name: focus.name, figure: (figures[focus.id] as Figure | undefined) ?? null },
    breadcrumb: ancestry(table, v.agencyId).map((a) => ({ id: a.id, name: a.name })),
    rows,
    trend,
    canEdit: listed ? canManagePlan(actor, listed.agencyPath) : await mayManagePlan(actor, table.plan.id),
    query: viewQueryString(v),
  };
}

/** The report page: the same model the XLSX and CSV files are written from. */
export function reportPageData(v: ResolvedView, locale: Locale) {
  const m = reportModel({
    table: v.table,
    targetId: v.targetId,
    agencyId: v.agencyId,
    kind: v.kind,
    snapshotLabel: v.snapshot?.label ?? null,
    locale,
  });
  return {
    ...m,
    rows: m.rows.map((r) => ({
      id: r.agency.id,
      name: rowLabel(locale, r),
      figure: r.figure,
      statusText: statusLabel(locale, r.figure.status),
    })),
    totalStatus: statusLabel(locale, m.total.status),
    query: viewQueryString(v),
  };
}

/** The snapshots page: a plan the caller can open (the default one without ?plan=) and its snapshots. */
export async function snapshotsPageData(actor: Actor, scope: Scope, planId: string | undefined) {
  const id = planId ?? (await defaultPlanId());
  if (!id) notFound("targets.noPlans");
  const plan = (await visiblePlans(scope)).find((p) => p.id === id);
  if (!plan) notFound("targets.planNotInScope");
  const snapshots = await listSnapshots(plan.id);
  return {
    plan: { id: plan.id, title: plan.title, year: plan.year },
    canEdit: await mayManagePlan(actor, plan.id),
    thisYear: new Date().getFullYear(),
    snapshots: snapshots.map((s) => ({
      id: s.id,
      label: s.label,
      asOf: formatDate(s.asOf),
      automatic: s.automatic,
      createdAt: formatDateTime(s.createdAt),
    })),
  };
}
