// /phishing/<id>/results — a campaign's results: totals, and the agencies under one agency like the targets
// dashboard (breadcrumb, drill-down), sortable, searchable, paged, with the Excel file of every row.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DownloadLink } from "~/components/download-link";
import { FilterSelect } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { DrillTotals, ResultsTable } from "~/components/phishing/results-table";
import { SearchBar } from "~/components/search-bar";
import type { MessageKey } from "~/i18n";
import { requireRole } from "~/modules/auth/guards.server";
import { resultsPage } from "~/modules/phishing/results-page.server";
import { RESULTS_SORTS, resultsQuery } from "~/modules/phishing/results-query";
import { formatDate } from "~/utils/format";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";
import { uuidParam } from "~/utils/uuid.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "title.phishingCampaignResults") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["PHISHING_MANAGER", "COORDINATOR", "REVIEWER", "ADMIN"]);
  const id = uuidParam(params.campaignId);
  const query = parseSearchParams(request, resultsQuery);
  try {
    return await resultsPage(actor, id, query);
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export default function CampaignResultsPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/phishing/${d.campaign.id}/results`;
  const href = (agencyId: string) => {
    const p = new URLSearchParams({ agency: agencyId, sort: d.query.sort });
    return `${base}?${p}`;
  };
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{t("phr.campaignTitle", { name: d.campaign.name })}</h1>
          <p className="text-sm text-slate-600">
            {t("phr.window", {
              from: formatDate(d.campaign.windowStart),
              to: formatDate(d.campaign.windowEnd),
            })}{" "}
            · {t("phr.campaignStatus")}: {t(`phr.status.${d.campaign.status}` as MessageKey)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <DownloadLink href={`${base}.xlsx`} kind="xlsx" className="btn-secondary">
            {t("phr.download")}
          </DownloadLink>
          <Link to="/phishing/results" className="btn-secondary">
            {t("phr.trendLink")}
          </Link>
        </div>
      </div>

      <section className="card space-y-2">
        <h2 className="font-semibold">{t("phr.all")}</h2>
        <DrillTotals figure={d.total} />
        <p className="text-xs text-slate-500">{t("phr.proneHint")}</p>
      </section>

      <section className="card space-y-3">
        {d.breadcrumb.length ? (
          <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-1 text-sm">
            {d.breadcrumb.map((b, i) => (
              <span key={b.id} className="flex items-center gap-1">
                {i > 0 ? <span className="text-slate-400">›</span> : null}
                {i < d.breadcrumb.length - 1 ? (
                  <Link to={href(b.id)} className="text-red-800 hover:underline">
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
        ) : (
          <h2 className="font-semibold">{t("phr.byAgency")}</h2>
        )}
        <SearchBar
          schema={resultsQuery}
          label={t("phr.search")}
          value={d.query.q}
          inputClassName="max-w-xs"
          className="items-end"
        >
          {d.query.agency ? <input type="hidden" name="agency" value={d.query.agency} /> : null}
          <FilterSelect
            name="sort"
            label={t("phr.sort")}
            defaultValue={d.query.sort}
            options={RESULTS_SORTS.map((s) => ({ value: s, label: t(`phr.sort.${s}` as MessageKey) }))}
          />
        </SearchBar>
        {d.rows.length === 0 ? (
          <p className="text-slate-600">{t("phr.noRows")}</p>
        ) : (
          <ResultsTable rows={d.rows} href={href} />
        )}
        <Pagination
          page={d.query.page}
          pageSize={d.query.pageSize}
          total={d.totalRows}
          schema={resultsQuery}
        />
      </section>
    </div>
  );
}
