import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/modules/auth/guards.server";
import { reportPageData } from "~/modules/targets/dashboard.server";
import { formatPercent } from "~/domain/targets";
import { parseViewQuery, resolveView } from "~/modules/targets/view.server";
import { formatNumber } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { getLocale } from "~/utils/i18n.server";
import { ReportDownloads } from "~/components/targets/report-downloads";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.targetReport") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireViewer(request);
  const view = await resolveView(parseViewQuery(request), scope);
  if (!view || !view.targetId) notFound("targets.nothingToReport");
  return reportPageData(view, getLocale(request));
}

// The site header and anything marked print:hidden disappear on paper; the table keeps its borders.
const PRINT_CSS = `@media print { header, .no-print { display: none !important; } main { max-width: none !important; padding: 0 !important; } body { background: white; } @page { size: A4; margin: 15mm; } }`;

export default function TargetReport() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const n = (x: number) => formatNumber(x);
  const cell = "border border-slate-400 px-2 py-1";
  return (
    <div className="mx-auto max-w-4xl space-y-4 bg-white p-4 font-serif text-slate-900 print:p-0">
      <style>{PRINT_CSS}</style>
      <div className="no-print flex flex-wrap gap-2 print:hidden">
        <Link to={`/targets?${d.query}`} className="btn-secondary">
          {t("tg.back")}
        </Link>
        <ReportDownloads query={d.query} />
        <PrintButton label={t("tg.print")} />
      </div>
      <p className="font-bold uppercase">{d.issuer}</p>
      <h1 className="text-center text-lg font-bold">{d.title}</h1>
      <p className="text-center text-sm">{d.planLine}</p>
      <p className="text-center text-sm italic">{d.asOfLine}</p>
      <p className="text-sm">{d.agencyLine}</p>
      <table className="w-full border-collapse text-sm" data-testid="report-table">
        <thead>
          <tr className="bg-slate-100">
            {d.headers.map((h) => (
              <th key={h} className={`${cell} text-center`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {d.rows.map((r, i) => (
            <tr key={`${r.id}-${i}`}>
              <td className={`${cell} text-center`}>{i + 1}</td>
              <td className={cell}>{r.name}</td>
              <td className={`${cell} text-right tabular-nums`}>{n(r.figure.audience)}</td>
              <td className={`${cell} text-right tabular-nums`}>{n(r.figure.completed)}</td>
              <td className={`${cell} text-right tabular-nums`}>{formatPercent(r.figure.percent)}</td>
              <td className={`${cell} text-center`}>{r.figure.targetPercent}</td>
              <td className={`${cell} text-center`}>{r.statusText}</td>
            </tr>
          ))}
          <tr className="font-bold" data-testid="report-total">
            <td className={cell} />
            <td className={cell}>{t("tg.total")}</td>
            <td className={`${cell} text-right tabular-nums`}>{n(d.total.audience)}</td>
            <td className={`${cell} text-right tabular-nums`}>{n(d.total.completed)}</td>
            <td className={`${cell} text-right tabular-nums`}>{formatPercent(d.total.percent)}</td>
            <td className={`${cell} text-center`}>{d.targetPercent}</td>
            <td className={`${cell} text-center`}>{d.totalStatus}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn-secondary" onClick={() => window.print()}>
      {label}
    </button>
  );
}
