// Starting (or resuming) a quiz attempt, and the learner's attempts at a course within the current
// certification cycle. Every function takes the caller's personId from the session.
import { randomUUID } from "node:crypto";
import { db, forgetOnClose } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/utils/errors";
import { isUuid } from "~/utils/uuid";
import { ALREADY_PASSED, COURSE_NOT_FOUND, gradeOnce, noAttemptsLeft } from "./grade.server";
import { drawAttemptItems, isExpired, type AttemptItem } from "./grading";
import { rememberAttempt, versionPaper, type Paper } from "./paper.server";

export type CycleState = {
  maxAttempts: number | null;
  /** Attempts the learner may still start in this cycle (null: no limit). */
  remainingAttempts: number | null;
  passed: boolean;
  /** An attempt is in progress. */
  open: boolean;
};

/**
 * Where the learner stands in the enrollment's current certification cycle. Attempts of earlier cycles
 * (before a recertification restarted the enrollment) stay listed but do not count against this one.
 */
export function cycleState(enrollment: {
  startedAt: Date;
  maxAttempts: number | null;
  attempts: readonly { startedAt: Date; passed: boolean | null; status: "IN_PROGRESS" | "GRADED" }[];
}): CycleState {
  const max = enrollment.maxAttempts;
  const cycleStart = enrollment.startedAt.getTime();
  const current = enrollment.attempts.filter((a) => a.startedAt.getTime() >= cycleStart);
  const passed = current.some((a) => a.passed);
  return {
    maxAttempts: max,
    remainingAttempts: max === null ? null : passed ? 0 : Math.max(0, max - current.length),
    passed,
    open: enrollment.attempts.some((a) => a.status === "IN_PROGRESS"),
  };
}

/** Enrolls at the course's current version (the caller found no enrollment; a parallel one may exist). */
async function ensureEnrollment(personId: string, courseId: string) {
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: { active: true, currentVersionId: true },
  });
  if (!course?.active || !course.currentVersionId) throw new DomainError(COURSE_NOT_FOUND, { status: 404 });
  // ON CONFLICT DO NOTHING: a parallel request (two tabs) may enroll first; either way one row remains.
  await db.enrollment.createMany({
    data: [{ personId, courseId, versionId: course.currentVersionId }],
    skipDuplicates: true,
  });
  return db.enrollment.findUniqueOrThrow({
    where: { personId_courseId: { personId, courseId } },
    select: { id: true, versionId: true },
  });
}

type StartAttemptRow = {
  id: string;
  number: number;
  status: "IN_PROGRESS" | "GRADED";
  passed: boolean | null;
  deadline: Date | null;
  startedAt: Date;
};
/** The learner's enrollment at the course and its attempts (null: not enrolled). */
type StartState = {
  enrollment: { id: string; versionId: string; startedAt: Date } | null;
  attempts: StartAttemptRow[];
};
type StartRow = {
  enrollmentId: string | null;
  versionId: string | null;
  cycleStart: Date | null;
  /** json_agg of the attempts: dates come as text. */
  attempts: {
    id: string;
    number: number;
    status: string;
    passed: boolean | null;
    deadline: string | null;
    startedAt: string;
  }[];
};

// The enrollment and its attempts in one row (attempts as JSON), for a query whose Enrollment alias is `e`.
const ENROLLMENT_COLUMNS = Prisma.sql`e."id" AS "enrollmentId", e."versionId", e."startedAt" AS "cycleStart",
  COALESCE((SELECT json_agg(json_build_object('id', a."id", 'number', a."number", 'status', a."status",
                                              'passed', a."passed", 'deadline', a."deadline",
                                              'startedAt', a."startedAt"))
            FROM "QuizAttempt" a WHERE a."enrollmentId" = e."id"), '[]'::json) AS "attempts"`;

function startState(row: StartRow | undefined): StartState {
  if (!row?.enrollmentId || !row.versionId || !row.cycleStart) return { enrollment: null, attempts: [] };
  return {
    enrollment: { id: row.enrollmentId, versionId: row.versionId, startedAt: new Date(row.cycleStart) },
    attempts: row.attempts.map((a) => ({
      id: a.id,
      number: a.number,
      status: a.status === "IN_PROGRESS" ? "IN_PROGRESS" : "GRADED",
      passed: a.passed,
      deadline: a.deadline ? new Date(a.deadline) : null,
      startedAt: new Date(a.startedAt),
    })),
  };
}

