// Material changes (course.yaml `recertify: true`, decision 012): a learner whose latest completion of a
// course came from a version older than the course's latest recertification version sees a notice with the
// reason, and may start the course again on the current version. Only the caller's own records. A
// completion without a version (imported, class, drill) is not superseded: it records training elsewhere.
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/db.server";
import { isUuid } from "~/utils/uuid";

export type RecertifyNotice = {
  courseId: string;
  code: string;
  title: string;
  /** The version that requires recertification, and when it was published. */
  version: number;
  since: Date;
  /** What changed and why (Vietnamese, from course.yaml recertifyReason). */
  reason: string;
};

/** The notices for this person: every course (or the one given) whose new version supersedes their pass. */
export async function recertifyNotices(personId: string, courseId?: string): Promise<RecertifyNotice[]> {
  if (!isUuid(personId) || (courseId !== undefined && !isUuid(courseId))) return [];
  const oneCourse = courseId ? Prisma.sql`AND c.id = ${courseId}::uuid` : Prisma.empty;
  return db.$queryRaw<RecertifyNotice[]>`
    SELECT c.id AS "courseId", c.code, cur.title, rc.version, rc."createdAt" AS since,
           COALESCE(rc."recertifyReason", '') AS reason
    FROM "Course" c
    JOIN "CourseVersion" cur ON cur.id = c."currentVersionId"
    JOIN LATERAL (
      SELECT rv.version, rv."createdAt", rv."recertifyReason"
      FROM "CourseVersion" rv
      WHERE rv."courseId" = c.id AND rv.recertify AND rv.version <= cur.version
      ORDER BY rv.version DESC LIMIT 1
    ) rc ON TRUE
    JOIN LATERAL (
      SELECT x."completedAt", xv.version
      FROM "Completion" x LEFT JOIN "CourseVersion" xv ON xv.id = x."versionId"
      WHERE x."personId" = ${personId}::uuid AND x."courseId" = c.id
      ORDER BY x."completedAt" DESC LIMIT 1
    ) last ON TRUE
    WHERE c.active ${oneCourse} AND last.version < rc.version
    ORDER BY rc."createdAt" DESC, c.code`;
}

/** The notice for one course, or null. */
export async function recertifyNotice(personId: string, courseId: string): Promise<RecertifyNotice | null> {
  return (await recertifyNotices(personId, courseId))[0] ?? null;
}
