// Which reminders are due today, decided on Asia/Ho_Chi_Minh calendar days. Pure: rows in, reminders out.
// Each reminder has a dedupeKey, so planning the same day twice (restart, second server) changes nothing.
import { compareVietnameseNames } from "~/utils/text";
import { daysBetween, displayIsoDay, VN_TIME_ZONE, vnDay } from "~/utils/vn-calendar";

export const REMINDER_TIME_ZONE = VN_TIME_ZONE;
export const REMINDER_LINK = "/learn";
export const DEFAULT_DAYS_BEFORE = [7, 1];

export type ReminderRow = {
  personId: string;
  email: string;
  fullName: string;
  assignmentId: string;
  courseTitle: string;
  dueAt: Date;
  agencyId: string;
  active: boolean;
};

export type ReminderKind = `DUE_SOON_${number}` | "DUE_TODAY" | "OVERDUE";

export type PlannedReminder = {
  row: ReminderRow;
  kind: ReminderKind;
  /** The due date as yyyy-mm-dd in Asia/Ho_Chi_Minh. */
  dueDay: string;
  /** Days from today to the due day (negative when overdue). */
  daysLeft: number;
  /** 1 on the first day after the due day, 2 a week later … (OVERDUE only). */
  overdueWeek: number | null;
  dedupeKey: string;
  subject: string;
  text: string;
  title: string;
  body: string;
  link: string;
};

/** The Asia/Ho_Chi_Minh calendar day of an instant, as yyyy-mm-dd. */
export { daysBetween, isoWeek, vnDay } from "~/utils/vn-calendar";

/** yyyy-mm-dd → dd/mm/yyyy. */
export const displayDay = displayIsoDay;

function kindFor(daysLeft: number, daysBefore: number[]): { kind: ReminderKind; week: number | null } | null {
  if (daysLeft === 0) return { kind: "DUE_TODAY", week: null };
  if (daysLeft > 0)
    return daysBefore.includes(daysLeft) ? { kind: `DUE_SOON_${daysLeft}`, week: null } : null;
  const late = -daysLeft;
  if ((late - 1) % 7 !== 0) return null;
  return { kind: "OVERDUE", week: (late - 1) / 7 + 1 };
}

function compose(row: ReminderRow, kind: ReminderKind, dueDay: string, daysLeft: number) {
  const course = row.courseTitle;
  const due = displayDay(dueDay);
  const greeting = `Kính gửi ${row.fullName},\n\n`;
  const footer =
    `Anh/chị vui lòng truy cập mục "Học tập của tôi" (${REMINDER_LINK}) trên hệ thống Học ATTT để hoàn thành khóa học.\n\n` +
    `Trân trọng,\nHệ thống Học ATTT`;
  if (kind === "OVERDUE") {
    const subject = `Quá hạn: khóa «${course}» (hạn ${due})`;
    const body = `Khóa học «${course}» được giao cho anh/chị có hạn hoàn thành ngày ${due} và hiện đã quá hạn ${-daysLeft} ngày. Đề nghị anh/chị sắp xếp thời gian hoàn thành sớm.`;
    return { subject, title: subject, body, text: `${greeting}${body}\n\n${footer}` };
  }
  const subject = `Nhắc việc: hoàn thành khóa «${course}» trước ${due}`;
  const when = kind === "DUE_TODAY" ? "hôm nay" : `còn ${daysLeft} ngày`;
  const body = `Khóa học «${course}» được giao cho anh/chị có hạn hoàn thành ngày ${due} (${when}). Anh/chị vui lòng hoàn thành khóa học đúng hạn.`;
  return { subject, title: subject, body, text: `${greeting}${body}\n\n${footer}` };
}

/** The reminders due on `now`'s calendar day for each member row (inactive people included; callers skip them). */
export function planReminders(
  rows: ReminderRow[],
  now: Date,
  options: { daysBefore: number[] } = { daysBefore: DEFAULT_DAYS_BEFORE },
): PlannedReminder[] {
  const today = vnDay(now);
  const daysBefore = options.daysBefore.filter((n) => Number.isInteger(n) && n > 0);
  const out: PlannedReminder[] = [];
  for (const row of rows) {
    const dueDay = vnDay(row.dueAt);
    const daysLeft = daysBetween(today, dueDay);
    const hit = kindFor(daysLeft, daysBefore);
    if (!hit) continue;
    const weekPart = hit.week === null ? "" : `:w${hit.week}`;
    out.push({
      row,
      kind: hit.kind,
      dueDay,
      daysLeft,
      overdueWeek: hit.week,
      dedupeKey: `reminder:${row.assignmentId}:${row.personId}:${hit.kind}:${dueDay}${weekPart}`,
      link: REMINDER_LINK,
      ...compose(row, hit.kind, dueDay, daysLeft),
    });
  }
  return out;
}

/** The weekly escalation email to one coordinator/head listing an agency's overdue people. */
export function composeEscalation(
  recipient: { email: string; fullName: string },
  overdue: ReminderRow[],
  now: Date,
): { subject: string; text: string } {
  const today = vnDay(now);
  const lines = [...overdue]
    .sort(
      (a, b) =>
        // The people list's order (given name, then full name), then the course.
        compareVietnameseNames(a.fullName, b.fullName) || a.courseTitle.localeCompare(b.courseTitle, "vi"),
    )
    .map((r) => {
      const dueDay = vnDay(r.dueAt);
      return `- ${r.fullName} (${r.email}): khóa «${r.courseTitle}», hạn ${displayDay(dueDay)}, quá hạn ${-daysBetween(today, dueDay)} ngày`;
    });
  const people = new Set(overdue.map((r) => r.personId)).size;
  return {
    subject: `Báo cáo quá hạn: ${people} người chưa hoàn thành khóa học được giao (${displayDay(today)})`,
    text:
      `Kính gửi ${recipient.fullName},\n\n` +
      `Đến ngày ${displayDay(today)}, các cán bộ sau thuộc đơn vị của anh/chị chưa hoàn thành khóa học được giao và đã quá hạn:\n\n` +
      `${lines.join("\n")}\n\n` +
      `Đề nghị anh/chị đôn đốc các cán bộ trên sớm hoàn thành.\n\nTrân trọng,\nHệ thống Học ATTT`,
  };
}
