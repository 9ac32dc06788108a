import type { SnapshotPeriod } from "~/generated/prisma/enums";
import { translate } from "~/i18n";
import { formatDate } from "~/utils/format";
import { endOfVnDay, periodEndDay } from "~/utils/vn-calendar";

// The reporting dates of plans and snapshots; every other day and instant comes from app/utils/vn-calendar.ts.

/** Reporting dates: Quý I = 31/03, 6 tháng = 30/06, Quý III = 30/09, năm = 31/12 (end of day, Vietnam). */
export function reportingDate(period: Exclude<SnapshotPeriod, "CUSTOM">, year: number): Date {
  return endOfVnDay(periodEndDay(period, year));
}

/**
 * A snapshot's default label ("Quý I năm 2026", "Ngày 15/05/2026"). It is stored with the snapshot and printed
 * on every report made from it, whoever reads it, so it is written in the default locale, Vietnamese.
 */
export function defaultSnapshotLabel(period: SnapshotPeriod, year: number, asOf: Date): string {
  if (period === "CUSTOM") return translate("vi", "snap.dayLabel", { date: formatDate(asOf) });
  return translate("vi", "snap.defaultLabel", { period: translate("vi", `snap.periodName.${period}`), year });
}

/** The label of the monthly automatic snapshot at a month's end ("Tự động tháng 05/2026"), stored likewise. */
export function autoSnapshotLabel(asOf: Date): string {
  return translate("vi", "snap.autoLabel", { month: formatDate(asOf).slice(3) });
}
