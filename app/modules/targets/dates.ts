import type { SnapshotPeriod } from "~/generated/prisma/enums";
import { endOfVnDay, periodEndDay } from "~/utils/vn-calendar";

// The reporting dates of plans and snapshots; every other day and instant comes from app/utils/vn-calendar.ts.

/** Reporting dates: Quý I = 31/03, 6 tháng = 30/06, Quý III = 30/09, năm = 31/12 (end of day, Vietnam). */
export function reportingDate(period: Exclude<SnapshotPeriod, "CUSTOM">, year: number): Date {
  return endOfVnDay(periodEndDay(period, year));
}

/** How a snapshot's default label names its period (stored with the snapshot, as reports print it). */
export const PERIOD_LABEL: Record<SnapshotPeriod, string> = {
  Q1: "Quý I",
  H1: "6 tháng",
  Q3: "Quý III",
  YEAR: "Năm",
  CUSTOM: "Tùy chọn",
};
