// How the dashboard words a figure in the reader's locale: its percent, "12/40 người", its status.
import { type FigureStatus, formatPercent } from "~/domain/target-figures";
import type { MessageKey } from "~/i18n";
import type { Figure } from "~/modules/targets/figures";
import { formatNumber } from "~/utils/format";
import { useLocale, useT } from "~/utils/i18n";

export const statusKey = (s: FigureStatus | null): MessageKey => (s ? `tg.status.${s}` : "tg.status.none");

export function useFigureText() {
  const t = useT();
  const locale = useLocale();
  const count = (x: number) => formatNumber(x, locale);
  return {
    count,
    percent: (p: number | null) => formatPercent(p, locale),
    completedOf: (f: Pick<Figure, "completed" | "audience">) =>
      t("tg.completedOf", { completed: count(f.completed), audience: count(f.audience) }),
    status: (f: Pick<Figure, "status">) => t(statusKey(f.status)),
  };
}
