// The agencies of a campaign's results: counts, phish-prone %, report rate and median time to report per
// row; an agency with agencies below it links to its own breakdown.
import { Link } from "@remix-run/react";
import { ListTable } from "~/components/targets/list-table";
import type { DrillFigure } from "~/domain/phishing-results";
import { useT } from "~/utils/i18n";
import { useDrillText } from "./drill-text";

export type ResultsTableRow = {
  id: string;
  name: string;
  ownOnly: boolean;
  drill: boolean;
  figure: DrillFigure;
};

export function ResultsTable({
  rows,
  href,
}: {
  rows: ResultsTableRow[];
  href: (agencyId: string) => string;
}) {
  const t = useT();
  const f = useDrillText();
  const num = "hidden px-3 py-1.5 text-right tabular-nums md:table-cell";
  return (
    <ListTable
      label={t("phr.byAgency")}
      framed={false}
      testId="results-table"
      columns={[
        { label: t("phr.agency") },
        { label: t("phr.recipients"), className: "hidden text-right md:table-cell" },
        { label: t("phr.delivered"), className: "hidden text-right md:table-cell" },
        { label: t("phr.opened"), className: "hidden text-right md:table-cell" },
        { label: t("phr.clicked"), className: "hidden text-right md:table-cell" },
        { label: t("phr.submitted"), className: "hidden text-right md:table-cell" },
        { label: t("phr.reported"), className: "hidden text-right md:table-cell" },
        { label: t("phr.pronePercent"), className: "text-right" },
        { label: t("phr.reportPercent"), className: "text-right" },
        { label: t("phr.median"), className: "hidden text-right sm:table-cell" },
      ]}
    >
      {rows.map((r) => (
        <tr key={`${r.id}-${r.ownOnly}`}>
          <td className="px-3 py-1.5 sm:min-w-40">
            {r.drill ? (
              <Link to={href(r.id)} className="font-medium text-red-800 hover:underline">
                {r.name}
              </Link>
            ) : (
              <span className={r.ownOnly ? "text-slate-600 italic" : ""}>
                {r.ownOnly ? t("phr.ownStaff", { name: r.name }) : r.name}
              </span>
            )}
          </td>
          <td className={num}>{f.count(r.figure.recipients)}</td>
          <td className={num}>{f.count(r.figure.delivered)}</td>
          <td className={num}>{f.count(r.figure.opened)}</td>
          <td className={num}>{f.count(r.figure.clicked)}</td>
          <td className={num}>{f.count(r.figure.submitted)}</td>
          <td className={num}>{f.count(r.figure.reported)}</td>
          <td className="px-3 py-1.5 text-right font-medium tabular-nums" data-testid="prone">
            {f.percent(r.figure.pronePercent)}
          </td>
          <td className="px-3 py-1.5 text-right tabular-nums">{f.percent(r.figure.reportPercent)}</td>
          <td className="hidden px-3 py-1.5 text-right tabular-nums sm:table-cell">
            {f.duration(r.figure.medianReportMs)}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

/** The campaign's (or the focus agency's) figures as a row of numbers. */
export function DrillTotals({ figure }: { figure: DrillFigure }) {
  const t = useT();
  const f = useDrillText();
  const items: [string, string][] = [
    [t("phr.recipients"), f.count(figure.recipients)],
    [t("phr.sent"), f.count(figure.sent)],
    [t("phr.delivered"), f.count(figure.delivered)],
    [t("phr.opened"), f.count(figure.opened)],
    [t("phr.clicked"), f.count(figure.clicked)],
    [t("phr.submitted"), f.count(figure.submitted)],
    [t("phr.reported"), f.count(figure.reported)],
    [t("phr.pronePercent"), f.percent(figure.pronePercent)],
    [t("phr.reportPercent"), f.percent(figure.reportPercent)],
    [t("phr.median"), f.duration(figure.medianReportMs)],
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="drill-totals">
      {items.map(([label, value]) => (
        <div key={label} className="rounded border border-slate-200 bg-white px-3 py-2">
          <dt className="text-xs text-slate-600">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
