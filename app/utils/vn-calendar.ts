// The one calendar of the app: Vietnam dates and wall-clock times (Asia/Ho_Chi_Minh, UTC+7 all year, no
// daylight saving) ⇄ instants. Every module that turns an instant into a Vietnamese day, or a typed day into
// an instant, goes through here, so a quiz, a class and a report agree on what "31/01" is. Pure arithmetic
// (no Intl, no server time zone): the result is the same on a server in UTC and in a browser anywhere.
// ESLint forbids the offset and the zone name anywhere else (eslint.config.js).
import type { MessageKey } from "~/i18n";

export const VN_TIME_ZONE = "Asia/Ho_Chi_Minh";
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/** A Vietnamese calendar day: [year, month 1–12, day 1–31]. */
export type CalendarDay = [year: number, month: number, day: number];

/** A Vietnam wall-clock reading of an instant. */
export type VnWallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day exists on the calendar (31/02/2026 does not). */
export function isRealDay(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** What a clock in Hà Nội shows at the instant. */
export function vnWallClock(instant: Date | string | number): VnWallClock {
  const v = new Date(new Date(instant).getTime() + VN_OFFSET_MS);
  return {
    year: v.getUTCFullYear(),
    month: v.getUTCMonth() + 1,
    day: v.getUTCDate(),
    hour: v.getUTCHours(),
    minute: v.getUTCMinutes(),
    second: v.getUTCSeconds(),
    millisecond: v.getUTCMilliseconds(),
  };
}

/** The instant at which a clock in Hà Nội shows this time (fields roll over like Date.UTC). */
export function fromVnWallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
) {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - VN_OFFSET_MS);
}

/** The Vietnamese calendar day of an instant: 2026-01-30T18:00Z is 31/01/2026. */
export function vnCalendarDay(instant: Date | string | number): CalendarDay {
  const c = vnWallClock(instant);
  return [c.year, c.month, c.day];
}

/** The Vietnamese calendar day of an instant as "yyyy-mm-dd". */
export function vnDay(instant: Date | string | number): string {
  return isoDay(vnCalendarDay(instant));
}

/** Today in Vietnam as "yyyy-mm-dd". */
export function todayVn(now: Date = new Date()): string {
  return vnDay(now);
}

/** 00:00:00.000 of the day in Vietnam. */
export function startOfVnDay([y, m, d]: CalendarDay): Date {
  return fromVnWallClock(y, m, d);
}

/** The last millisecond of the day in Vietnam: a deadline or a reporting date includes its whole day. */
export function endOfVnDay([y, m, d]: CalendarDay): Date {
  return fromVnWallClock(y, m, d, 23, 59, 59, 999);
}

/** The last millisecond of the Vietnamese month in which the instant falls. */
export function endOfVnMonth(instant: Date): Date {
  const [y, m] = vnCalendarDay(instant);
  return endOfVnDay([y, m, daysInMonth(y, m)]);
}

/**
 * `months` calendar months after the instant, counted on the Vietnamese date and keeping the Vietnam wall
 * clock; a day the target month lacks is clamped to its last day (31/01 + 1 month = 28/02, or 29/02 in a
 * leap year; 31/03 + 1 = 30/04). Certificates' validity: one rule for quizzes, classes and drills.
 */
export function addMonthsVn(instant: Date, months: number): Date {
  const c = vnWallClock(instant);
  const index = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(c.day, daysInMonth(year, month));
  return fromVnWallClock(year, month, day, c.hour, c.minute, c.second, c.millisecond);
}

/** Whole calendar days from one "yyyy-mm-dd" to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A typed day: "dd/mm/yyyy" (how the app shows dates; "1/2/2026" too) or "yyyy-mm-dd" (old links and
 * `<input type="date">`). Null when it is neither or not a real day ("31/02/2026").
 */
export function parseDay(text: string): CalendarDay | null {
  const s = text.trim();
  const dmy = DMY.exec(s);
  const ymd = dmy ? null : YMD.exec(s);
  if (!dmy && !ymd) return null;
  const [y, m, d] = dmy
    ? [Number(dmy[3]), Number(dmy[2]), Number(dmy[1])]
    : [Number(ymd![1]), Number(ymd![2]), Number(ymd![3])];
  return isRealDay(y, m, d) ? [y, m, d] : null;
}

