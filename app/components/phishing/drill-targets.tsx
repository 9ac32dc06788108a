// The drill targets beside the training targets on /targets: "Tỷ lệ nhấp 8% (chỉ tiêu ≤ 10%)", đạt / chưa đạt.
import { Link } from "@remix-run/react";
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";
import { useDrillText } from "./drill-text";

export type DrillTargetCard = {
  campaignId: string;
  name: string;
  windowStart: string | Date;
  delivered: number;
  pronePercent: number | null;
  reportPercent: number | null;
  clickRateTarget: number | null;
  reportRateTarget: number | null;
  clickMet: boolean | null;
  reportMet: boolean | null;
};

function Met({ met }: { met: boolean | null }) {
  const t = useT();
  if (met === null) return <span className="text-xs text-slate-500">{t("phr.dash.noData")}</span>;
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${met ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800"}`}
    >
      {met ? t("phr.dash.met") : t("phr.dash.notMet")}
    </span>
  );
}

export function DrillTargets({ cards }: { cards: DrillTargetCard[] }) {
  const t = useT();
  const f = useDrillText();
  if (!cards.length) return null;
  return (
    <section className="card space-y-2" data-testid="drill-targets">
      <h2 className="font-semibold">{t("phr.dash.title")}</h2>
      <ul className="grid gap-3 md:grid-cols-3">
        {cards.map((c) => (
          <li key={c.campaignId} className="rounded border border-slate-200 p-3 text-sm">
            <Link
              to={`/phishing/${c.campaignId}/results`}
              className="font-medium text-red-800 hover:underline"
            >
              {c.name}
            </Link>
            <p className="text-xs text-slate-600">{formatDate(c.windowStart)}</p>
            {c.clickRateTarget !== null ? (
              <p className="mt-1 flex flex-wrap items-center gap-2">
                {t("phr.dash.click", {
                  percent: f.shortPercent(c.pronePercent),
                  target: c.clickRateTarget,
                })}
                <Met met={c.clickMet} />
              </p>
            ) : null}
            {c.reportRateTarget !== null ? (
              <p className="mt-1 flex flex-wrap items-center gap-2">
                {t("phr.dash.report", {
                  percent: f.shortPercent(c.reportPercent),
                  target: c.reportRateTarget,
                })}
                <Met met={c.reportMet} />
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
