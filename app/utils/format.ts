// Dates shown as dd/mm/yyyy in Asia/Ho_Chi_Minh, whatever the server's or browser's time zone
// (the calendar is app/utils/vn-calendar.ts).
import { formatDay, formatDayTime, VN_TIME_ZONE } from "./vn-calendar";

export const TIME_ZONE = VN_TIME_ZONE;

export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "";
  return formatDay(new Date(d));
}

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "";
  return formatDayTime(d);
}

// Made once: an Intl.NumberFormat costs far more to build than to use (a dashboard formats hundreds of figures).
const NUMBER_FORMATS = { vi: new Intl.NumberFormat("vi-VN"), en: new Intl.NumberFormat("en-US") };

export function formatNumber(n: number, locale: "vi" | "en" = "vi"): string {
  return (locale === "en" ? NUMBER_FORMATS.en : NUMBER_FORMATS.vi).format(n);
}
