// How drill figures are worded in the reader's locale: percents, counts and the median time to report.
import { formatPercent } from "~/domain/target-figures";
import { durationParts } from "~/domain/phishing-results";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

export function useDrillText() {
  const t = useT();
  const locale = useLocale();
  return {
    count: (x: number) => formatNumber(x, locale),
    percent: (p: number | null) => formatPercent(p, locale),
    /** "8" for 8.0, "8,3" otherwise: the dashboard's short form. */
    shortPercent: (p: number | null) => formatPercent(p, locale).replace(/[.,]0$/, ""),
    duration: (ms: number | null) => {
      if (ms === null) return "—";
      const [d, h, m] = durationParts(ms);
      if (d > 0) return t("phr.dur.days", { d, h });
      if (h > 0) return t("phr.dur.hours", { h, m });
      return t("phr.dur.minutes", { m });
    },
  };
}
