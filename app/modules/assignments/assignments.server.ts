// Giao khóa học: preview and create an assignment, the learner's list, progress for coordinators and the
// reminder queries. Audience SQL lives in audience.server.ts, the status rule in status.ts.
import { type Db, LONG_TX, db, type Tx } from "~/db.server";
import { type Assignment, Prisma } from "~/generated/prisma/client";
import { audit } from "~/modules/audit/audit.server";
import { agencyWhere, inScope, type Scope } from "~/modules/auth/scope";
import { personInScopeSql } from "~/modules/auth/scope.server";
import { type Paged, pageOf, pageRequest, type PageRequest, pageSlice } from "~/utils/paging";
import { isUuid } from "~/utils/uuid";
import { DomainError } from "~/utils/errors";
import { escapeLike, foldVietnamese } from "~/utils/text";
import { countAudience, fillMembers } from "./audience.server";
import type { ReminderRow } from "~/modules/notifications/reminders";
import { memberRows, pickMember, type MemberRow } from "./facts.server";
import { assignmentInputSchema, type AssignmentData, type AssignmentInput } from "./schema";
import { daysUntil, emptyCounts, type LearnerStatus } from "./status";

export { refreshStandingAssignments } from "./audience.server";
export { assignmentInputSchema, type AssignmentData, type AssignmentInput } from "./schema";
export { LEARNER_STATUSES, learnerStatus, type LearnerStatus } from "./status";
export type { MemberRow } from "./facts.server";

const NOT_FOUND = "assignments.notFound";
/** The most members one call may ask for (the downloads and reminders take them all at once). */
const MAX_PROGRESS_ROWS = 100_000;
const DAY = 86_400_000;

function parse(input: AssignmentInput): AssignmentData {
  const parsed = assignmentInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw DomainError.fromIssue(issue, { field: issue.path.join(".") || undefined });
}

/** The course exists and is active; the agency and every named person lie inside the caller's scope. */
async function checkTargets(scope: Scope, data: AssignmentData) {
  const course = await db.course.findUnique({ where: { id: data.courseId } });
  if (!course || !course.active) throw new DomainError("assignments.courseNotFound", { field: "courseId" });
  if (data.agencyId) {
    const agency = await db.agency.findUnique({ where: { id: data.agencyId } });
    if (!agency) throw new DomainError("people.agencyNotFound", { field: "agencyId" });
    if (!inScope(scope, agency.path))
      throw new DomainError("assignments.agencyForbidden", { status: 403, field: "agencyId" });
  }
  if (data.personIds.length) {
    const people = await db.person.findMany({
      where: { id: { in: data.personIds } },
      select: { id: true, agency: { select: { path: true } } },
    });
    if (people.length !== data.personIds.length)
      throw new DomainError("assignments.peopleNotFound", { field: "personIds" });
    if (people.some((p) => !inScope(scope, p.agency.path)))
      throw new DomainError("assignments.peopleForbidden", {
        status: 403,
        field: "personIds",
      });
  }
  return course;
}

/** How many ACTIVE people the assignment would reach (audience ∪ named) and the first 10 names. */
export async function previewAssignment(
  scope: Scope,
  input: AssignmentInput,
): Promise<{ count: number; sample: string[] }> {
  const data = parse(input);
  await checkTargets(scope, data);
  return countAudience(data, data.personIds);
}

/**
 * Creates the assignment and its members in one transaction (set-based INSERT … SELECT). The due date is
 * the fixed dueAt, else now + dueDays. Audited as "assignment.create" with the member count.
 */
export async function createAssignment(
  scope: Scope,
  input: AssignmentInput,
  actorUserId: string,
  now: Date = new Date(),
): Promise<{ id: string; count: number }> {
  const data = parse(input);
  await checkTargets(scope, data);
  const dueAt = data.dueAt ?? new Date(now.getTime() + (data.dueDays ?? 0) * DAY);
  return db.$transaction(
    async (tx) => {
      const assignment = await tx.assignment.create({
        data: {
          courseId: data.courseId,
          createdById: actorUserId,
          title: data.title,
          agencyId: data.agencyId,
          includeSubagencies: data.includeSubagencies,
          staffCategories: data.staffCategories,
          itRoles: data.itRoles,
          headOfUnitOnly: data.headOfUnitOnly,
          tags: data.tags,
          dueAt: data.dueAt,
          dueDays: data.dueDays,
          standing: data.standing,
        },
      });
      const count = await fillMembers(tx, assignment.id, data, data.personIds, dueAt, now);
      await audit(
        {
          actorUserId,
          action: "assignment.create",
          entityType: "Assignment",
          entityId: assignment.id,
          agencyId: data.agencyId,
          data: { count, courseId: data.courseId, named: data.personIds.length, standing: data.standing },
        },
        tx,
      );
      return { id: assignment.id, count };
    },
    { maxWait: LONG_TX.maxWait, timeout: LONG_TX.timeout },
  );
}

