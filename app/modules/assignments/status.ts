// A learner's status on one assigned course. Pure: the facts come from one SQL query (facts.server.ts), the
// decision is made here so the learner page, the progress page, the counts and the reminders always agree.
import {
  daysBetween,
  endOfVnDay as calendarEndOfDay,
  parseDay,
  vnDay as calendarVnDay,
} from "~/utils/vn-calendar";

export const LEARNER_STATUSES = ["CHUA_BAT_DAU", "DANG_HOC", "HOAN_THANH", "QUA_HAN"] as const;
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];

/** After a completion expires, the person has this many days (from validUntil) to recertify. */
export const RECERT_GRACE_DAYS = 30;
const DAY = 86_400_000;

export type MemberFacts = {
  /** The member's own due date (AssignmentMember.dueAt). */
  dueAt: Date;
  /** Latest completion of the course (same course, or overlapping topics) that is valid now, if any. */
  validCompletedAt: Date | null;
  /** Latest validUntil among the person's completions of the course that have expired, if any. */
  expiredValidUntil: Date | null;
  /** An enrollment in the course that is not finished (Enrollment.completedAt null). */
  inProgress: boolean;
  /**
   * Standing assignments: when the course's version that requires recertification was made, if the person's
   * only valid completions came from older versions (they no longer count as done; decision 012).
   */
  supersededAt?: Date | null;
};

/**
 * The due date that applies now. Recertification: once a completion has expired (and none is valid), the
 * person is due again by validUntil + RECERT_GRACE_DAYS when that is later than the member's own dueAt; a
 * completion superseded by a material new version (supersededAt) counts the same way from that day.
 */
export function effectiveDueAt(f: MemberFacts): Date {
  if (f.validCompletedAt) return f.dueAt;
  const since = [f.expiredValidUntil, f.supersededAt ?? null]
    .filter((d): d is Date => d !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  if (!since) return f.dueAt;
  const recert = new Date(since.getTime() + RECERT_GRACE_DAYS * DAY);
  return recert > f.dueAt ? recert : f.dueAt;
}

/**
 * HOAN_THANH when a completion is valid now (validUntil null or in the future) — an expired one no longer
 * counts, so the person is due again; else QUA_HAN when now is past the effective due date; else DANG_HOC
 * when an unfinished enrollment exists; else CHUA_BAT_DAU.
 */
export function learnerStatus(
  f: MemberFacts,
  now: Date = new Date(),
): { status: LearnerStatus; dueAt: Date } {
  const dueAt = effectiveDueAt(f);
  if (f.validCompletedAt) return { status: "HOAN_THANH", dueAt };
  if (now.getTime() > dueAt.getTime()) return { status: "QUA_HAN", dueAt };
  if (f.inProgress) return { status: "DANG_HOC", dueAt };
  return { status: "CHUA_BAT_DAU", dueAt };
}

/** The calendar day (yyyy-mm-dd) of an instant in Vietnam. */
export const vnDay = calendarVnDay;

/** Whole days from `now`'s Vietnamese day to `due`'s (0 = due today, 1 = tomorrow, negative = past). */
export function daysUntil(due: Date, now: Date): number {
  return daysBetween(vnDay(now), vnDay(due));
}

/**
 * A typed due day — "dd/mm/yyyy" (the date input) or "yyyy-mm-dd" (old links) — → the end of that day in
 * Vietnam (23:59:59.999); null when it is not a real date.
 */
export function endOfVnDay(day: string): Date | null {
  const parsed = parseDay(day);
  return parsed ? calendarEndOfDay(parsed) : null;
}

/** Zero counts for every status, plus the total. */
export function emptyCounts(): Record<LearnerStatus | "total", number> {
  return { CHUA_BAT_DAU: 0, DANG_HOC: 0, HOAN_THANH: 0, QUA_HAN: 0, total: 0 };
}