/** Why a typed day is refused, as a zod issue's message key: not on the calendar (31/02/2026), or not a day at all. */
export function dayProblem(
  text: string,
  fallback: MessageKey = "date.format",
): { message: MessageKey; params?: { value: string } } {
  const s = text.trim();
  return DMY.test(s) || YMD.test(s)
    ? { message: "date.impossible", params: { value: s } }
    : { message: fallback };
}

/** "yyyy-mm-dd" of a day. */
export function isoDay([y, m, d]: CalendarDay): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** "dd/mm/yyyy" of a day, or of an instant's Vietnamese day. */
export function formatDay(day: CalendarDay | Date): string {
  const [y, m, d] = day instanceof Date ? vnCalendarDay(day) : day;
  return `${pad(d)}/${pad(m)}/${pad(y, 4)}`;
}

/** "yyyy-mm-dd" → "dd/mm/yyyy" (text that is not a day is returned as it is). */
export function displayIsoDay(day: string): string {
  const parsed = YMD.test(day) ? parseDay(day) : null;
  return parsed ? formatDay(parsed) : day;
}

/** "dd/mm/yyyy hh:mm" in Vietnam time. */
export function formatDayTime(instant: Date | string): string {
  const c = vnWallClock(instant);
  return `${formatDay([c.year, c.month, c.day])} ${pad(c.hour)}:${pad(c.minute)}`;
}

/** "hh:mm" in Vietnam time. */
export function formatTime(instant: Date | string): string {
  const c = vnWallClock(instant);
  return `${pad(c.hour)}:${pad(c.minute)}`;
}

const HM = /^(\d{1,2}):(\d{2})$/;

/** "08:00" → [8, 0], or null. */
export function parseTime(text: string): [number, number] | null {
  const m = HM.exec(text.trim());
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h <= 23 && mi <= 59 ? [h, mi] : null;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;
const LOCAL_DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[T ]+(\d{1,2}):(\d{2})$/;

/**
 * A Vietnam wall-clock date and time → the instant, or null: "2026-12-05T08:00" (as
 * `<input type="datetime-local">` sends it) or "05/12/2026 08:00". A day that does not exist is refused.
 */
export function parseVnDateTime(value: string): Date | null {
  const s = value.trim();
  const iso = LOCAL.exec(s);
  const dmy = iso ? null : LOCAL_DMY.exec(s);
  if (!iso && !dmy) return null;
  const [y, mo, d, h, mi] = iso
    ? iso.slice(1).map(Number)
    : [dmy![3], dmy![2], dmy![1], dmy![4], dmy![5]].map(Number);
  if (!isRealDay(y!, mo!, d!) || h! > 23 || mi! > 59) return null;
  return fromVnWallClock(y!, mo!, d!, h!, mi!);
}

/** The instant as "yyyy-mm-ddThh:mm" on the Vietnam wall clock (the value of a datetime-local input). */
export function toVnDateTimeValue(instant: Date | string | null | undefined): string {
  if (!instant) return "";
  const c = vnWallClock(instant);
  return `${isoDay([c.year, c.month, c.day])}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** ISO-8601 week of the instant's Vietnamese day, e.g. "2026-W27". */
export function isoWeek(instant: Date): string {
  const [y, m, d] = vnCalendarDay(instant);
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of the week decides its year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${date.getUTCFullYear()}-W${pad(week)}`;
}

/** Reporting periods of Vietnamese plans: Quý I, 6 tháng, Quý III, năm. */
export type ReportingPeriod = "Q1" | "H1" | "Q3" | "YEAR";

/** The last day of a reporting period: Quý I = 31/03, 6 tháng = 30/06, Quý III = 30/09, năm = 31/12. */
export function periodEndDay(period: ReportingPeriod, year: number): CalendarDay {
  const month = { Q1: 3, H1: 6, Q3: 9, YEAR: 12 }[period];
  return [year, month, daysInMonth(year, month)];
}

/** Month-end instants (end of the last day, Vietnam) after `from` and not after `until`. */
export function monthEnds(from: Date, until: Date): Date[] {
  const out: Date[] = [];
  let [y, m] = vnCalendarDay(from);
  for (let i = 0; i < 600; i++) {
    const end = endOfVnDay([y, m, daysInMonth(y, m)]);
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
