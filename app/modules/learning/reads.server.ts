// The learner pages' own rows, each page's in ONE SQL statement (issue 14): through Prisma's query builder
// the three to six reads of a page cost more CPU than rendering it. Scoped as the queries they replace: the
// caller's own rows only (the person id comes from the session, never the request), courses by their code.
// Version content (titles, lessons) is not read here: it comes from content-cache.server.ts.
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/db.server";
import type { ItRole, StaffCategory } from "~/generated/prisma/enums";
import { isUuid } from "~/utils/uuid";
import type { AttemptSummary } from "./start.server";

/** JSON aggregates carry timestamps as text (with their offset): back to Dates. */
const date = (v: string | null): Date | null => (v === null ? null : new Date(v));

type CourseRow = {
  personActive: boolean | null;
  courseId: string | null;
  code: string | null;
  courseActive: boolean | null;
  currentVersionId: string | null;
  enrollmentId: string | null;
  versionId: string | null;
  lastLessonId: string | null;
  lastPosition: number | null;
  completedAt: Date | null;
  startedAt: Date | null;
  /** Lessons read in this enrollment (any version's: the caller matches them to the version's lessons). */
  done: string[];
};

type CoursePageRow = CourseRow & {
  completionId: string | null;
  lastCompletedAt: Date | null;
  validUntil: Date | null;
  score: number | null;
  certificateCode: string | null;
  attempts: (Omit<AttemptSummary, "startedAt" | "submittedAt" | "deadline"> & {
    startedAt: string;
    submittedAt: string | null;
    deadline: string | null;
  })[];
};

export type CourseRead = {
  personActive: boolean;
  course: { id: string; code: string; active: boolean; currentVersionId: string | null } | null;
  enrollment: {
    id: string;
    versionId: string;
    lastLessonId: string | null;
    lastPosition: number;
    completedAt: Date | null;
    startedAt: Date;
    done: string[];
  } | null;
};

export type CoursePageRead = CourseRead & {
  /** The learner's latest completion of the course (any cycle), as the page shows it. */
  completion: {
    completedAt: Date;
    validUntil: Date | null;
    score: number | null;
    certificate: { code: string } | null;
  } | null;
  /** The enrollment's quiz attempts, oldest first (none without an enrollment). */
  attempts: AttemptSummary[];
};

function courseRead(r: CourseRow | undefined): CourseRead {
  if (!r) return { personActive: false, course: null, enrollment: null };
  return {
    personActive: r.personActive === true,
    course: r.courseId
      ? {
          id: r.courseId,
          code: r.code!,
          active: r.courseActive === true,
          currentVersionId: r.currentVersionId,
        }
      : null,
    enrollment: r.enrollmentId
      ? {
          id: r.enrollmentId,
          versionId: r.versionId!,
          lastLessonId: r.lastLessonId,
          lastPosition: r.lastPosition ?? 0,
          completedAt: r.completedAt,
          startedAt: r.startedAt!,
          done: r.done,
        }
      : null,
  };
}

const courseColumns = Prisma.sql`
  p.active AS "personActive", c.id AS "courseId", c.code, c.active AS "courseActive", c."currentVersionId",
  e.id AS "enrollmentId", e."versionId", e."lastLessonId", e."lastPosition", e."completedAt", e."startedAt",
  ARRAY(SELECT lp."lessonId"::text FROM "LessonProgress" lp WHERE lp."enrollmentId" = e.id) AS done`;

const courseJoins = (personId: string, code: string) => Prisma.sql`
  FROM (SELECT 1) AS one
  LEFT JOIN "Person" p ON p.id = ${personId}::uuid
  LEFT JOIN "Course" c ON c.code = ${code}
  LEFT JOIN "Enrollment" e ON e."courseId" = c.id AND e."personId" = p.id`;

/** The lesson page's read: the learner, the course by code, their enrollment and the lessons they read. */
export async function readCourse(personId: string, code: string): Promise<CourseRead> {
  if (!isUuid(personId)) return courseRead(undefined);
  const rows = await db.$queryRaw<CourseRow[]>`SELECT ${courseColumns} ${courseJoins(personId, code)}`;
  return courseRead(rows[0]);
}

