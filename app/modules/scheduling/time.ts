// Vietnam local time (UTC+7 all year, no daylight saving) ⇄ instants, and the overlap rule for sessions.
// Pure: the forms, the services, the .ics writer and the unit tests share these.

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/** "2026-12-05T08:00" (Vietnam wall clock, as an <input type="datetime-local"> sends it) → the instant, or null. */
export function parseVnDateTime(value: string): Date | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(utc);
  // Date.UTC rolls 31/11 over to 01/12; a calendar date that does not exist is an error, not a surprise.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(utc - VN_OFFSET_MS);
}

/** The instant as a Vietnam wall-clock value for <input type="datetime-local">: "2026-12-05T08:00". */
export function toVnInputValue(d: Date | string | null | undefined): string {
  if (!d) return "";
  const v = new Date(new Date(d).getTime() + VN_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${v.getUTCFullYear()}-${p(v.getUTCMonth() + 1)}-${p(v.getUTCDate())}T${p(v.getUTCHours())}:${p(v.getUTCMinutes())}`;
}

/** "05/12/2026 08:00" in Vietnam time, the form every refusal message uses. */
export function formatVnDateTime(d: Date | string): string {
  const [date, time] = toVnInputValue(d).split("T") as [string, string];
  const [y, m, day] = date.split("-");
  return `${day}/${m}/${y} ${time}`;
}

/** "08:00" in Vietnam time. */
export function formatVnTime(d: Date | string): string {
  return toVnInputValue(d).split("T")[1] ?? "";
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
