import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ListTable } from "~/components/targets/list-table";
import { requireViewer } from "~/modules/auth/guards.server";
import { reportsPageData } from "~/modules/targets/reports.server";
import { formatNumber } from "~/utils/format";
import { useLocale, useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.reports") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireViewer(request);
  return reportsPageData(actor, scope);
}

export default function ReportsPage() {
  const { rows, canImport } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("reports.title")}</h1>
      </div>
      <nav aria-label={t("reports.title")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {(
          [
            ["/targets", "tg.title", "rep.dashboardHelp"],
            ["/targets/report", "tg.report", "rep.reportHelp"],
            ["/targets/snapshots", "tg.snapshots", "rep.snapshotsHelp"],
            ...(canImport ? [["/targets/completions/import", "tg.import", "rep.importHelp"] as const] : []),
          ] as const
        ).map(([to, title, help]) => (
          <Link key={to} to={to} className="card block hover:border-red-300">
            <span className="font-medium text-red-800">{t(title)}</span>
            <span className="mt-1 block text-sm text-slate-600">{t(help)}</span>
          </Link>
        ))}
      </nav>
      <h2 className="pt-2 text-lg font-semibold">{t("reports.subtitle")}</h2>
      <ListTable
        label={t("reports.title")}
        columns={[
          { label: t("reports.agency") },
          { label: t("reports.own"), className: "text-right" },
          { label: t("reports.total"), className: "text-right" },
        ]}
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="px-3 py-1.5" style={{ paddingLeft: `${0.75 + r.depth * 1.25}rem` }}>
              {r.name} <span className="text-xs text-slate-500">({r.code})</span>
            </td>
            <td className="px-3 py-1.5 text-right tabular-nums">{formatNumber(r.own, locale)}</td>
            <td className="px-3 py-1.5 text-right font-medium tabular-nums">
              {formatNumber(r.total, locale)}
            </td>
          </tr>
        ))}
      </ListTable>
    </div>
  );
}
