import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getAgencyTree } from "~/modules/agencies/agencies.server";
import { requireViewer } from "~/modules/auth/guards.server";
import { hasRole } from "~/modules/auth/scope";
import { useT, pageTitle } from "~/utils/i18n";
import { scrollRegion } from "~/components/scroll-region";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.reports") }];

type Row = { id: string; name: string; code: string; depth: number; own: number; total: number };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireViewer(request);
  const tree = await getAgencyTree(scope);
  // Flatten for a table: parents before children, indentation from depth within the caller's scope.
  const rows: Row[] = [];
  const walk = (nodes: typeof tree, level: number) => {
    for (const n of nodes) {
      rows.push({
        id: n.id,
        name: n.name,
        code: n.code,
        depth: level,
        own: n.personCount,
        total: n.subtreePersonCount,
      });
      walk(n.children, level + 1);
    }
  };
  walk(tree, 0);
  // Importing training records changes people's data: coordinators and admins only.
  return { rows, canImport: hasRole(actor, "COORDINATOR") || hasRole(actor, "ADMIN") };
}

export default function ReportsPage() {
  const { rows, canImport } = useLoaderData<typeof loader>();
  const t = useT();
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
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        {...scrollRegion(t("reports.title"))}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-3 py-2">{t("reports.agency")}</th>
              <th className="px-3 py-2 text-right">{t("reports.own")}</th>
              <th className="px-3 py-2 text-right">{t("reports.total")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="px-3 py-1.5" style={{ paddingLeft: `${0.75 + r.depth * 1.25}rem` }}>
                  {r.name} <span className="text-xs text-slate-500">({r.code})</span>
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{r.own.toLocaleString("vi-VN")}</td>
                <td className="px-3 py-1.5 text-right font-medium tabular-nums">
                  {r.total.toLocaleString("vi-VN")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
