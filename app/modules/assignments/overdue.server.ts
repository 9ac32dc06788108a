// "Quá hạn" across every assignment: one row per open person × assignment in the caller's scope, filtered by
// sub-unit, course and state, with bulk remind / invite to sign in / export on a selection or on all results.
// Rows are always recomputed from the filter inside the scope: ids sent by the browser only narrow that set,
// so another coordinator's people can never be listed, exported or reminded, whatever ids are forged.
import { isUuid } from "~/utils/uuid";
import { type Db, db, readDb } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { audit } from "~/modules/audit/audit.server";
import { sendInvitations, type SendInvitationsResult } from "~/modules/auth/invitations.server";
import { type Actor, inScope, type Scope } from "~/modules/auth/scope";
import {
  enqueueEmails,
  notifyMany,
  type EmailInput,
  type NotificationInput,
} from "~/modules/notifications/outbox.server";
import { displayDay, REMINDER_LINK, vnDay } from "~/modules/notifications/reminders";
import { personInScopeSql, personInSubtreeSql } from "~/modules/auth/scope.server";
import { DomainError } from "~/utils/errors";
import { type Paged, pageOf } from "~/utils/paging";
import { memberRows, pickMember, type MemberRow } from "./facts.server";
import { DUE_SOON_DAYS, overdueFilterSchema, type OverdueFilter, type OverdueState } from "./overdue-schema";
import { daysUntil } from "./status";

const DAY = 86_400_000;

export type OverdueRow = {
  memberId: string;
  assignmentId: string;
  personId: string;
  fullName: string;
  email: string;
  agencyName: string;
  courseTitle: string;
  status: MemberRow["status"];
  dueAt: Date;
  /** Vietnamese days from today to the due day (negative = overdue). */
  daysLeft: number;
};

const ROW_FIELDS = [
  "memberId",
  "assignmentId",
  "personId",
  "fullName",
  "email",
  "agencyName",
  "courseTitle",
  "status",
  "dueAt",
] as const;

export type Criteria = Pick<OverdueFilter, "agencyId" | "courseId" | "state">;
/** The rows a bulk action names: the filter's criteria and a selection of member ids, or all of them. */
export type BulkTarget = Criteria & { target: "selected" | "all"; ids: string[] };

function matchesState(r: MemberRow, state: OverdueState, now: Date): boolean {
  if (r.status === "HOAN_THANH") return false;
  switch (state) {
    case "OVERDUE":
      return r.status === "QUA_HAN";
    case "NOT_STARTED":
      return r.status === "CHUA_BAT_DAU";
    case "IN_PROGRESS":
      return r.status === "DANG_HOC";
    case "DUE_SOON": {
      if (r.status === "QUA_HAN") return false;
      const d = daysUntil(r.dueAt, now);
      return d >= 0 && d < DUE_SOON_DAYS;
    }
  }
}

/** The sub-unit filter must lie inside the scope: an agency elsewhere is "not found", never widened. */
async function agencyPathFor(scope: Scope, agencyId: string): Promise<string | null> {
  if (!agencyId) return null;
  const agency = await db.agency.findUnique({ where: { id: agencyId }, select: { path: true } });
  if (!agency || !inScope(scope, agency.path))
    throw new DomainError("people.agencyOutOfScope", { status: 404 });
  return agency.path;
}

