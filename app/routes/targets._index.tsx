import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PercentBar, StatusBadge, TrendChart } from "~/components/targets-charts";
import type { MessageKey } from "~/i18n";
import { requireViewer } from "~/modules/auth/guards.server";
import { dashboardData, visiblePlans } from "~/modules/targets/dashboard.server";
import { type Figure, formatPercent } from "~/modules/targets/figures";
import { parseViewQuery, resolveView } from "~/modules/targets/view.server";
import { isAdmin } from "~/modules/auth/scope";
import { formatNumber } from "~/utils/format";
import { useLocale, useT, pageTitle } from "~/utils/i18n";
import { DownloadLink } from "~/components/download-link";
import { scrollRegion } from "~/components/scroll-region";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.targets") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireViewer(request);
  const view = await resolveView(parseViewQuery(request), scope);
  if (!view) {
    const plans = await visiblePlans(scope);
    return { empty: true as const, canEdit: isAdmin(actor) || plans.length > 0 };
  }
  return { empty: false as const, ...(await dashboardData(view, actor, scope)) };
}

const statusKey = (s: Figure["status"]) => (s ? (`tg.status.${s}` as MessageKey) : "tg.status.none");

export default function TargetsDashboard() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
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
      </div>
    );
  const q = (extra: Record<string, string | null>) => {
    const p = new URLSearchParams(d.query);
    for (const [k, v] of Object.entries(extra)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    return `?${p.toString()}`;
  };
  const n = (x: number) => formatNumber(x, locale);
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
          <DownloadLink href={`/targets/export?format=xlsx&${d.query}`} kind="xlsx" className="btn-primary">
            {t("tg.exportXlsx")}
          </DownloadLink>
          <DownloadLink href={`/targets/export?format=csv&${d.query}`} kind="csv" className="btn-secondary">
            {t("tg.exportCsv")}
          </DownloadLink>
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

      <Form method="get" className="card flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="plan" className="label">
            {t("tg.plan")}
          </label>
          <select id="plan" name="plan" defaultValue={d.plan.id} className="input">
            {d.plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-56 flex-1">
          <label htmlFor="target" className="label">
            {t("tg.target")}
          </label>
          <select id="target" name="target" defaultValue={d.targetId} className="input">
            {d.targets.map((x) => (
              <option key={x.id} value={x.id}>
                {x.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="kind" className="label">
            {t("tg.kind")}
          </label>
          <select id="kind" name="kind" defaultValue={d.kind} className="input">
            {(["ALL", "DEPARTMENT", "COMMUNE"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`tg.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {d.snapshot ? <input type="hidden" name="snapshot" value={d.snapshot.id} /> : null}
        <button type="submit" className="btn-secondary">
          {t("tg.show")}
        </button>
      </Form>

      <section aria-label={t("tg.target")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {d.cards.map((c) => (
          <Link
            key={c.id}
            to={q({ target: c.id, agency: null })}
            className={`card block hover:border-red-300 ${c.selected ? "ring-2 ring-red-600" : ""}`}
            data-testid="target-card"
          >
            <p className="text-sm font-medium text-slate-800">{c.title}</p>
            <p className="text-xs text-slate-500">
              {c.agencyName} · {t("tg.deadline", { date: c.deadline })}
            </p>
            {c.figure ? (
              <>
                <p className="mt-2 flex items-baseline gap-2">
                  <span className="text-3xl font-semibold tabular-nums" data-testid="card-percent">
                    {formatPercent(c.figure.percent, locale)}%
                  </span>
                  <span className="text-sm text-slate-600">
                    {t("tg.goal", { percent: c.figure.targetPercent })}
                  </span>
                </p>
                <div className="mt-2">
                  <PercentBar
                    percent={c.figure.percent}
                    target={c.figure.targetPercent}
                    status={c.figure.status}
                    label={`${formatPercent(c.figure.percent, locale)}%`}
                  />
                </div>
                <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span>
                    {t("tg.completedOf", {
                      completed: n(c.figure.completed),
                      audience: n(c.figure.audience),
                    })}
                  </span>
                  {c.figure.gap > 0 ? <span>· {t("tg.gap", { gap: n(c.figure.gap) })}</span> : null}
                  <StatusBadge status={c.figure.status} label={t(statusKey(c.figure.status))} />
                </p>
              </>
            ) : (
              <p className="mt-2 text-sm text-slate-500">—</p>
            )}
          </Link>
        ))}
      </section>

      {d.targets.length === 0 ? <p className="card text-slate-600">{t("tg.noTargets")}</p> : null}

      {d.targets.length ? (
        <section className="card space-y-3">
          <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-1 text-sm">
            {d.breadcrumb.map((b, i) => (
              <span key={b.id} className="flex items-center gap-1">
                {i > 0 ? <span className="text-slate-400">›</span> : null}
                {i < d.breadcrumb.length - 1 ? (
                  <Link to={q({ agency: b.id })} className="text-red-800 hover:underline">
                    {b.name}
                  </Link>
                ) : (
                  <span className="font-semibold" aria-current="page">
                    {b.name}
                  </span>
                )}
              </span>
            ))}
          </nav>
          {d.focus.figure ? (
            <p className="text-sm text-slate-700" data-testid="focus-figure">
              <span className="text-xl font-semibold tabular-nums">
                {formatPercent(d.focus.figure.percent, locale)}%
              </span>{" "}
              ·{" "}
              {t("tg.completedOf", {
                completed: n(d.focus.figure.completed),
                audience: n(d.focus.figure.audience),
              })}{" "}
              · {t("tg.goal", { percent: d.focus.figure.targetPercent })}{" "}
              <StatusBadge status={d.focus.figure.status} label={t(statusKey(d.focus.figure.status))} />
            </p>
          ) : null}
          <p className="text-xs text-slate-500">{t("tg.worstFirst")}</p>
          {d.rows.length === 0 ? (
            <p className="text-slate-600">{t("tg.noRows")}</p>
          ) : (
            // On a phone: agency, percent and Đánh giá; the counts move under the name.
            <div className="overflow-x-auto" {...scrollRegion(t("tg.title"))}>
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="agency-table">
                <thead className="bg-slate-50 text-left">
                  <tr>
                    <th className="px-3 py-2">{t("tg.agency")}</th>
                    <th className="hidden px-3 py-2 text-right sm:table-cell">{t("tg.audience")}</th>
                    <th className="hidden px-3 py-2 text-right sm:table-cell">{t("tg.completed")}</th>
                    <th className="px-3 py-2 text-right">{t("tg.percent")}</th>
                    <th className="hidden px-3 py-2 sm:table-cell">{t("tg.chart")}</th>
                    <th className="hidden px-3 py-2 text-right sm:table-cell">{t("tg.gapCol")}</th>
                    <th className="px-3 py-2">{t("tg.status")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {d.rows.map((r) => (
                    <tr key={`${r.id}-${r.ownOnly}`}>
                      <td className="px-3 py-1.5 sm:min-w-40">
                        {r.drill ? (
                          <Link to={q({ agency: r.id })} className="font-medium text-red-800 hover:underline">
                            {r.name}
                          </Link>
                        ) : (
                          <span className={r.ownOnly ? "text-slate-600 italic" : ""}>{r.name}</span>
                        )}
                        <div className="text-xs text-slate-600 tabular-nums sm:hidden">
                          {t("tg.completedOf", {
                            completed: n(r.figure.completed),
                            audience: n(r.figure.audience),
                          })}
                        </div>
                      </td>
                      <td className="hidden px-3 py-1.5 text-right tabular-nums sm:table-cell">
                        {n(r.figure.audience)}
                      </td>
                      <td className="hidden px-3 py-1.5 text-right tabular-nums sm:table-cell">
                        {n(r.figure.completed)}
                      </td>
                      <td className="px-3 py-1.5 text-right font-medium tabular-nums">
                        {formatPercent(r.figure.percent, locale)}
                      </td>
                      <td className="hidden w-48 px-3 py-1.5 sm:table-cell">
                        <PercentBar
                          percent={r.figure.percent}
                          target={r.figure.targetPercent}
                          status={r.figure.status}
                          label={`${r.name}: ${formatPercent(r.figure.percent, locale)}%`}
                        />
                      </td>
                      <td className="hidden px-3 py-1.5 text-right tabular-nums sm:table-cell">
                        {n(r.figure.gap)}
                      </td>
                      <td className="px-3 py-1.5">
                        <StatusBadge status={r.figure.status} label={t(statusKey(r.figure.status))} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {d.targets.length ? (
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
      ) : null}
    </div>
  );
}
