// One card per target of the plan: its top figure the caller may see, linked to that target's view.
import { Link } from "@remix-run/react";
import { PercentBar, StatusBadge } from "~/components/targets-charts";
import type { Figure } from "~/modules/targets/figures";
import { useT } from "~/utils/i18n";
import { useFigureText } from "./figure-text";

export type TargetCard = {
  id: string;
  title: string;
  deadline: string;
  agencyName: string;
  figure: Figure | null;
  selected: boolean;
};

export function TargetCards({ cards, href }: { cards: TargetCard[]; href: (targetId: string) => string }) {
  const t = useT();
  const f = useFigureText();
  return (
    <section aria-label={t("tg.target")} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {cards.map((c) => (
        <Link
          key={c.id}
          to={href(c.id)}
          className={`card block hover:border-red-300 ${c.selected ? "ring-2 ring-red-600" : ""}`}
          data-testid="target-card"
        >
          <p className="text-sm font-medium text-slate-800">{c.title}</p>
          <p className="text-xs text-slate-500">
            {c.agencyName} · {t("tg.deadline", { date: c.deadline })}
          </p>
          {c.figure ? (
            <>
              <p className="mt-2 flex items-baseline gap-2">
                <span className="text-3xl font-semibold tabular-nums" data-testid="card-percent">
                  {f.percent(c.figure.percent)}%
                </span>
                <span className="text-sm text-slate-600">
                  {t("tg.goal", { percent: c.figure.targetPercent })}
                </span>
              </p>
              <div className="mt-2">
                <PercentBar figure={c.figure} label={`${f.percent(c.figure.percent)}%`} />
              </div>
              <p className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                <span>{f.completedOf(c.figure)}</span>
                {c.figure.gap > 0 ? <span>· {t("tg.gap", { gap: f.count(c.figure.gap) })}</span> : null}
                <StatusBadge status={c.figure.status} label={f.status(c.figure)} />
              </p>
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-500">—</p>
          )}
        </Link>
      ))}
    </section>
  );
}
