import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FilterForm } from "~/components/filter-form";
import { FilterSearch } from "~/components/filter-search";
import { FilterSelect } from "~/components/filter-select";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ListTable } from "~/components/targets/list-table";
import type { MessageKey } from "~/i18n";
import { requireDrillManager } from "~/modules/auth/guards.server";
import { CAMPAIGN_STATUSES, campaignListQuery } from "~/modules/phishing/campaign-list-query";
import { listCampaigns } from "~/modules/phishing/campaigns.server";
import { formatDate } from "~/utils/format";
import { parseSearchParams } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.phishing") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireDrillManager(request);
  const query = parseSearchParams(request, campaignListQuery);
  return { query, list: await listCampaigns(scope, query) };
}

const SORTS = ["-created", "name", "-name", "status", "window", "-window", "-audience"] as const;

export default function CampaignsPage() {
  const { query, list } = useLoaderData<typeof loader>();
  const t = useT();
  const statusLabel = (s: string) => t(`phc.status.${s}` as MessageKey);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("phc.title")}
        links={[
          { to: "/phishing/new", label: t("phc.new"), primary: true },
          { to: "/phishing/templates", label: t("phc.templatesLink") },
          { to: "/phishing/results", label: t("phc.resultsLink") },
        ]}
      />
      <FilterForm schema={campaignListQuery} className="flex flex-wrap items-end gap-2" role="search">
        {(errorOf) => (
          <>
            <FilterSearch
              label={t("common.search")}
              defaultValue={query.q}
              placeholder={t("phc.searchPlaceholder")}
              error={errorOf("q")}
            />
            <FilterSelect
              name="status"
              label={t("phc.status")}
              allLabel={t("phc.allStatuses")}
              options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
              defaultValue={query.status}
              error={errorOf("status")}
            />
            <FilterSelect
              name="sort"
              label={t("phc.sort")}
              options={SORTS.map((s) => ({ value: s, label: t(`phc.sort.${s}` as MessageKey) }))}
              defaultValue={query.sort}
              error={errorOf("sort")}
            />
            <button type="submit" className="btn-secondary">
              {t("common.search")}
            </button>
          </>
        )}
      </FilterForm>
      {list.rows.length === 0 ? (
        <p className="card text-slate-600">{query.q || query.status ? t("phc.noMatch") : t("phc.none")}</p>
      ) : (
        <ListTable
          label={t("phc.title")}
          columns={[
            { label: t("phc.name") },
            { label: t("phc.agency") },
            { label: t("phc.status") },
            { label: t("phc.window") },
            { label: t("phc.recipients"), className: "text-right" },
          ]}
        >
          {list.rows.map((c) => (
            <tr key={c.id}>
              <td className="px-3 py-2">
                <Link to={`/phishing/${c.id}`} className="font-medium text-red-800 hover:underline">
                  {c.name}
                </Link>
              </td>
              <td className="px-3 py-2">{c.agencyName}</td>
              <td className="px-3 py-2">{statusLabel(c.status)}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {formatDate(c.windowStart)} – {formatDate(c.windowEnd)}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{c.recipients || "—"}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} schema={campaignListQuery} />
    </div>
  );
}
