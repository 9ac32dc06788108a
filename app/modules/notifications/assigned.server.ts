// "Bạn được giao khóa học": tells learners about new assignments (in-app notice + email), once each, one
// digest per person per Vietnam day. Runs in the scheduler's tick under the reminders' advisory lock, so two
// servers never send the same digest; the dedupe key (person + day) makes a rerun a no-op as well.
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/db.server";
import { memberRows, type MemberRow } from "~/modules/assignments/facts.server";
import { enqueueEmails, type EmailInput, type NotificationInput, notifyMany } from "./outbox.server";
import { displayDay, REMINDER_LINK, vnDay } from "./reminders";

export type DigestResult = { people: number; emails: number; notifications: number; members: number };

export const digestKey = (personId: string, day: string) => `assigned:${personId}:${day}`;

/** The digest for one person: every course newly assigned to them, soonest due first. */
export function composeDigest(fullName: string, rows: Pick<MemberRow, "courseTitle" | "dueAt">[]) {
  const sorted = [...rows].sort(
    (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.courseTitle.localeCompare(b.courseTitle, "vi"),
  );
  const lines = sorted.map((r) => `- «${r.courseTitle}», hạn hoàn thành ${displayDay(vnDay(r.dueAt))}`);
  const subject =
    sorted.length === 1
      ? `Anh/chị được giao khóa học «${sorted[0]!.courseTitle}»`
      : `Anh/chị được giao ${sorted.length} khóa học mới`;
  const body =
    sorted.length === 1
      ? `Khóa học «${sorted[0]!.courseTitle}» vừa được giao cho anh/chị, hạn hoàn thành ${displayDay(vnDay(sorted[0]!.dueAt))}.`
      : `Các khóa học vừa được giao cho anh/chị:\n${lines.join("\n")}`;
  const text =
    `Kính gửi ${fullName},\n\n` +
    `Anh/chị vừa được giao ${sorted.length === 1 ? "khóa học sau" : `${sorted.length} khóa học sau`}:\n\n` +
    `${lines.join("\n")}\n\n` +
    `Anh/chị vui lòng truy cập mục "Học tập của tôi" (${REMINDER_LINK}) trên hệ thống Học ATTT để bắt đầu học.\n\n` +
    `Trân trọng,\nHệ thống Học ATTT`;
  return { subject, title: subject, body, text };
}

/**
 * Members not yet told (notifiedAt null) of ACTIVE assignments, ACTIVE people: one digest per person for
 * today. A person who already had today's digest keeps the newer rows for tomorrow's, so nothing is lost
 * and nobody gets two in a day. Members who already hold a valid completion are marked without a message.
 * Inactive people are skipped (and stay unmarked: reactivated, they hear about it then).
 */
export async function sendAssignmentDigests(now: Date, tx: Tx): Promise<DigestResult> {
  const rows = await memberRows(
    Prisma.sql`m."notifiedAt" IS NULL AND a.status = 'ACTIVE' AND p.active`,
    now,
    tx,
  );
  const result: DigestResult = { people: 0, emails: 0, notifications: 0, members: 0 };
  if (rows.length === 0) return result;
  const day = vnDay(now);
  const byPerson = new Map<string, MemberRow[]>();
  for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r]);
  const keys = [...byPerson.keys()].map((id) => digestKey(id, day));
  const sentToday = new Set(
    (await tx.notification.findMany({ where: { dedupeKey: { in: keys } }, select: { personId: true } })).map(
      (n) => n.personId,
    ),
  );

  const emails: EmailInput[] = [];
  const notices: NotificationInput[] = [];
  const marked: string[] = [];
  for (const [personId, list] of byPerson) {
    if (sentToday.has(personId)) continue;
    marked.push(...list.map((r) => r.memberId));
    const open = list.filter((r) => r.status !== "HOAN_THANH");
    if (open.length === 0) continue;
    const first = open[0]!;
    const d = composeDigest(first.fullName, open);
    const dedupeKey = digestKey(personId, day);
    emails.push({ to: first.email, subject: d.subject, text: d.text, dedupeKey, notBefore: now });
    notices.push({
      personId,
      kind: "ASSIGNED",
      title: d.title,
      body: d.body,
      link: REMINDER_LINK,
      dedupeKey,
    });
  }
  result.people = notices.length;
  result.emails = await enqueueEmails(emails, tx);
  result.notifications = await notifyMany(notices, tx);
  if (marked.length)
    result.members = await tx.$executeRaw`
      UPDATE "AssignmentMember" SET "notifiedAt" = ${now}::timestamptz
      WHERE id = ANY(${marked}::uuid[]) AND "notifiedAt" IS NULL`;
  return result;
}