/** Every row matching the criteria, most overdue first, then Vietnamese name order. */
export async function overdueRows(
  scope: Scope,
  criteria: Criteria,
  now: Date = new Date(),
  client: Db = db,
): Promise<OverdueRow[]> {
  const where = [Prisma.sql`a.status = 'ACTIVE'`, Prisma.sql`p.active`, personInScopeSql(scope)];
  const path = await agencyPathFor(scope, criteria.agencyId);
  if (path) where.push(personInSubtreeSql(path));
  if (criteria.courseId) where.push(Prisma.sql`a."courseId" = ${criteria.courseId}::uuid`);
  // The effective due date is never before the member's own, so these bounds only skip rows that cannot match.
  if (criteria.state === "OVERDUE") where.push(Prisma.sql`m."dueAt" <= ${now}::timestamptz`);
  if (criteria.state === "DUE_SOON")
    where.push(Prisma.sql`m."dueAt" <= ${new Date(now.getTime() + (DUE_SOON_DAYS + 1) * DAY)}::timestamptz`);
  const rows = (await memberRows(Prisma.join(where, " AND "), now, client)).filter((r) =>
    matchesState(r, criteria.state, now),
  );
  const collator = new Intl.Collator("vi");
  return rows
    .map((r) => ({ ...pickMember(r, ROW_FIELDS), daysLeft: daysUntil(r.dueAt, now) }))
    .sort(
      (x, y) =>
        x.dueAt.getTime() - y.dueAt.getTime() ||
        collator.compare(x.fullName, y.fullName) ||
        collator.compare(x.courseTitle, y.courseTitle) ||
        (x.memberId < y.memberId ? -1 : 1),
    );
}

/** The rows an action applies to: all results of the criteria, or the selected ids among them. */
export async function targetRows(
  scope: Scope,
  input: BulkTarget,
  now: Date = new Date(),
  client: Db = db,
): Promise<OverdueRow[]> {
  const rows = await overdueRows(scope, input, now, client);
  if (input.target === "all") return rows;
  const wanted = new Set(input.ids.map((id) => id.toLowerCase()));
  return rows.filter((r) => wanted.has(r.memberId));
}

export type OverduePage = Paged<
  OverdueRow & { account: "NONE" | "NEVER" | "SIGNED_IN"; lastLoginAt: Date | null }
>;

/** One page of the list, with each person's sign-in state (for "mời đăng nhập"). */
export async function overduePage(
  scope: Scope,
  filter: OverdueFilter,
  now: Date = new Date(),
): Promise<OverduePage> {
  const page = pageOf(await overdueRows(scope, filter, now), filter);
  const users = await db.user.findMany({
    where: { personId: { in: [...new Set(page.rows.map((r) => r.personId))] } },
    select: { personId: true, lastLoginAt: true },
  });
  const byPerson = new Map(users.map((u) => [u.personId, u]));
  return {
    ...page,
    rows: page.rows.map((r) => {
      const u = byPerson.get(r.personId);
      return {
        ...r,
        account: !u ? ("NONE" as const) : u.lastLoginAt ? ("SIGNED_IN" as const) : ("NEVER" as const),
        lastLoginAt: u?.lastLoginAt ?? null,
      };
    }),
  };
}

/** Sub-units (indented, in tree order) and courses to filter by. */
export async function overdueFilterOptions(scope: Scope) {
  const [agencies, courses] = await Promise.all([
    listAgencyOptions(scope),
    db.course.findMany({
      where: { active: true },
      select: { id: true, title: true },
      orderBy: { title: "asc" },
    }),
  ]);
  return { agencies: indentedAgencyOptions(agencies), courses };
}

/** The key the per-assignment "nhắc lại" button uses too: one manual reminder per person+assignment+day. */
export const manualReminderKey = (assignmentId: string, personId: string, day: string) =>
  `manual:${assignmentId}:${personId}:${day}`;

function reminderText(r: OverdueRow) {
  const due = displayDay(vnDay(r.dueAt));
  const subject =
    r.daysLeft < 0
      ? `Nhắc lại: khóa «${r.courseTitle}» đã quá hạn (hạn ${due})`
      : `Nhắc việc: hoàn thành khóa «${r.courseTitle}» trước ${due}`;
  const state =
    r.daysLeft < 0
      ? `và hiện đã quá hạn ${-r.daysLeft} ngày`
      : r.daysLeft === 0
        ? "(hôm nay)"
        : `(còn ${r.daysLeft} ngày)`;
  const text =
    `Kính gửi ${r.fullName},\n\n` +
    `Khóa học «${r.courseTitle}» được giao cho anh/chị có hạn hoàn thành ngày ${due} ${state}. ` +
    `Đề nghị anh/chị sắp xếp thời gian hoàn thành tại mục "Học tập của tôi" (${REMINDER_LINK}) trên hệ thống Học ATTT.\n\n` +
    `Trân trọng,\nCán bộ phụ trách đào tạo`;
  return { subject, text };
}

