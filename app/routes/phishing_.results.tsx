// /phishing/results — "Kết quả diễn tập": phish-prone % and report rate of a chosen agency subtree across
// campaigns (one point per campaign), as a table and a line chart.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterSelect } from "~/components/filter-select";
import { useDrillText } from "~/components/phishing/drill-text";
import { DrillTrendChart } from "~/components/phishing/drill-trend-chart";
import { SelectFilterForm } from "~/components/select-filter-form";
import { ListTable } from "~/components/targets/list-table";
import { requireRole } from "~/modules/auth/guards.server";
import { trendPage } from "~/modules/phishing/results.server";
import { trendQuery } from "~/modules/phishing/results-query";
import { formatDate } from "~/utils/format";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.phishingResults") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["PHISHING_MANAGER", "COORDINATOR", "REVIEWER", "ADMIN"]);
  const { agency } = parseSearchParams(request, trendQuery);
  try {
    return await trendPage(actor, agency ?? null);
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export default function DrillTrendPage() {
  const { agency, points, options } = useLoaderData<typeof loader>();
  const t = useT();
  const f = useDrillText();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("phr.trend.title")}</h1>
      {!agency ? (
        <p className="card text-slate-600">{t("phr.trend.noScope")}</p>
      ) : (
        <>
          <SelectFilterForm className="flex flex-wrap items-end gap-2">
            <FilterSelect
              name="agency"
              label={t("phr.trend.agency")}
              defaultValue={agency.id}
              options={options.map((o) => ({ value: o.id, label: o.label }))}
            />
            <button type="submit" className="btn-secondary">
              {t("phr.trend.show")}
            </button>
          </SelectFilterForm>
          <section className="card space-y-3">
            <h2 className="font-semibold">{t("phr.trend.for", { name: agency.name })}</h2>
            {points.length === 0 ? (
              <p className="text-sm text-slate-600">{t("phr.trend.empty")}</p>
            ) : (
              <>
                <DrillTrendChart
                  points={points.map((p) => ({
                    label: formatDate(p.windowStart),
                    prone: p.pronePercent,
                    report: p.reportPercent,
                  }))}
                />
                <ListTable
                  label={t("phr.trend.title")}
                  framed={false}
                  testId="trend-table"
                  columns={[
                    { label: t("phr.trend.campaign") },
                    { label: t("phr.trend.date") },
                    { label: t("phr.delivered"), className: "text-right" },
                    { label: t("phr.pronePercent"), className: "text-right" },
                    { label: t("phr.reportPercent"), className: "text-right" },
                  ]}
                >
                  {points.map((p) => (
                    <tr key={p.campaignId}>
                      <td className="px-3 py-1.5">
                        <Link
                          to={`/phishing/${p.campaignId}/results?agency=${agency.id}`}
                          className="text-red-800 hover:underline"
                        >
                          {p.name}
                        </Link>
                      </td>
                      <td className="px-3 py-1.5 whitespace-nowrap">{formatDate(p.windowStart)}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{f.count(p.delivered)}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{f.percent(p.pronePercent)}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{f.percent(p.reportPercent)}</td>
                    </tr>
                  ))}
                </ListTable>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
