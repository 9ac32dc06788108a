// The IT queue: suspicious email reported by staff of the caller's subtree (admins, drill managers,
// coordinators), waiting or reviewed, searched by subject, sender or reporter.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { SearchBar } from "~/components/search-bar";
import { ListTable } from "~/components/targets/list-table";
import type { MessageKey } from "~/i18n";
import { requireActor } from "~/modules/auth/guards.server";
import { phishingReportScope } from "~/modules/auth/scope";
import { listReportQueue } from "~/modules/phishing/report-queue.server";
import { formatDateTime } from "~/utils/format";
import { forbidden, parseSearchParams } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";
import { listQuery } from "~/utils/paging";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.phishReportQueue") }];

const query = listQuery(
  {
    q: z.string().trim().max(200).default(""),
    status: z.enum(["NEW", "REVIEWED"]).default("NEW"),
  },
  50,
);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const scope = phishingReportScope(actor);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  const { q, status, ...paging } = parseSearchParams(request, query);
  return { q, status, ...(await listReportQueue(actor, { q, status }, paging)) };
}

export default function ReportQueuePage() {
  const { q, status, rows, total, page, pageSize } = useLoaderData<typeof loader>();
  const t = useT();
  const tab = (s: "NEW" | "REVIEWED", label: MessageKey) => (
    <Link
      to={`?${new URLSearchParams({ status: s, ...(q ? { q } : {}) })}`}
      className={s === status ? "btn-primary" : "btn-secondary"}
      aria-current={s === status ? "page" : undefined}
    >
      {t(label)}
    </Link>
  );
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("phishReport.queueTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("phishReport.queueIntro")}</p>
      </div>
      <div className="flex flex-wrap gap-2">
        {tab("NEW", "phishReport.showNew")}
        {tab("REVIEWED", "phishReport.showReviewed")}
      </div>
      <SearchBar schema={query} label={t("phishReport.search")} value={q}>
        <input type="hidden" name="status" value={status} />
      </SearchBar>
      {total === 0 ? (
        <p className="card text-slate-600">{t("phishReport.queueNone")}</p>
      ) : (
        <ListTable
          label={t("phishReport.queueTitle")}
          columns={[
            { label: t("phishReport.colDate") },
            { label: t("phishReport.colSubject") },
            { label: t("phishReport.colFrom"), className: "hidden md:table-cell" },
            { label: t("phishReport.colReporter"), className: "hidden sm:table-cell" },
            { label: t("phishReport.colAgency"), className: "hidden lg:table-cell" },
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.createdAt)}</td>
              <td className="px-3 py-2">
                <Link to={`/phishing/reports/${r.id}`} className="font-medium text-red-800 hover:underline">
                  {r.subject || t("phishReport.noSubject")}
                </Link>
              </td>
              <td className="hidden px-3 py-2 md:table-cell">{r.fromHeader}</td>
              <td className="hidden px-3 py-2 sm:table-cell">{r.reporterName ?? r.reporterEmail}</td>
              <td className="hidden px-3 py-2 lg:table-cell">{r.agencyName ?? "—"}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} schema={query} />
    </div>
  );
}
