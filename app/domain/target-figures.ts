// What the targets dashboard shows, shared by its components and the figures code: no zod here, so the
// dashboard page does not ship it to the browser (~/domain/targets, with the forms' schemas, re-exports these).
/** What a dashboard can be cut down to: every agency, departments only, communes only. */
export const VIEW_KINDS = ["ALL", "DEPARTMENT", "COMMUNE"] as const;

/** How a figure stands against its target: đạt, đúng tiến độ, chậm, chưa đạt (app/modules/targets/figures.ts). */
export type FigureStatus = "DAT" | "DUNG_TIEN_DO" | "CHAM" | "CHUA_DAT";
export const FIGURE_STATUSES: readonly FigureStatus[] = ["DAT", "DUNG_TIEN_DO", "CHAM", "CHUA_DAT"];

/** "66,7" — one decimal, Vietnamese comma; "—" without an audience. */
export function formatPercent(p: number | null, locale: "vi" | "en" = "vi"): string {
  if (p === null) return "—";
  const s = (Math.round(p * 10) / 10).toFixed(1);
  return locale === "vi" ? s.replace(".", ",") : s;
}