/** One query through the unique (personId, courseId) index: the enrollment and its attempts. */
async function loadStartState(personId: string, courseId: string): Promise<StartState> {
  const [row] = await db.$queryRaw<StartRow[]>`
    SELECT ${ENROLLMENT_COLUMNS}
    FROM "Enrollment" e WHERE e."personId" = ${personId}::uuid AND e."courseId" = ${courseId}::uuid`;
  return startState(row);
}

/** A new attempt on `paper` drawn at `now`: its id, items and deadline; null when the bank is empty. */
function drawNewAttempt(
  paper: Paper,
  now: Date,
): { id: string; items: AttemptItem[]; deadline: Date | null } | null {
  if (paper.bank.length === 0) return null;
  const { questionCount, timeLimitMinutes } = paper.info;
  return {
    id: randomUUID(),
    items: drawAttemptItems(
      paper.bank.map((q) => ({ id: q.id, type: q.type, optionCount: q.options.length })),
      questionCount,
    ),
    deadline: timeLimitMinutes ? new Date(now.getTime() + timeLimitMinutes * 60_000) : null,
  };
}

/**
 * Starts a new attempt, or resumes the one in progress. An attempt that ran out of time is graded first.
 * Refused when the learner already passed or has used every allowed attempt. `known`: the enrollment and
 * attempts as the caller just read them (startCourseQuiz), which saves the first read.
 */
export async function startAttempt(
  personId: string,
  courseId: string,
  known?: StartState,
): Promise<{ attemptId: string; resumed: boolean }> {
  if (!isUuid(personId) || !isUuid(courseId)) throw new DomainError(COURSE_NOT_FOUND, { status: 404 });
  for (let round = 0; round < 10; round++) {
    const state = round === 0 && known ? known : await loadStartState(personId, courseId);
    const enrollment = state.enrollment ?? (await ensureEnrollment(personId, courseId));
    const { attempts } = state;
    const paper = await versionPaper(enrollment.versionId);
    const version = paper.info;
    const now = new Date();
    const open = attempts.find((a) => a.status === "IN_PROGRESS");
    if (open && !isExpired(open.deadline, now)) return { attemptId: open.id, resumed: true };
    if (open) {
      await gradeOnce(personId, open.id, undefined, true);
      continue;
    }
    // Only this cycle's attempts count: a recertification (renewEnrollment) restarts the enrollment.
    const cycle = cycleState({
      startedAt: state.enrollment?.startedAt ?? new Date(0),
      maxAttempts: version.maxAttempts,
      attempts,
    });
    if (cycle.passed) throw new DomainError(ALREADY_PASSED);
    if (cycle.remainingAttempts === 0) throw noAttemptsLeft(version.maxAttempts ?? 0);

    const drawn = drawNewAttempt(paper, now);
    if (!drawn) throw new DomainError("learning.noQuestions");
    const { id, items, deadline } = drawn;
    // unique(enrollmentId, number): if a parallel start took this number, look again (and resume it).
    const number = Math.max(0, ...attempts.map((a) => a.number)) + 1;
    // One raw statement (ON CONFLICT DO NOTHING): lighter on the app than the query builder.
    const count = await db.$executeRaw`
      INSERT INTO "QuizAttempt" ("id", "enrollmentId", "personId", "versionId", "number", "items", "answers",
                                 "startedAt", "deadline")
      VALUES (${id}::uuid, ${enrollment.id}::uuid, ${personId}::uuid, ${enrollment.versionId}::uuid,
              ${number}::int, ${JSON.stringify(items)}::jsonb, '{}'::jsonb, ${now}::timestamptz,
              ${deadline}::timestamptz)
      ON CONFLICT DO NOTHING`;
    if (count === 1) {
      rememberAttempt(id, {
        personId,
        enrollmentId: enrollment.id,
        versionId: enrollment.versionId,
        number,
        deadline,
        items,
      });
      return { attemptId: id, resumed: false };
    }
  }
  throw new Error("Could not start an attempt: too many concurrent starts");
}