/**
 * In-app notice + email to each target row, at most once per person+assignment per Vietnamese day (dedupe
 * key), all in one transaction. Returns how many were reminded now and how many had been already today.
 */
export async function remindMembers(
  scope: Scope,
  input: BulkTarget,
  actorUserId: string,
  now: Date = new Date(),
): Promise<{ reminded: number; skipped: number }> {
  const rows = await targetRows(scope, input, now);
  const day = vnDay(now);
  const emails: EmailInput[] = [];
  const notices: NotificationInput[] = [];
  for (const r of rows) {
    const key = manualReminderKey(r.assignmentId, r.personId, day);
    const { subject, text } = reminderText(r);
    emails.push({ to: r.email, subject, text, dedupeKey: key });
    notices.push({
      personId: r.personId,
      kind: r.daysLeft < 0 ? "OVERDUE" : "REMINDER",
      title: subject,
      link: REMINDER_LINK,
      dedupeKey: key,
    });
  }
  const reminded = await db.$transaction(
    async (tx) => {
      const sent = await enqueueEmails(emails, tx);
      await notifyMany(notices, tx);
      await audit(
        {
          actorUserId,
          action: "assignment.remindBulk",
          entityType: "AssignmentMember",
          entityId: null,
          data: { target: input.target, state: input.state, rows: rows.length, reminded: sent },
        },
        tx,
      );
      return sent;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return { reminded, skipped: rows.length - reminded };
}

/**
 * "Mời đăng nhập" for the people of the target rows: the one invitation of the app (auth/invitations), each
 * person once however many of their assignments are listed. Only those who have never signed in with a
 * password are invited; the counts of the others come back for the flash.
 */
export async function inviteTargetPeople(
  actor: Actor,
  scope: Scope,
  input: BulkTarget,
  now: Date = new Date(),
): Promise<SendInvitationsResult> {
  const rows = await targetRows(scope, input, now);
  return sendInvitations(actor, { mode: "selected", id: [...new Set(rows.map((r) => r.personId))] }, { now });
}

/** Export cells (Vietnamese headers), the same rows as the page for the same filter. */
export function exportTable(rows: OverdueRow[], statusLabel: (s: OverdueRow["status"]) => string) {
  const headers = ["STT", "Họ và tên", "Email", "Đơn vị", "Khóa học", "Trạng thái", "Hạn", "Số ngày quá hạn"];
  const cells = rows.map((r, i) => [
    i + 1,
    r.fullName,
    r.email,
    r.agencyName,
    r.courseTitle,
    statusLabel(r.status),
    displayDay(vnDay(r.dueAt)),
    Math.max(0, -r.daysLeft),
  ]);
  return { headers, cells };
}

/**
 * The rows an export URL asks for: the filter's search params, narrowed to `ids` when the export was
 * submitted for a selection (target=selected). An empty selection is a 400, never "everything".
 */
export async function exportRowsFor(scope: Scope, url: URL, now: Date = new Date()): Promise<OverdueRow[]> {
  const raw = Object.fromEntries(url.searchParams);
  const filter = overdueFilterSchema.parse({
    agencyId: raw.agencyId ?? "",
    courseId: raw.courseId ?? "",
    state: raw.state,
  });
  const selected = url.searchParams.get("target") === "selected";
  const ids = url.searchParams.getAll("ids").filter((id) => isUuid(id));
  if (selected && ids.length === 0) throw new DomainError("assignments.exportNothingSelected");
  // A file to download, not a write: the replica when there is one.
  return targetRows(scope, { ...filter, target: selected ? "selected" : "all", ids }, now, await readDb());
}
