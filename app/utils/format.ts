// Dates shown as dd/mm/yyyy in Asia/Ho_Chi_Minh, whatever the server's or browser's time zone.
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

const dateFmt = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});
const dateTimeFmt = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "";
  return dateFmt.format(new Date(d));
}

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "";
  return dateTimeFmt.format(new Date(d)).replace(",", "");
}

export function formatNumber(n: number, locale: "vi" | "en" = "vi"): string {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-US").format(n);
}
