import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getAgencyTree } from "~/modules/agencies/agencies.server";
import { requireViewer } from "~/modules/auth/guards.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Báo cáo — Học ATTT" }];

type Row = { id: string; name: string; code: string; depth: number; own: number; total: number };

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireViewer(request);
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
  return { rows };
}

export default function ReportsPage() {
  const { rows } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("reports.title")}</h1>
        <p className="text-slate-600">{t("reports.subtitle")}</p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
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
