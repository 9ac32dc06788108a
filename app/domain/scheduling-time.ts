// Vietnam local time (UTC+7 all year, no daylight saving) ⇄ instants, and the overlap rule for sessions.
// Pure: the forms, the services, the .ics writer and the unit tests share these. The calendar arithmetic
// lives in app/utils/vn-calendar.ts.
import {
  formatDayTime,
  formatTime,
  parseVnDateTime as vnParseDateTime,
  toVnDateTimeValue,
} from "~/utils/vn-calendar";

/** "2026-12-05T08:00" (Vietnam wall clock, as an <input type="datetime-local"> sends it) → the instant, or null. */
export const parseVnDateTime = vnParseDateTime;

/** The instant as a Vietnam wall-clock value for <input type="datetime-local">: "2026-12-05T08:00". */
export const toVnInputValue = toVnDateTimeValue;

/** "05/12/2026 08:00" in Vietnam time, the form every refusal message uses. */
export function formatVnDateTime(d: Date | string): string {
  return formatDayTime(d);
}

/** "08:00" in Vietnam time. */
export function formatVnTime(d: Date | string): string {
  return formatTime(d);
}

export type TimeRange = { startsAt: Date; endsAt: Date };

/** Half-open ranges: touching ends (08:00–10:00 and 10:00–12:00) do not overlap. */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** The first pair (one from each list) that overlaps, or null. */
export function firstOverlap<A extends TimeRange, B extends TimeRange>(
  mine: readonly A[],
  theirs: readonly B[],
): { mine: A; theirs: B } | null {
  for (const m of mine) for (const t of theirs) if (overlaps(m, t)) return { mine: m, theirs: t };
  return null;
}

/** Two ranges of the same list that overlap (an offering's own sessions must not), or null. */
export function selfOverlap<A extends TimeRange>(ranges: readonly A[]): [A, A] | null {
  for (let i = 0; i < ranges.length; i++)
    for (let j = i + 1; j < ranges.length; j++)
      if (overlaps(ranges[i]!, ranges[j]!)) return [ranges[i]!, ranges[j]!];
  return null;
}