type CourseStartRow = StartRow & {
  courseId: string | null;
  courseActive: boolean | null;
  personActive: boolean | null;
  lessons: number;
  done: number;
  /** The attempt the statement started (a draft's number), or null: nothing started, see the state. */
  startedNumber: number | null;
};

/**
 * Course code → the version its last learner to start was enrolled at: a new attempt is drawn for it before
 * the statement that reads the learner's state, so that statement can start the attempt too. A wrong guess
 * (another version, a changed course) only costs the draft: the INSERT checks the enrollment's version.
 */
const versionGuess = new Map<string, string>();
forgetOnClose(() => versionGuess.clear());

type Draft = {
  id: string;
  versionId: string;
  items: AttemptItem[];
  now: Date;
  deadline: Date | null;
  maxAttempts: number | null;
};

/** A new attempt at `versionId`, drawn ahead; null when its bank is empty (startAttempt then refuses). */
async function draftAttempt(versionId: string): Promise<Draft | null> {
  // A guess is only a guess: a version this process no longer finds (a database restored or replaced under
  // it) costs the draft, never the start.
  const paper = await versionPaper(versionId).catch(() => null);
  if (!paper) return null;
  const now = new Date();
  const drawn = drawNewAttempt(paper, now);
  return drawn && { ...drawn, versionId, now, maxAttempts: paper.info.maxAttempts };
}

/**
 * The draft's INSERT, for the state CTE `s`: only when startAttempt would start a new attempt from that state,
 * or a stricter case — the learner active and enrolled at the draft's version with every lesson read, no
 * attempt open (in time or not: either goes through startAttempt), none passed in this cycle, attempts left.
 * unique(enrollmentId, number): a parallel start that took the number makes this a miss too.
 */
const draftInsert = (personId: string, d: Draft) => Prisma.sql`, started AS (
    INSERT INTO "QuizAttempt" ("id", "enrollmentId", "personId", "versionId", "number", "items", "answers",
                               "startedAt", "deadline")
    SELECT ${d.id}::uuid, s."enrollmentId", ${personId}::uuid, s."versionId",
           COALESCE((SELECT max(a."number") FROM "QuizAttempt" a WHERE a."enrollmentId" = s."enrollmentId"), 0) + 1,
           ${JSON.stringify(d.items)}::jsonb, '{}'::jsonb, ${d.now}::timestamptz, ${d.deadline}::timestamptz
    FROM s
    WHERE s."personActive" AND s."versionId" = ${d.versionId}::uuid AND s."lessons" > 0
      AND s."done" >= s."lessons"
      AND NOT EXISTS (SELECT 1 FROM "QuizAttempt" a WHERE a."enrollmentId" = s."enrollmentId"
                      AND (a."status" = 'IN_PROGRESS'::"AttemptStatus"
                           OR (a."passed" AND a."startedAt" >= s."cycleStart")))
      AND (${d.maxAttempts}::int IS NULL OR (SELECT count(*) FROM "QuizAttempt" a
            WHERE a."enrollmentId" = s."enrollmentId" AND a."startedAt" >= s."cycleStart") < ${d.maxAttempts}::int)
    ON CONFLICT DO NOTHING
    RETURNING "number"
  )`;

/**
 * The course page's "start the quiz": in one query the learner, the course by its code, whether every
 * lesson of the enrolled version is read, and the enrollment's attempts — and, in the common case, the new
 * attempt itself (drawn ahead for the version of versionGuess). Otherwise startAttempt with that state.
 * `lessonsLeft` when some lesson is not read yet (or the learner is not enrolled); a missing course or
 * learner is a 404, as on the course page.
 */
