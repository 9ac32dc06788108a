// What a learner sees of courses: catalog, enrollment, lessons and reading progress.
// Every function takes the caller's personId from the session; ids from the client are checked against it.
import { db } from "~/db.server";
import type { ItRole, StaffCategory } from "~/generated/prisma/enums";
import { DomainError } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import { viCollator } from "~/utils/text";
import type { CitedDocument } from "~/modules/content/citations";
import { lessonContent, versionContent } from "./content-cache.server";
import { recertifyNotice } from "./recertify.server";
import { isExpired } from "./grading";
import {
  type CoursePageRead,
  type CourseRead,
  type HomeRead,
  readCourse,
  readCoursePage,
} from "./reads.server";
import { cycleState, listAttempts } from "./start.server";

export type Audience = { staffCategories?: StaffCategory[]; itRoles?: ItRole[]; headOfUnit?: boolean };
type Learner = { staffCategory: StaffCategory; itRole: ItRole; isHeadOfUnit: boolean };

/** Whether a course's audience hints fit this person (a missing hint means "anyone"). */
export function fitsAudience(audience: Audience, p: Learner): boolean {
  if (audience.staffCategories?.length && !audience.staffCategories.includes(p.staffCategory)) return false;
  if (audience.itRoles?.length && !audience.itRoles.includes(p.itRole)) return false;
  if (audience.headOfUnit === true && !p.isHeadOfUnit) return false;
  return true;
}

async function learner(personId: string) {
  const p = await db.person.findUnique({
    where: { id: personId },
    select: { id: true, staffCategory: true, itRole: true, isHeadOfUnit: true, active: true },
  });
  if (!p || !p.active) throw new DomainError("learning.learnerNotFound", { status: 404 });
  return p;
}

export type CatalogEntry = {
  id: string;
  code: string;
  title: string;
  summary: string;
  topics: string[];
  estimatedMinutes: number;
  lessonCount: number;
  fits: boolean;
  started: boolean;
  completed: boolean;
};

export async function listCatalog(personId: string): Promise<CatalogEntry[]> {
  const p = await learner(personId);
  const enrollments = await db.enrollment.findMany({
    where: { personId },
    select: { courseId: true, completedAt: true },
  });
  return catalogFor(p, enrollments);
}

/** The catalog for a learner already read, given their enrollments. */
export async function catalogFor(
  p: Learner,
  enrollments: { courseId: string; completedAt: Date | null }[],
): Promise<CatalogEntry[]> {
  const listed = await db.course.findMany({
    where: { active: true, currentVersionId: { not: null } },
    select: { id: true, code: true, currentVersionId: true },
  });
  return catalogOf(
    p,
    listed.map((c) => ({ ...c, currentVersionId: c.currentVersionId! })),
    enrollments,
  );
}

/** The catalog from the listed courses (active, with a current version) read already (the home page's read). */
export async function catalogOf(
  p: Learner,
  listed: { id: string; code: string; currentVersionId: string }[],
  enrollments: { courseId: string; completedAt: Date | null }[],
): Promise<CatalogEntry[]> {
  const courses = await Promise.all(
    listed.map(async (c) => ({ ...c, currentVersion: await versionContent(c.currentVersionId) })),
  );
  const byCourse = new Map(enrollments.map((e) => [e.courseId, e]));
  return courses
    .map((c) => {
      const v = c.currentVersion;
      const e = byCourse.get(c.id);
      return {
        id: c.id,
        code: c.code,
        title: v.title,
        summary: v.summary,
        topics: v.topics,
        estimatedMinutes: v.estimatedMinutes,
        lessonCount: v.lessons.length,
        fits: fitsAudience((v.audience ?? {}) as Audience, p),
        started: !!e,
        completed: !!e?.completedAt,
      };
    })
    .sort((a, b) => Number(b.fits) - Number(a.fits) || viCollator.compare(a.title, b.title));
}

/**
 * What both the course and the lesson pages need, from their one read (reads.server.ts): the course, this
 * learner's enrollment (lessons done, where they stopped) and the version they see (their enrolled one, or
 * the current one) with its lessons.
 */