export type MyAssignment = {
  assignmentId: string;
  courseCode: string;
  courseTitle: string;
  dueAt: Date;
  status: LearnerStatus;
};

/** The learner's current assignments (ACTIVE ones, not removed), soonest due first. */
export async function listMyAssignments(personId: string, now: Date = new Date()): Promise<MyAssignment[]> {
  if (!isUuid(personId)) return [];
  const rows = await memberRows(Prisma.sql`m."personId" = ${personId}::uuid AND a.status = 'ACTIVE'`, now);
  return rows
    .map((r) => pickMember(r, ["assignmentId", "courseCode", "courseTitle", "dueAt", "status"]))
    .sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime());
}

type Counts = Record<LearnerStatus | "total", number>;

function countRows(rows: MemberRow[]): Counts {
  const counts = emptyCounts();
  for (const r of rows) {
    counts[r.status]++;
    counts.total++;
  }
  return counts;
}

/** An assignment is visible when its agency is in scope (one with named people only: to admins). */
async function visibleAssignment(scope: Scope, assignmentId: string) {
  const a = isUuid(assignmentId) ? await db.assignment.findUnique({ where: { id: assignmentId } }) : null;
  const agency = a?.agencyId ? await db.agency.findUnique({ where: { id: a.agencyId } }) : null;
  const visible = a && (scope === "ALL" || (agency !== null && inScope(scope, agency.path)));
  if (!visible) throw new DomainError(NOT_FOUND, { status: 404 });
  const course = await db.course.findUniqueOrThrow({
    where: { id: a.courseId },
    select: { code: true, title: true },
  });
  return { ...a, course, agencyName: agency?.name ?? null };
}

export type ProgressRow = {
  personId: string;
  fullName: string;
  email: string;
  agencyName: string;
  status: LearnerStatus;
  dueAt: Date;
  completedAt: Date | null;
};

/**
 * Progress of one assignment for coordinators: counts per status (after the text filter `q`, before the
 * status filter) and one page of members, Vietnamese name order. 404 when outside the scope.
 */
export async function assignmentProgress(
  scope: Scope,
  assignmentId: string,
  opts: { status?: LearnerStatus; q?: string; page?: number; pageSize?: number; client?: Db },
  now: Date = new Date(),
) {
  const a = await visibleAssignment(scope, assignmentId);
  const where = [Prisma.sql`m."assignmentId" = ${a.id}::uuid`, personInScopeSql(scope)];
  const q = foldVietnamese(opts.q ?? "");
  if (q) where.push(Prisma.sql`p."searchText" LIKE ${`%${escapeLike(q)}%`}`);
  // Already in the people list's order (memberRows sorts by Person.sortKey), which the exports keep too.
  const all = await memberRows(Prisma.join(where, " AND "), now, opts.client);
  const counts = countRows(all);
  const filtered = opts.status ? all.filter((r) => r.status === opts.status) : all;
  const page = pageOf(filtered, pageRequest(opts, 50, MAX_PROGRESS_ROWS));
  const rows: ProgressRow[] = page.rows.map((r) =>
    pickMember(r, ["personId", "fullName", "email", "agencyName", "status", "dueAt", "completedAt"]),
  );
  return {
    assignment: {
      id: a.id,
      title: a.title,
      courseId: a.courseId,
      courseCode: a.course.code,
      courseTitle: a.course.title,
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      dueAt: a.dueAt,
      dueDays: a.dueDays,
      standing: a.standing,
      status: a.status,
    },
    counts,
    ...page,
    rows,
  };
}

export type AssignmentSummary = {
  id: string;
  title: string;
  courseId: string;
  courseTitle: string;
  agencyId: string | null;
  agencyName: string | null;
  dueAt: Date | null;
  dueDays: number | null;
  standing: boolean;
  status: "ACTIVE" | "CANCELLED";
  createdAt: Date;
  counts: Counts;
};