export async function startCourseQuiz(
  personId: string,
  code: string,
): Promise<{ attemptId: string; resumed: boolean } | { lessonsLeft: true }> {
  if (!isUuid(personId)) throw new DomainError("learning.learnerNotFound", { status: 404 });
  const guess = versionGuess.get(code);
  const draft = guess ? await draftAttempt(guess) : null;
  const [row] = await db.$queryRaw<CourseStartRow[]>`
    WITH s AS (
      SELECT c."id" AS "courseId", c."active" AS "courseActive",
             (SELECT p."active" FROM "Person" p WHERE p."id" = ${personId}::uuid) AS "personActive",
             (SELECT count(*) FROM "Lesson" l WHERE l."versionId" = e."versionId")::int AS "lessons",
             (SELECT count(*) FROM "LessonProgress" lp JOIN "Lesson" l ON l."id" = lp."lessonId"
               WHERE lp."enrollmentId" = e."id" AND l."versionId" = e."versionId")::int AS "done",
             ${ENROLLMENT_COLUMNS}
      FROM (SELECT 1) AS one
      LEFT JOIN "Course" c ON c."code" = ${code} AND c."currentVersionId" IS NOT NULL
      LEFT JOIN "Enrollment" e ON e."courseId" = c."id" AND e."personId" = ${personId}::uuid
    )${draft ? draftInsert(personId, draft) : Prisma.empty}
    SELECT s.*, ${draft ? Prisma.sql`(SELECT "number" FROM started)` : Prisma.sql`NULL::int`} AS "startedNumber"
    FROM s`;
  if (draft && row?.startedNumber != null && row.enrollmentId) {
    rememberAttempt(draft.id, {
      personId,
      enrollmentId: row.enrollmentId,
      versionId: draft.versionId,
      number: row.startedNumber,
      deadline: draft.deadline,
      items: draft.items,
    });
    return { attemptId: draft.id, resumed: false };
  }
  if (row?.versionId && row.versionId !== guess) {
    if (versionGuess.size >= 1000) versionGuess.clear();
    versionGuess.set(code, row.versionId);
  }
  if (!row?.personActive) throw new DomainError("learning.learnerNotFound", { status: 404 });
  const enrolled = row.enrollmentId !== null;
  if (!row.courseId || (!enrolled && !row.courseActive))
    throw new DomainError(COURSE_NOT_FOUND, { status: 404 });
  if (!enrolled || row.lessons === 0 || row.done < row.lessons) return { lessonsLeft: true };
  return startAttempt(personId, row.courseId, startState(row));
}

export type AttemptSummary = {
  id: string;
  number: number;
  status: "IN_PROGRESS" | "GRADED";
  score: number | null;
  passed: boolean | null;
  startedAt: Date;
  submittedAt: Date | null;
  deadline: Date | null;
};

/** The learner's attempts at a course (oldest first) and how many more they may start (null: no limit). */
export async function listAttempts(
  personId: string,
  courseId: string,
): Promise<{
  attempts: AttemptSummary[];
  maxAttempts: number | null;
  remainingAttempts: number | null;
  passed: boolean;
}> {
  if (!isUuid(personId) || !isUuid(courseId)) throw new DomainError(COURSE_NOT_FOUND, { status: 404 });
  const load = () =>
    db.enrollment.findUnique({
      where: { personId_courseId: { personId, courseId } },
      select: {
        startedAt: true,
        version: { select: { maxAttempts: true } },
        attempts: {
          orderBy: { number: "asc" },
          select: {
            id: true,
            number: true,
            status: true,
            score: true,
            passed: true,
            startedAt: true,
            submittedAt: true,
            deadline: true,
          },
        },
      },
    });
  let enrollment = await load();
  if (!enrollment) {
    const course = await db.course.findUnique({
      where: { id: courseId },
      select: { currentVersion: { select: { maxAttempts: true } } },
    });
    if (!course) throw new DomainError(COURSE_NOT_FOUND, { status: 404 });
    const max = course.currentVersion?.maxAttempts ?? null;
    return { attempts: [], maxAttempts: max, remainingAttempts: max, passed: false };
  }
  // An attempt left open past its time is graded now, so the list tells the truth.
  const expired = enrollment.attempts.filter((a) => a.status === "IN_PROGRESS" && isExpired(a.deadline));
  if (expired.length) {
    for (const a of expired) await gradeOnce(personId, a.id, undefined, true);
    enrollment = (await load())!;
  }
  const { maxAttempts, remainingAttempts, passed } = cycleState({
    ...enrollment,
    maxAttempts: enrollment.version.maxAttempts,
  });
  return { attempts: enrollment.attempts, maxAttempts, remainingAttempts, passed };
}