async function courseCore(read: CourseRead) {
  if (!read.personActive) throw new DomainError("learning.learnerNotFound", { status: 404 });
  const course = read.course;
  if (!course || !course.currentVersionId) throw new DomainError("learning.courseNotFound", { status: 404 });
  const enrollment = read.enrollment;
  if (!enrollment && !course.active) throw new DomainError("learning.courseNotFound", { status: 404 });
  const versionId = enrollment?.versionId ?? course.currentVersionId;
  const version = await versionContent(versionId);
  const done = new Set(enrollment?.done ?? []);
  const lessons = version.lessons.map((l) => ({ ...l, done: done.has(l.id) }));
  const { citations, lessons: _lessons, audience: _audience, ...versionFields } = version;
  return {
    course: { id: course.id, code: course.code },
    version: versionFields,
    /** The register entries the version cites (its sources page, its lessons' "Căn cứ" notes). */
    citations: citations as unknown as CitedDocument[],
    lessons,
    enrollment: enrollment
      ? {
          id: enrollment.id,
          startedAt: enrollment.startedAt,
          completedAt: enrollment.completedAt,
          lastPosition: enrollment.lastPosition,
        }
      : null,
    /** Where the learner stopped reading (not sent to the page: it gets resumePosition or scrollTo). */
    resumeAt: enrollment ? { lessonId: enrollment.lastLessonId, position: enrollment.lastPosition } : null,
    allLessonsDone: lessons.length > 0 && lessons.every((l) => l.done),
  };
}

/** The course as a learner sees it, from the course page's read. */
async function courseView(personId: string, read: CoursePageRead) {
  const { resumeAt, ...core } = await courseCore(read);
  const { course, enrollment, lessons } = core;
  const completion = read.completion;
  // A material new version (decision 012) opens a new cycle at once, with its notice.
  const recertify = completion ? await recertifyNotice(personId, course.id) : null;
  const window = renewalState(enrollment?.completedAt ?? null, completion?.validUntil ?? null);
  const renewal = recertify && enrollment?.completedAt ? { ...window, open: true } : window;
  const resumeLesson =
    lessons.find((l) => l.id === resumeAt?.lessonId) ?? lessons.find((l) => !l.done) ?? lessons[0];
  return {
    ...core,
    recertify,
    resumePosition: resumeLesson?.position ?? 1,
    completion,
    renewal,
  };
}

/** The course as this learner sees it: their enrolled version (or the current one), lessons done, position. */
export async function getCourseForLearner(personId: string, code: string) {
  return courseView(personId, await readCoursePage(personId, code));
}

/** The course page: the course as this learner sees it, and their attempts at its quiz once enrolled. */
export async function getCoursePage(personId: string, code: string) {
  const read = await readCoursePage(personId, code);
  const { citations, ...view } = await courseView(personId, read);
  let attempts: Awaited<ReturnType<typeof listAttempts>> | null = null;
  if (view.enrollment) {
    // The read has the attempts; one left open past its time is graded by listAttempts (which reads again).
    const expired = read.attempts.some((a) => a.status === "IN_PROGRESS" && isExpired(a.deadline));
    if (expired) attempts = await listAttempts(personId, view.course.id);
    else {
      const { maxAttempts, remainingAttempts, passed } = cycleState({
        startedAt: view.enrollment.startedAt,
        maxAttempts: view.version.maxAttempts,
        attempts: read.attempts,
      });
      attempts = { attempts: read.attempts, maxAttempts, remainingAttempts, passed };
    }
  }
  // The page links to its sources page with their count; the documents themselves are not sent.
  return { ...view, citationCount: citations.length, attempts };
}
export type CoursePage = Awaited<ReturnType<typeof getCoursePage>>;

/** Recertification opens this many days before a certificate expires (and stays open after). */
export const RENEWAL_WINDOW_DAYS = 30;

/** Whether a learner who passed may start the course again to renew a certificate that expires. */
export function renewalState(enrollmentCompletedAt: Date | null, validUntil: Date | null, now = new Date()) {
  if (!enrollmentCompletedAt || !validUntil) return { open: false, opensAt: null as Date | null };
  const opensAt = new Date(validUntil.getTime() - RENEWAL_WINDOW_DAYS * 86_400_000);
  return { open: now >= opensAt, opensAt };
}

/**
 * Starts a new certification cycle: the enrollment moves to the course's current version and starts again
 * (lessons to read, quiz to pass). Earlier attempts, completions and certificates stay as history.
 */
export async function renewEnrollment(personId: string, courseId: string, now = new Date()) {
  // Read before the transaction: the embedded database has one connection.
  const material = await recertifyNotice(personId, courseId);
  return db.$transaction(async (tx) => {
    const enrollment = await tx.enrollment.findUnique({
      where: { personId_courseId: { personId, courseId } },
      select: { id: true, completedAt: true },
    });
    const course = await tx.course.findUnique({
      where: { id: courseId },
      select: { currentVersionId: true, active: true },
    });
    if (!enrollment || !course?.currentVersionId || !course.active)
      throw new DomainError("learning.courseNotFound", { status: 404 });
    const last = await tx.completion.findFirst({
      where: { personId, courseId },
      orderBy: { completedAt: "desc" },
      select: { validUntil: true },
    });
    const window = renewalState(enrollment.completedAt, last?.validUntil ?? null, now);
    const state = material && enrollment.completedAt ? { ...window, open: true } : window;
    if (!state.open)
      throw state.opensAt
        ? new DomainError("learning.renewFrom", { params: { date: formatDate(state.opensAt) } })
        : new DomainError("learning.renewNotNeeded");
    await tx.lessonProgress.deleteMany({ where: { enrollmentId: enrollment.id } });
    await tx.enrollment.update({
      where: { id: enrollment.id },
      data: {
        startedAt: now,
        completedAt: null,
        versionId: course.currentVersionId,
        lastLessonId: null,
        lastPosition: 0,
      },
    });
  });
}

