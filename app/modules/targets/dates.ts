import type { SnapshotPeriod } from "~/generated/prisma/enums";
import {
  type CalendarDay,
  endOfVnDay,
  endOfVnMonth,
  monthEnds as vnMonthEnds,
  parseDay as parseVnDay,
  periodEndDay,
  startOfVnDay,
} from "~/utils/vn-calendar";

// Calendar days of plans, targets and snapshots; the calendar itself is app/utils/vn-calendar.ts.

/** [year, month, day] of a real calendar day typed as dd/mm/yyyy (or yyyy-mm-dd), or null ("31/02/2026"). */
export function parseDay(text: string): CalendarDay | null {
  return parseVnDay(text);
}

/** 00:00 of the day in Vietnam. */
export function startOfDayVn(day: CalendarDay): Date {
  return startOfVnDay(day);
}

/** The last millisecond of the day in Vietnam: a deadline or a reporting date includes its whole day. */
export function endOfDayVn(y: number, m: number, d: number): Date {
  return endOfVnDay([y, m, d]);
}

/** Reporting dates: Quý I = 31/03, 6 tháng = 30/06, Quý III = 30/09, năm = 31/12 (end of day, Vietnam). */
export function reportingDate(period: Exclude<SnapshotPeriod, "CUSTOM">, year: number): Date {
  return endOfVnDay(periodEndDay(period, year));
}

export const PERIOD_LABEL: Record<SnapshotPeriod, string> = {
  Q1: "Quý I",
  H1: "6 tháng",
  Q3: "Quý III",
  YEAR: "Năm",
  CUSTOM: "Tùy chọn",
};

/** Month-end instants (Vietnam) after `from` and not after `until`. */
export function monthEnds(from: Date, until: Date): Date[] {
  return vnMonthEnds(from, until);
}

/** The end of the month (Vietnam) in which `d` falls. */
export function endOfMonthAfter(d: Date): Date {
  return endOfVnMonth(d);
}
