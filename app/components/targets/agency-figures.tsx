// The figures of one target under one agency: where we are (breadcrumb), the agency's own figure, and the
// agencies listed under it, worst first, each drilling down when it has agencies below.
import { Link } from "@remix-run/react";
import { PercentBar, StatusBadge } from "~/components/targets-charts";
import type { Figure } from "~/modules/targets/figures";
import { useT } from "~/utils/i18n";
import { useFigureText } from "./figure-text";
import { ListTable } from "./list-table";

export type AgencyFigureRow = { id: string; name: string; ownOnly: boolean; drill: boolean; figure: Figure };

export function AgencyFigures({
  breadcrumb,
  focus,
  rows,
  href,
}: {
  breadcrumb: { id: string; name: string }[];
  focus: Figure | null;
  rows: AgencyFigureRow[];
  href: (agencyId: string) => string;
}) {
  const t = useT();
  const f = useFigureText();
  return (
    <section className="card space-y-3">
      <nav aria-label="Breadcrumb" className="flex flex-wrap items-center gap-1 text-sm">
        {breadcrumb.map((b, i) => (
          <span key={b.id} className="flex items-center gap-1">
            {i > 0 ? <span className="text-slate-400">›</span> : null}
            {i < breadcrumb.length - 1 ? (
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
      {focus ? (
        <p className="text-sm text-slate-700" data-testid="focus-figure">
          <span className="text-xl font-semibold tabular-nums">{f.percent(focus.percent)}%</span> ·{" "}
          {f.completedOf(focus)} · {t("tg.goal", { percent: focus.targetPercent })}{" "}
          <StatusBadge status={focus.status} label={f.status(focus)} />
        </p>
      ) : null}
      <p className="text-xs text-slate-500">{t("tg.worstFirst")}</p>
      {rows.length === 0 ? (
        <p className="text-slate-600">{t("tg.noRows")}</p>
      ) : (
        // On a phone: agency, percent and Đánh giá; the counts move under the name.
        <ListTable
          label={t("tg.title")}
          framed={false}
          testId="agency-table"
          columns={[
            { label: t("tg.agency") },
            { label: t("tg.audience"), className: "hidden text-right sm:table-cell" },
            { label: t("tg.completed"), className: "hidden text-right sm:table-cell" },
            { label: t("tg.percent"), className: "text-right" },
            { label: t("tg.chart"), className: "hidden sm:table-cell" },
            { label: t("tg.gapCol"), className: "hidden text-right sm:table-cell" },
            { label: t("tg.status") },
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
                  <span className={r.ownOnly ? "text-slate-600 italic" : ""}>{r.name}</span>
                )}
                <div className="text-xs text-slate-600 tabular-nums sm:hidden">{f.completedOf(r.figure)}</div>
              </td>
              <td className="hidden px-3 py-1.5 text-right tabular-nums sm:table-cell">
                {f.count(r.figure.audience)}
              </td>
              <td className="hidden px-3 py-1.5 text-right tabular-nums sm:table-cell">
                {f.count(r.figure.completed)}
              </td>
              <td className="px-3 py-1.5 text-right font-medium tabular-nums">
                {f.percent(r.figure.percent)}
              </td>
              <td className="hidden w-48 px-3 py-1.5 sm:table-cell">
                <PercentBar figure={r.figure} label={`${r.name}: ${f.percent(r.figure.percent)}%`} />
              </td>
              <td className="hidden px-3 py-1.5 text-right tabular-nums sm:table-cell">
                {f.count(r.figure.gap)}
              </td>
              <td className="px-3 py-1.5">
                <StatusBadge status={r.figure.status} label={f.status(r.figure)} />
              </td>
            </tr>
          ))}
        </ListTable>
      )}
    </section>
  );
}