/** Enrolls the learner at the course's current version; an existing enrollment keeps its version. */
export async function enroll(personId: string, courseId: string) {
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: { id: true, currentVersionId: true, active: true },
  });
  if (!course?.currentVersionId || !course.active)
    throw new DomainError("learning.courseNotFound", { status: 404 });
  // INSERT … ON CONFLICT DO NOTHING, then read: two first visits at once (two tabs, a double tap) both
  // succeed. An upsert with an empty update is a read then an insert, and the second insert failed (500).
  await db.enrollment.createMany({
    data: [{ personId, courseId, versionId: course.currentVersionId }],
    skipDuplicates: true,
  });
  return db.enrollment.findUniqueOrThrow({ where: { personId_courseId: { personId, courseId } } });
}

/** A lesson as this learner reads it (enrolling them on a first visit), and where they stopped in it. */
export async function getLessonForLearner(personId: string, code: string, position: number) {
  const { resumeAt, ...view } = await courseCore(await readCourse(personId, code));
  const meta = view.lessons.find((l) => l.position === position);
  if (!meta) throw new DomainError("learning.lessonNotFound", { status: 404 });
  const enrollmentId = view.enrollment?.id ?? (await enroll(personId, view.course.id)).id;
  const lesson = await lessonContent(meta.id);
  // Rereading the lesson they stopped in keeps the position; opening another one moves the bookmark.
  const same = resumeAt?.lessonId === lesson.id;
  if (!same)
    await db.enrollment.update({
      where: { id: enrollmentId },
      data: { lastLessonId: lesson.id, lastPosition: 0 },
    });
  const cited = new Map(view.citations.map((d) => [d.id, d]));
  return {
    ...view,
    lesson: { ...lesson, done: meta.done },
    /** The lesson's "Căn cứ" notes: each document it cites, once, in first-cited order. */
    notes: lesson.citations.flatMap((id) => cited.get(id) ?? []),
    scrollTo: same ? resumeAt.position : 0,
    prev: view.lessons.find((l) => l.position === position - 1) ?? null,
    next: view.lessons.find((l) => l.position === position + 1) ?? null,
  };
}

async function ownEnrollmentForLesson(personId: string, lessonId: string) {
  const lesson = await db.lesson.findUnique({
    where: { id: lessonId },
    select: { id: true, versionId: true },
  });
  if (!lesson) throw new DomainError("learning.lessonNotFound", { status: 404 });
  const enrollment = await db.enrollment.findFirst({
    where: { personId, versionId: lesson.versionId },
    select: { id: true },
  });
  if (!enrollment) throw new DomainError("learning.lessonNotFound", { status: 404 });
  return enrollment;
}

export async function markLessonDone(personId: string, lessonId: string) {
  const enrollment = await ownEnrollmentForLesson(personId, lessonId);
  // As in enroll(): a double submit must not fail on the unique (enrollment, lesson).
  await db.lessonProgress.createMany({
    data: [{ enrollmentId: enrollment.id, lessonId }],
    skipDuplicates: true,
  });
}

/** Remembers how far down the lesson the learner has read (0–1). */
export async function saveReadingPosition(personId: string, lessonId: string, position: number) {
  const enrollment = await ownEnrollmentForLesson(personId, lessonId);
  await db.enrollment.update({
    where: { id: enrollment.id },
    data: { lastLessonId: lessonId, lastPosition: Math.min(1, Math.max(0, position)) },
  });
}

/** "Học tập của tôi": the courses the learner started (the home page's read), with progress. */
export async function myLearning(enrollments: HomeRead["enrollments"]) {
  const versions = await Promise.all(enrollments.map((e) => versionContent(e.versionId)));
  return enrollments.map((e, i) => {
    const version = versions[i]!;
    const total = version.lessons.length;
    return {
      courseId: e.courseId,
      code: e.code,
      title: version.title,
      startedAt: e.startedAt,
      completedAt: e.completedAt,
      lessonsDone: e.lessonsDone,
      lessonCount: total,
      percent: e.completedAt ? 100 : total ? Math.round((e.lessonsDone / total) * 90) : 0,
      validUntil: e.validUntil,
      certificateCode: e.certificateCode,
    };
  });
}