/** The course page's read: readCourse's, the latest completion and the enrollment's attempts. */
export async function readCoursePage(personId: string, code: string): Promise<CoursePageRead> {
  if (!isUuid(personId)) return { ...courseRead(undefined), completion: null, attempts: [] };
  const rows = await db.$queryRaw<CoursePageRow[]>`
    SELECT ${courseColumns},
      lc.id AS "completionId", lc."completedAt" AS "lastCompletedAt", lc."validUntil", lc.score,
      lc."certificateCode",
      COALESCE((
        SELECT json_agg(json_build_object('id', a.id, 'number', a.number, 'status', a.status, 'score', a.score,
                 'passed', a.passed, 'startedAt', a."startedAt", 'submittedAt', a."submittedAt",
                 'deadline', a.deadline) ORDER BY a.number)
        FROM "QuizAttempt" a WHERE a."enrollmentId" = e.id
      ), '[]'::json) AS attempts
    ${courseJoins(personId, code)}
    LEFT JOIN LATERAL (
      SELECT x.id, x."completedAt", x."validUntil", x.score, cert.code AS "certificateCode"
      FROM "Completion" x LEFT JOIN "Certificate" cert ON cert."completionId" = x.id
      WHERE x."personId" = p.id AND x."courseId" = c.id
      ORDER BY x."completedAt" DESC LIMIT 1
    ) lc ON TRUE`;
  const r = rows[0];
  return {
    ...courseRead(r),
    completion:
      r?.completionId && r.lastCompletedAt
        ? {
            completedAt: r.lastCompletedAt,
            validUntil: r.validUntil,
            score: r.score,
            certificate: r.certificateCode ? { code: r.certificateCode } : null,
          }
        : null,
    attempts: (r?.attempts ?? []).map((a) => ({
      ...a,
      startedAt: new Date(a.startedAt),
      submittedAt: date(a.submittedAt),
      deadline: date(a.deadline),
    })),
  };
}

type HomeRow = {
  active: boolean;
  position: string;
  staffCategory: StaffCategory;
  itRole: ItRole;
  isHeadOfUnit: boolean;
  agencyName: string;
  enrollments: {
    courseId: string;
    code: string;
    versionId: string;
    startedAt: string;
    completedAt: string | null;
    lessonsDone: number;
    validUntil: string | null;
    certificateCode: string | null;
  }[];
  catalog: { id: string; code: string; currentVersionId: string }[];
};

export type HomeRead = {
  person: {
    active: boolean;
    position: string;
    staffCategory: StaffCategory;
    itRole: ItRole;
    isHeadOfUnit: boolean;
    agency: { name: string };
  };
  /** The learner's enrollments, latest started first, each with its latest completion's validity. */
  enrollments: {
    courseId: string;
    code: string;
    versionId: string;
    startedAt: Date;
    completedAt: Date | null;
    lessonsDone: number;
    validUntil: Date | null;
    certificateCode: string | null;
  }[];
  /** The courses listed in the catalog (active, with a current version). */
  catalog: { id: string; code: string; currentVersionId: string }[];
};

/** The learner home's read: the person and their agency, their enrollments, the catalog's courses. */
export async function readLearnerHome(personId: string): Promise<HomeRead | null> {
  if (!isUuid(personId)) return null;
  const rows = await db.$queryRaw<HomeRow[]>`
    SELECT p.active, p.position, p."staffCategory"::text AS "staffCategory", p."itRole"::text AS "itRole",
      p."isHeadOfUnit", a.name AS "agencyName",
      COALESCE((
        SELECT json_agg(json_build_object('courseId', e."courseId", 'code', c.code, 'versionId', e."versionId",
                 'startedAt', e."startedAt", 'completedAt', e."completedAt",
                 'lessonsDone', (SELECT count(*) FROM "LessonProgress" lp WHERE lp."enrollmentId" = e.id),
                 'validUntil', lc."validUntil", 'certificateCode', lc.code)
               ORDER BY e."startedAt" DESC)
        FROM "Enrollment" e JOIN "Course" c ON c.id = e."courseId"
        LEFT JOIN LATERAL (
          SELECT x."validUntil", cert.code
          FROM "Completion" x LEFT JOIN "Certificate" cert ON cert."completionId" = x.id
          WHERE x."personId" = p.id AND x."courseId" = e."courseId"
          ORDER BY x."completedAt" DESC LIMIT 1
        ) lc ON TRUE
        WHERE e."personId" = p.id
      ), '[]'::json) AS enrollments,
      COALESCE((
        SELECT json_agg(json_build_object('id', k.id, 'code', k.code, 'currentVersionId', k."currentVersionId"))
        FROM "Course" k WHERE k.active AND k."currentVersionId" IS NOT NULL
      ), '[]'::json) AS catalog
    FROM "Person" p JOIN "Agency" a ON a.id = p."agencyId"
    WHERE p.id = ${personId}::uuid`;
  const r = rows[0];
  if (!r) return null;
  return {
    person: {
      active: r.active,
      position: r.position,
      staffCategory: r.staffCategory,
      itRole: r.itRole,
      isHeadOfUnit: r.isHeadOfUnit,
      agency: { name: r.agencyName },
    },
    enrollments: r.enrollments.map((e) => ({
      ...e,
      startedAt: new Date(e.startedAt),
      completedAt: date(e.completedAt),
      validUntil: date(e.validUntil),
    })),
    catalog: r.catalog,
  };
}
