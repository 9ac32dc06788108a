// When a drill's emails may go out: the working hours (Mon–Fri, 08:00–17:00 Vietnam time) of the days of
// the send window. Pure: the form refuses a window without a working hour, and planning spreads the sends
// at random over the same intervals (plan.server.ts draws an offset and maps it with instantAt).
import { type CalendarDay, fromVnWallClock, isoDay } from "~/utils/vn-calendar";

export const WORK_START_HOUR = 8;
export const WORK_END_HOUR = 17;
/** The longest send window, in days: a drill is a few weeks, and it bounds the interval list. */
export const MAX_WINDOW_DAYS = 92;

/** One working stretch: [start, start + ms). */
export type WorkInterval = { start: Date; ms: number };

/** Day of the week of a calendar day (0 = Sunday … 6 = Saturday): pure calendar arithmetic. */
export function weekday([y, m, d]: CalendarDay): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function nextDay([y, m, d]: CalendarDay): CalendarDay {
  const n = new Date(Date.UTC(y, m - 1, d + 1));
  return [n.getUTCFullYear(), n.getUTCMonth() + 1, n.getUTCDate()];
}

/**
 * The working intervals of the days firstDay … lastDay (inclusive), weekends skipped, each clipped to start
 * no earlier than `notBefore` (planning after the window opened sends nothing in the past). Empty when the
 * window holds no working hour (or is longer than MAX_WINDOW_DAYS + 1 days: the caller refuses it first).
 */
export function workingIntervals(
  firstDay: CalendarDay,
  lastDay: CalendarDay,
  notBefore?: Date,
): WorkInterval[] {
  const out: WorkInterval[] = [];
  const last = isoDay(lastDay);
  let day = firstDay;
  for (let i = 0; i <= MAX_WINDOW_DAYS && isoDay(day) <= last; i++, day = nextDay(day)) {
    const wd = weekday(day);
    if (wd === 0 || wd === 6) continue;
    const [y, m, d] = day;
    const end = fromVnWallClock(y, m, d, WORK_END_HOUR).getTime();
    const start = Math.max(fromVnWallClock(y, m, d, WORK_START_HOUR).getTime(), notBefore?.getTime() ?? 0);
    if (end > start) out.push({ start: new Date(start), ms: end - start });
  }
  return out;
}

export function totalMs(intervals: readonly WorkInterval[]): number {
  return intervals.reduce((sum, i) => sum + i.ms, 0);
}

/**
 * The instant `offset` ms into the working time (0 ≤ offset < totalMs), whole milliseconds: the same mapping
 * plan.server.ts does in SQL for each recipient's random offset. Null when the offset is outside.
 */
export function instantAt(intervals: readonly WorkInterval[], offset: number): Date | null {
  if (!(offset >= 0)) return null;
  let before = 0;
  for (const i of intervals) {
    if (offset < before + i.ms) return new Date(i.start.getTime() + Math.floor(offset - before));
    before += i.ms;
  }
  return null;
}
