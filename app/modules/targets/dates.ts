import type { SnapshotPeriod } from "~/generated/prisma/enums";

// Calendar days typed as dd/mm/yyyy, read in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
const DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const VN_OFFSET_MS = 7 * 3600_000;

/** [year, month, day] of a real calendar day, or null ("31/02/2026" is not one). */
export function parseDay(text: string): [number, number, number] | null {
  const m = DAY.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return [y, mo, d];
}

/** 00:00 of the day in Vietnam. */
export function startOfDayVn([y, m, d]: [number, number, number]): Date {
  return new Date(Date.UTC(y, m - 1, d) - VN_OFFSET_MS);
}

/** The last millisecond of the day in Vietnam: a deadline or a reporting date includes its whole day. */
export function endOfDayVn(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d, 23, 59, 59, 999) - VN_OFFSET_MS);
}

/** Reporting dates: Quý I = 31/03, 6 tháng = 30/06, Quý III = 30/09, năm = 31/12 (end of day, Vietnam). */
export function reportingDate(period: Exclude<SnapshotPeriod, "CUSTOM">, year: number): Date {
  const [m, d] = { Q1: [3, 31], H1: [6, 30], Q3: [9, 30], YEAR: [12, 31] }[period];
  return endOfDayVn(year, m, d);
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
  const out: Date[] = [];
  const vn = new Date(from.getTime() + 7 * 3600_000);
  let y = vn.getUTCFullYear();
  let m = vn.getUTCMonth() + 1;
  for (let i = 0; i < 600; i++) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const end = endOfDayVn(y, m, last);
    if (end > until) break;
    if (end >= from) out.push(end);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** The end of the month (Vietnam) in which `d` falls. */
export function endOfMonthAfter(d: Date): Date {
  const vn = new Date(d.getTime() + 7 * 3600_000);
  const y = vn.getUTCFullYear();
  const m = vn.getUTCMonth() + 1;
  return endOfDayVn(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
}
