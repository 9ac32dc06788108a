// Creating an assignment from the form: the courses to choose from, form values → the service's input
// (named people by email, inside the caller's scope), and the preview with its warnings — how many of the
// audience already hold a current assignment of the same course, in which assignments. The preview's token
// lets "confirm" prove that the coordinator saw exactly this preview (audience and overlaps) before creating.
import { emailList, findPeopleByEmail } from "~/modules/people/lookup.server";
import { createHash } from "node:crypto";
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import type { Scope } from "~/modules/auth/scope";
import { ruleSql } from "./audience.server";
import { previewAssignment } from "./assignments.server";
import type { NewAssignmentForm } from "./form";
import { assignmentInputSchema, type AssignmentData, type AssignmentInput } from "./schema";

/** The form's choices: assignable courses and the caller's agencies (indented, in tree order). */
export async function newAssignmentOptions(scope: Scope) {
  const [courses, agencies] = await Promise.all([assignableCourses(), listAgencyOptions(scope)]);
  return { courses, agencies: indentedAgencyOptions(agencies) };
}

export async function assignableCourses(): Promise<{ id: string; title: string }[]> {
  const courses = await db.course.findMany({
    where: { active: true, currentVersionId: { not: null } },
    select: { id: true, currentVersion: { select: { title: true } } },
  });
  return courses.map((c) => ({ id: c.id, title: c.currentVersion?.title ?? "" }));
}

/** Form values → service input. Emails not found among the caller's people come back in `missing`. */
export async function formToInput(
  scope: Scope,
  v: NewAssignmentForm,
): Promise<{ input: AssignmentInput; missing: string[] }> {
  const { found, missing } = await findPeopleByEmail(scope, emailList(v.emails));
  return {
    missing,
    input: {
      courseId: v.courseId,
      agencyId: v.agencyId || null,
      includeSubagencies: v.includeSubagencies,
      staffCategories: v.staffCategories,
      itRoles: v.itRoles,
      headOfUnitOnly: v.headOfUnitOnly,
      tags: (v.tags ?? "")
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean),
      personIds: found.map((p) => p.id),
      dueAt: v.dueAt ?? null,
      dueDays: v.dueDays ?? null,
      standing: v.standing,
    },
  };
}

export type Overlap = {
  assignmentId: string;
  title: string;
  agencyName: string | null;
  assignedAt: Date;
  /** Earliest and latest due date of the overlapping members (equal for a fixed due date). */
  dueFrom: Date;
  dueTo: Date;
  people: number;
};

/**
 * ACTIVE assignments of the same course in which someone of this audience is a current member, newest
 * first, and how many distinct people of the audience that is. One grouped query over the audience.
 */
export async function overlappingAssignments(
  data: AssignmentData,
): Promise<{ people: number; assignments: Overlap[] }> {
  const audience = Prisma.sql`p.active AND ((${ruleSql(data)}) OR p.id = ANY(${data.personIds}::uuid[]))`;
  const rows = await db.$queryRaw<(Overlap & { total: number })[]>`
    WITH hit AS (
      SELECT m."assignmentId", m."personId", m."assignedAt", m."dueAt"
      FROM "AssignmentMember" m
      JOIN "Assignment" a ON a.id = m."assignmentId"
      JOIN "Person" p ON p.id = m."personId"
      WHERE a."courseId" = ${data.courseId}::uuid AND a.status = 'ACTIVE' AND m."removedAt" IS NULL
        AND ${audience}
    )
    SELECT a.id AS "assignmentId", a.title, ag.name AS "agencyName", a."createdAt" AS "assignedAt",
           min(h."dueAt") AS "dueFrom", max(h."dueAt") AS "dueTo", count(*)::int AS people,
           (SELECT count(DISTINCT "personId") FROM hit)::int AS total
    FROM hit h
    JOIN "Assignment" a ON a.id = h."assignmentId"
    LEFT JOIN "Agency" ag ON ag.id = a."agencyId"
    GROUP BY a.id, ag.name
    ORDER BY a."createdAt" DESC, a.id
    LIMIT 20`;
  return { people: rows[0]?.total ?? 0, assignments: rows.map(({ total: _total, ...r }) => r) };
}

export type AssignmentPreview = {
  count: number;
  sample: string[];
  overlap: { people: number; assignments: Overlap[] };
  token: string;
};

/** The preview with its warnings (scope and input checked by previewAssignment) and its token. */
export async function previewWithWarnings(scope: Scope, input: AssignmentInput): Promise<AssignmentPreview> {
  const { count, sample } = await previewAssignment(scope, input);
  const data = assignmentInputSchema.parse(input);
  const overlap = await overlappingAssignments(data);
  const token = createHash("sha256")
    .update(
      JSON.stringify({
        data,
        count,
        overlap: overlap.assignments.map((o) => [o.assignmentId, o.people]),
      }),
    )
    .digest("base64url");
  return { count, sample, overlap, token };
}