/** One page of the assignments visible in the scope, newest first, with member counts per status (members in scope). */
export async function listAssignments(
  scope: Scope,
  paging: PageRequest,
  now: Date = new Date(),
): Promise<Paged<AssignmentSummary>> {
  const where = scope === "ALL" ? {} : { agencyId: { not: null, in: await agencyIdsIn(scope) } };
  const [total, list] = await Promise.all([
    db.assignment.count({ where }),
    db.assignment.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], ...pageSlice(paging) }),
  ]);
  return { ...paging, total, rows: await summaries(scope, list, now) };
}

async function summaries(scope: Scope, list: Assignment[], now: Date): Promise<AssignmentSummary[]> {
  if (list.length === 0) return [];
  const agencies = await db.agency.findMany({
    where: { id: { in: list.map((a) => a.agencyId).filter((x): x is string => x !== null) } },
    select: { id: true, name: true },
  });
  const names = new Map(agencies.map((g) => [g.id, g.name]));
  const courses = await db.course.findMany({
    where: { id: { in: [...new Set(list.map((a) => a.courseId))] } },
    select: { id: true, title: true },
  });
  const titles = new Map(courses.map((c) => [c.id, c.title]));
  const rows = await memberRows(
    Prisma.sql`m."assignmentId" = ANY(${list.map((a) => a.id)}::uuid[]) AND ${personInScopeSql(scope)}`,
    now,
  );
  const byAssignment = new Map<string, MemberRow[]>();
  for (const r of rows) byAssignment.set(r.assignmentId, [...(byAssignment.get(r.assignmentId) ?? []), r]);
  return list.map((a) => ({
    id: a.id,
    title: a.title,
    courseId: a.courseId,
    courseTitle: titles.get(a.courseId) ?? "",
    agencyId: a.agencyId,
    agencyName: a.agencyId ? (names.get(a.agencyId) ?? null) : null,
    dueAt: a.dueAt,
    dueDays: a.dueDays,
    standing: a.standing,
    status: a.status,
    createdAt: a.createdAt,
    counts: countRows(byAssignment.get(a.id) ?? []),
  }));
}

async function agencyIdsIn(scope: string[]): Promise<string[]> {
  if (scope.length === 0) return [];
  const rows = await db.agency.findMany({
    where: agencyWhere(scope),
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export type ReminderMember = Omit<ReminderRow, "active">;

const toReminder = (r: MemberRow): ReminderMember =>
  pickMember(r, ["personId", "email", "fullName", "assignmentId", "courseTitle", "dueAt", "agencyId"]);

/** Not-completed members of ACTIVE assignments, ACTIVE people, with member dueAt before `before`. */
function openMembers(now: Date, before: Date, client: Tx) {
  return memberRows(
    Prisma.sql`a.status = 'ACTIVE' AND p.active AND m."dueAt" <= ${before}::timestamptz`,
    now,
    client,
  ).then((rows) => rows.filter((r) => r.status !== "HOAN_THANH"));
}

/** ACTIVE people past their (effective) due date without a valid completion. */
export async function overdueMembers(now: Date = new Date(), client: Tx = db): Promise<ReminderMember[]> {
  // The effective due date is never before the member's own dueAt, so dueAt <= now prefilters safely.
  const rows = await openMembers(now, now, client);
  return rows.filter((r) => r.status === "QUA_HAN").map(toReminder);
}

/**
 * ACTIVE people not yet completed whose (effective) due date falls exactly `d` Vietnamese calendar days
 * after today for some d in `daysBefore` (0 = due today), and not yet overdue.
 */
export async function dueSoonMembers(
  now: Date,
  daysBefore: number[],
  client: Tx = db,
): Promise<ReminderMember[]> {
  if (daysBefore.length === 0) return [];
  return (await reminderMembers(now, daysBefore, client)).dueSoon;
}

/**
 * A day's reminder rows from one read: `dueSoon` as dueSoonMembers, `overdue` as overdueMembers (the rows
 * due up to the horizon include every overdue one).
 */
export async function reminderMembers(
  now: Date,
  daysBefore: number[],
  client: Tx = db,
): Promise<{ dueSoon: ReminderMember[]; overdue: ReminderMember[] }> {
  const horizon = new Date(now.getTime() + (Math.max(0, ...daysBefore) + 2) * DAY);
  const wanted = new Set(daysBefore);
  const rows = await openMembers(now, horizon, client);
  return {
    dueSoon: rows
      .filter((r) => r.status !== "QUA_HAN" && wanted.has(daysUntil(r.dueAt, now)))
      .map(toReminder),
    overdue: rows.filter((r) => r.status === "QUA_HAN").map(toReminder),
  };
}
