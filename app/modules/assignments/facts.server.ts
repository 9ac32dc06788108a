// One query for the facts status.ts decides on: per member, the valid/expired completions of the course
// (same course, or a completion whose topics overlap the course's topics) and the enrollment.
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { learnerStatus, type LearnerStatus } from "./status";

export type MemberRow = {
  memberId: string;
  assignmentId: string;
  personId: string;
  fullName: string;
  email: string;
  agencyId: string;
  agencyName: string;
  courseId: string;
  courseCode: string;
  courseTitle: string;
  source: "RULE" | "NAMED";
  assignedAt: Date;
  /** Effective due date (recertification included, see status.ts). */
  dueAt: Date;
  completedAt: Date | null;
  status: LearnerStatus;
};

/** The named fields of a member row: each caller lists, sends or exports a part of it. */
export function pickMember<K extends keyof MemberRow>(
  row: MemberRow,
  keys: readonly K[],
): Pick<MemberRow, K> {
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<MemberRow, K>;
}

type Raw = Omit<MemberRow, "dueAt" | "status" | "completedAt"> & {
  memberDueAt: Date;
  validCompletedAt: Date | null;
  expiredValidUntil: Date | null;
  supersededAt: Date | null;
  inProgress: boolean;
};

/**
 * Current members (removedAt null) matching `where` (aliases m, a, c, p, ag), with their status at `now`, in
 * the people list's order (given name, then full name: Person.sortKey in byte order).
 * `client` lets a caller read inside its own transaction (e.g. the scheduler's advisory-lock transaction).
 */
export async function memberRows(
  where: Prisma.Sql,
  now: Date = new Date(),
  client: Tx = db,
): Promise<MemberRow[]> {
  const rows = await client.$queryRaw<Raw[]>`
    SELECT m.id AS "memberId", m."assignmentId", m."personId", p."fullName", p.email, p."agencyId",
           ag.name AS "agencyName", a."courseId", c.code AS "courseCode", c.title AS "courseTitle",
           m.source::text AS source, m."assignedAt", m."dueAt" AS "memberDueAt",
           comp."validCompletedAt", comp."expiredValidUntil", comp."supersededAt",
           (e.id IS NOT NULL AND e."completedAt" IS NULL) AS "inProgress"
    FROM "AssignmentMember" m
    JOIN "Assignment" a ON a.id = m."assignmentId"
    JOIN "Course" c ON c.id = a."courseId"
    JOIN "Person" p ON p.id = m."personId"
    JOIN "Agency" ag ON ag.id = p."agencyId"
    LEFT JOIN LATERAL (
      -- The latest version (up to the current one) whose change is material: see decision 012.
      SELECT rv.version, rv."createdAt"
      FROM "CourseVersion" rv JOIN "CourseVersion" cur ON cur.id = c."currentVersionId"
      WHERE a.standing AND rv."courseId" = c.id AND rv.recertify AND rv.version <= cur.version
      ORDER BY rv.version DESC LIMIT 1
    ) rc ON TRUE
    LEFT JOIN LATERAL (
      SELECT max(x."completedAt") FILTER (WHERE y.valid AND NOT y.superseded) AS "validCompletedAt",
             max(x."validUntil") FILTER (WHERE x."validUntil" <= ${now}::timestamptz) AS "expiredValidUntil",
             max(rc."createdAt") FILTER (WHERE y.valid AND y.superseded) AS "supersededAt"
      FROM "Completion" x
      LEFT JOIN "CourseVersion" xv ON xv.id = x."versionId"
      CROSS JOIN LATERAL (
        SELECT (x."validUntil" IS NULL OR x."validUntil" > ${now}::timestamptz) AS valid,
               COALESCE(x."courseId" = a."courseId" AND xv.version < rc.version, false) AS superseded
      ) y
      WHERE x."personId" = m."personId"
        AND (x."courseId" = a."courseId" OR (cardinality(c.topics) > 0 AND x.topics && c.topics))
    ) comp ON TRUE
    LEFT JOIN "Enrollment" e ON e."personId" = m."personId" AND e."courseId" = a."courseId"
    WHERE m."removedAt" IS NULL AND ${where}
    ORDER BY p."sortKey" COLLATE "C", p.id, m.id`;
  return rows.map(({ memberDueAt, validCompletedAt, expiredValidUntil, supersededAt, inProgress, ...r }) => {
    const s = learnerStatus(
      { dueAt: memberDueAt, validCompletedAt, expiredValidUntil, supersededAt, inProgress },
      now,
    );
    return { ...r, dueAt: s.dueAt, status: s.status, completedAt: validCompletedAt };
  });
}
