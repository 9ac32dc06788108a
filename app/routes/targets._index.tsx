import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AgencyFigures } from "~/components/targets/agency-figures";
import { DashboardFilters } from "~/components/targets/dashboard-filters";
import { DrillTargets } from "~/components/phishing/drill-targets";
import { ReportDownloads } from "~/components/targets/report-downloads";
import { TargetCards } from "~/components/targets/target-cards";
import { TrendChart } from "~/components/targets-charts";
import { requireViewer } from "~/modules/auth/guards.server";
import { drillTargets } from "~/modules/phishing/results.server";
import { dashboardData, emptyDashboard } from "~/modules/targets/dashboard.server";
import { listPlans, parseViewQuery, resolveView } from "~/modules/targets/view.server";
import { pageTitle, useT } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.targets") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireViewer(request);
  // The plans are read once: the default plan, the plan picker and the "manage" link all come from them.
  const plans = await listPlans();
  // Only the figures the page shows are computed (in SQL); reports and exports take the full table.
  const view = await resolveView(parseViewQuery(request), scope, plans, { shownOnly: true });
  // Drill targets (phish-prone %, report rate) of the latest campaigns sit beside the training targets.
  const drills = await drillTargets(actor);
  if (!view) return { empty: true as const, drills, ...(await emptyDashboard(actor, scope, plans)) };
  return {
    empty: false as const,
    drills,
    ...(await dashboardData(view, actor, scope, getLocale(request), plans)),
  };
}

export default function TargetsDashboard() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  if (d.empty)
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">{t("tg.title")}</h1>
        <p className="card text-slate-600">{t("tg.noPlan")}</p>
        {d.canEdit ? (
          <Link to="/targets/plans" className="btn-primary">
            {t("tg.plans")}
          </Link>
        ) : null}
        <DrillTargets cards={d.drills} />
      </div>
    );
  /** This view with some parameters changed (null drops one). */
  const q = (extra: Record<string, string | null>) => {
    const p = new URLSearchParams(d.query);
    for (const [k, v] of Object.entries(extra)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    return `?${p.toString()}`;
  };
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("tg.title")}</h1>
          <p className="text-sm text-slate-600">
            {d.plan.title} — {d.plan.documentNumber} ·{" "}
            {d.snapshot ? t("tg.snapshotOf", { label: d.snapshot.label }) + " · " : ""}
            {t("tg.asOf", { date: d.asOf })}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <ReportDownloads query={d.query} />
          <Link to={`/targets/report?${d.query}`} className="btn-secondary">
            {t("tg.report")}
          </Link>
          <Link to={`/targets/snapshots?plan=${d.plan.id}`} className="btn-secondary">
            {t("tg.snapshots")}
          </Link>
          {d.canEdit ? (
            <Link to="/targets/plans" className="btn-secondary">
              {t("tg.plans")}
            </Link>
          ) : null}
        </div>
      </div>

      <DashboardFilters
        plans={d.plans}
        planId={d.plan.id}
        targets={d.targets}
        targetId={d.targetId}
        kind={d.kind}
        snapshotId={d.snapshot?.id ?? null}
      />
      <TargetCards cards={d.cards} href={(id) => q({ target: id, agency: null })} />
      <DrillTargets cards={d.drills} />

      {d.targets.length === 0 ? (
        <p className="card text-slate-600">{t("tg.noTargets")}</p>
      ) : (
        <>
          <AgencyFigures
            breadcrumb={d.breadcrumb}
            focus={d.focus.figure}
            rows={d.rows}
            href={(id) => q({ agency: id })}
          />
          <section className="card space-y-2">
            <h2 className="font-semibold">
              {t("tg.trend")} — {d.focus.name}
            </h2>
            {d.trend.filter((p) => p.percent !== null).length < 2 ? (
              <p className="text-sm text-slate-600">{t("tg.trendEmpty")}</p>
            ) : (
              <TrendChart
                points={d.trend}
                target={d.targetPercent}
                title={`${t("tg.trend")} — ${d.focus.name}`}
              />
            )}
          </section>
        </>
      )}
    </div>
  );
}
