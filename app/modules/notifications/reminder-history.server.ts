// When an assignment's members were last reminded, read back from the rows the reminders wrote: the in-app
// notices and outbox emails carry dedupe keys "reminder:<assignment>:<person>:…" (the scheduler) and
// "manual:<assignment>:<person>:<day>" (the coordinator's one-click reminder), and each one-click use is an
// "assignment.remind" audit event. Nothing new is stored, so the history cannot drift from what was sent.
import { db } from "~/db.server";
import { isUuid } from "~/utils/uuid";

export type EmailState = "SENT" | "PENDING" | "FAILED";

export type MemberReminder = {
  /** The last reminder notice shown in the app, and whether the coordinator sent it by hand. */
  noticeAt: Date | null;
  manual: boolean;
  /** The state of the last reminder email: its send time when sent, else when it was queued. */
  email: { state: EmailState; at: Date } | null;
};

export type AssignmentReminders = {
  lastAutomaticAt: Date | null;
  lastManual: { at: Date; count: number; by: string | null } | null;
  lastEmailSentAt: Date | null;
  pendingEmails: number;
  failedEmails: number;
};

const prefixes = (assignmentId: string) => [`reminder:${assignmentId}:%`, `manual:${assignmentId}:%`];

/** The assignment-wide figures. The caller has already checked that the assignment is visible. */
export async function assignmentReminders(assignmentId: string): Promise<AssignmentReminders> {
  if (!isUuid(assignmentId)) throw new Error("assignmentReminders: not a uuid");
  const [auto] = await db.$queryRaw<{ at: Date | null }[]>`
    SELECT max("createdAt") AS at FROM "Notification" WHERE "dedupeKey" LIKE ${`reminder:${assignmentId}:%`}`;
  const [mail] = await db.$queryRaw<{ sentAt: Date | null; pending: number; failed: number }[]>`
    SELECT max("sentAt") AS "sentAt",
           count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
           count(*) FILTER (WHERE status = 'FAILED')::int AS failed
    FROM "OutboxEmail" WHERE "dedupeKey" LIKE ANY(${prefixes(assignmentId)}::text[])`;
  const manual = await db.auditEvent.findFirst({
    where: { action: "assignment.remind", entityType: "Assignment", entityId: assignmentId },
    orderBy: { id: "desc" },
    select: { createdAt: true, data: true, actorUserId: true },
  });
  const by = manual?.actorUserId
    ? ((await db.user.findUnique({ where: { id: manual.actorUserId }, select: { email: true } }))?.email ??
      null)
    : null;
  return {
    lastAutomaticAt: auto?.at ?? null,
    lastManual: manual
      ? { at: manual.createdAt, count: Number((manual.data as { count?: unknown })?.count ?? 0), by }
      : null,
    lastEmailSentAt: mail?.sentAt ?? null,
    pendingEmails: mail?.pending ?? 0,
    failedEmails: mail?.failed ?? 0,
  };
}

/** Per member of one page: the last notice and the last email (by the personId inside the dedupe key). */
export async function memberReminders(
  assignmentId: string,
  personIds: string[],
): Promise<Record<string, MemberReminder>> {
  const ids = personIds.filter(isUuid);
  if (!isUuid(assignmentId) || ids.length === 0) return {};
  const notices = await db.$queryRaw<{ personId: string; at: Date; manual: boolean }[]>`
    SELECT DISTINCT ON ("personId") "personId", "createdAt" AS at, "dedupeKey" LIKE 'manual:%' AS manual
    FROM "Notification"
    WHERE "personId" = ANY(${ids}::uuid[]) AND "dedupeKey" LIKE ANY(${prefixes(assignmentId)}::text[])
    ORDER BY "personId", "createdAt" DESC`;
  const keys = ids.flatMap((id) => [`reminder:${assignmentId}:${id}:%`, `manual:${assignmentId}:${id}:%`]);
  const emails = await db.$queryRaw<{ personId: string; status: EmailState; at: Date }[]>`
    SELECT DISTINCT ON (split_part("dedupeKey", ':', 3)) split_part("dedupeKey", ':', 3) AS "personId",
           status::text AS status, coalesce("sentAt", "createdAt") AS at
    FROM "OutboxEmail" WHERE "dedupeKey" LIKE ANY(${keys}::text[])
    ORDER BY split_part("dedupeKey", ':', 3), "createdAt" DESC`;
  const out: Record<string, MemberReminder> = {};
  for (const id of ids) out[id] = { noticeAt: null, manual: false, email: null };
  for (const n of notices) Object.assign(out[n.personId] ?? {}, { noticeAt: n.at, manual: n.manual });
  for (const e of emails) {
    const row = out[e.personId];
    if (row) row.email = { state: e.status, at: e.at };
  }
  return out;
}
