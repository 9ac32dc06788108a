// Quiz attempts: start (or resume), take, save answers, submit (graded exactly once), results.
// Every function takes the caller's personId from the session; an attempt of someone else is "not found".
// Correct answers and explanations are read from the database only once an attempt is graded.
import { randomUUID } from "node:crypto";
import { db } from "~/db.server";
import type { MessageKey } from "~/i18n";
import type { QuestionType } from "~/generated/prisma/client";
import { DomainError } from "~/utils/errors";
import { drawAttemptItems, GRACE_MS, gradeAttempt, isExpired, type AttemptAnswers } from "./grading";
import { answersShape, BAD_ANSWERS, validateAnswers, versionOfQuestion, versionPaper } from "./paper.server";

export type { AttemptAnswers, AttemptItem } from "./grading";
export { clearQuizCache } from "./paper.server";

import {
  ALREADY_PASSED,
  ALREADY_SUBMITTED,
  attemptNotFound,
  COURSE_NOT_FOUND,
  gradeOnce,
  noAttemptsLeft,
  parseAnswers,
  parseItems,
  TIME_OVER,
  type SubmitResult,
} from "./grade.server";
import { isUuid } from "~/utils/uuid";
export type { SubmitResult } from "./grade.server";

// ---------------------------------------------------------------------------------------------------

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

type StartRow = {
  enrollmentId: string;
  versionId: string;
  cycleStart: Date;
  attemptStartedAt: Date | null;
  id: string | null;
  number: number | null;
  status: "IN_PROGRESS" | "GRADED" | null;
  passed: boolean | null;
  deadline: Date | null;
};

/**
 * Starts a new attempt, or resumes the one in progress. An attempt that ran out of time is graded first.
 * Refused when the learner already passed or has used every allowed attempt.
 */
export async function startAttempt(
  personId: string,
  courseId: string,
): Promise<{ attemptId: string; resumed: boolean }> {
  if (!isUuid(personId) || !isUuid(courseId)) throw new DomainError(COURSE_NOT_FOUND, { status: 404 });
  for (let round = 0; round < 10; round++) {
    // One query through the unique (personId, courseId) index: the enrollment and its attempts.
    const rows = await db.$queryRaw<StartRow[]>`
      SELECT e."id" AS "enrollmentId", e."versionId", e."startedAt" AS "cycleStart", a."id", a."number",
             a."status"::text AS "status", a."passed", a."deadline", a."startedAt" AS "attemptStartedAt"
      FROM "Enrollment" e LEFT JOIN "QuizAttempt" a ON a."enrollmentId" = e."id"
      WHERE e."personId" = ${personId}::uuid AND e."courseId" = ${courseId}::uuid`;
    const enrollment = rows.length
      ? { id: rows[0].enrollmentId, versionId: rows[0].versionId }
      : await ensureEnrollment(personId, courseId);
    const attempts = rows
      .filter((r): r is StartRow & { id: string; number: number } => r.id !== null)
      .map((r) => ({ ...r, deadline: r.deadline ? new Date(r.deadline) : null }));
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
    const cycle = rows.length ? new Date(rows[0].cycleStart).getTime() : 0;
    const current = attempts.filter(
      (a) => !a.attemptStartedAt || new Date(a.attemptStartedAt).getTime() >= cycle,
    );
    if (current.some((a) => a.passed)) throw new DomainError(ALREADY_PASSED);
    if (version.maxAttempts !== null && current.length >= version.maxAttempts)
      throw noAttemptsLeft(version.maxAttempts);

    const bank = paper.bank;
    if (bank.length === 0) throw new DomainError("learning.noQuestions");
    const items = drawAttemptItems(
      bank.map((q) => ({ id: q.id, type: q.type, optionCount: q.options.length })),
      version.questionCount,
    );
    const id = randomUUID();
    // unique(enrollmentId, number): if a parallel start took this number, look again (and resume it).
    const { count } = await db.quizAttempt.createMany({
      data: [
        {
          id,
          enrollmentId: enrollment.id,
          personId,
          versionId: enrollment.versionId,
          number: Math.max(0, ...attempts.map((a) => a.number)) + 1,
          items,
          answers: {},
          startedAt: now,
          deadline: version.timeLimitMinutes
            ? new Date(now.getTime() + version.timeLimitMinutes * 60_000)
            : null,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) return { attemptId: id, resumed: false };
  }
  throw new Error("Could not start an attempt: too many concurrent starts");
}

export type AttemptForTaking =
  | {
      status: "IN_PROGRESS";
      attemptId: string;
      number: number;
      courseId: string;
      deadline: Date | null;
      serverNow: Date;
      items: { questionId: string; type: QuestionType; text: string; options: string[] }[];
      answers: AttemptAnswers;
    }
  | { status: "GRADED"; attemptId: string };

/** The attempt as the learner takes it: questions and options in display order, saved answers. No keys. */
export async function getAttemptForTaking(personId: string, attemptId: string): Promise<AttemptForTaking> {
  if (!isUuid(attemptId) || !isUuid(personId)) attemptNotFound();
  const attempt = await db.quizAttempt.findUnique({
    where: { id: attemptId, personId },
    select: {
      id: true,
      number: true,
      status: true,
      deadline: true,
      items: true,
      answers: true,
      versionId: true,
    },
  });
  if (!attempt) attemptNotFound();
  if (attempt.status === "GRADED") return { status: "GRADED", attemptId };
  if (isExpired(attempt.deadline)) {
    await gradeOnce(personId, attemptId, undefined, true);
    return { status: "GRADED", attemptId };
  }
  const items = parseItems(attempt.items);
  // The paper holds no `answer` or `explanation`: they are never read for an attempt in progress.
  const paper = await versionPaper(attempt.versionId);
  return {
    status: "IN_PROGRESS",
    attemptId,
    number: attempt.number,
    courseId: paper.info.courseId,
    deadline: attempt.deadline,
    serverNow: new Date(),
    items: items.map((item) => {
      const q = paper.byId.get(item.questionId);
      if (!q) throw new Error(`Question ${item.questionId} of attempt ${attemptId} is missing`);
      return { questionId: q.id, type: q.type, text: q.text, options: item.order.map((o) => q.options[o]) };
    }),
    answers: parseAnswers(attempt.answers),
  };
}

export type SaveResult =
  { saved: true } | { saved: false; reason: "TIME_OVER" | "ALREADY_GRADED"; message: MessageKey };

/**
 * Saves the learner's answer sheet (the whole form: it replaces what was saved) while the attempt is open,
 * until deadline + 30 s. After the time is over the attempt is graded with what was saved before.
 */
export async function saveAnswers(
  personId: string,
  attemptId: string,
  answers: unknown,
): Promise<SaveResult> {
  if (!isUuid(attemptId) || !isUuid(personId)) attemptNotFound();
  // Fast path, one statement: when the questions are known from a cached paper, check the answers against
  // it and let the UPDATE's conditions check the rest (owner, open, in time, questions of this attempt).
  const parsed = answersShape.safeParse(answers ?? {});
  if (!parsed.success) throw new DomainError(BAD_ANSWERS, { field: "answers" });
  const versions = new Set(Object.keys(parsed.data).map((id) => versionOfQuestion.get(id)));
  const [versionId] = versions;
  if (versions.size === 1 && versionId) {
    const paper = await versionPaper(versionId);
    const items = Object.keys(parsed.data).map((questionId) => ({
      questionId,
      order: paper.byId.get(questionId)?.options.map((_, i) => i) ?? [],
    }));
    if (await writeAnswers(personId, attemptId, validateAnswers(parsed.data, items, paper)))
      return { saved: true };
  }
  // Slow path: read the attempt to check the answers, or to say why they cannot be saved.
  const attempt = await db.quizAttempt.findUnique({
    where: { id: attemptId, personId },
    select: { status: true, deadline: true, items: true, versionId: true },
  });
  if (!attempt) attemptNotFound();
  if (attempt.status === "GRADED")
    return { saved: false, reason: "ALREADY_GRADED", message: ALREADY_SUBMITTED };
  if (isExpired(attempt.deadline)) {
    await gradeOnce(personId, attemptId, undefined, true);
    return { saved: false, reason: "TIME_OVER", message: TIME_OVER };
  }
  const sheet = validateAnswers(
    parsed.data,
    parseItems(attempt.items),
    await versionPaper(attempt.versionId),
  );
  if (await writeAnswers(personId, attemptId, sheet)) return { saved: true };
  const after = await db.quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { status: true },
  });
  if (after.status === "GRADED")
    return { saved: false, reason: "ALREADY_GRADED", message: ALREADY_SUBMITTED };
  await gradeOnce(personId, attemptId, undefined, true);
  return { saved: false, reason: "TIME_OVER", message: TIME_OVER };
}

/**
 * Writes the answer sheet in one statement, only if the attempt is the person's, still open, within
 * deadline + grace, and has all these questions (jsonb containment on its items).
 */
async function writeAnswers(personId: string, attemptId: string, sheet: AttemptAnswers): Promise<boolean> {
  const cutoff = new Date(Date.now() - GRACE_MS);
  const needle = JSON.stringify(Object.keys(sheet).map((questionId) => ({ questionId })));
  const count = await db.$executeRaw`
    UPDATE "QuizAttempt" SET "answers" = ${JSON.stringify(sheet)}::jsonb
    WHERE "id" = ${attemptId}::uuid AND "personId" = ${personId}::uuid AND "status" = 'IN_PROGRESS'
      AND ("deadline" IS NULL OR "deadline" >= ${cutoff}::timestamptz) AND "items" @> ${needle}::jsonb`;
  return count === 1;
}

/**
 * Submits and grades the attempt. `answers` (optional: the whole form) replace the saved sheet, unless
 * they arrive after deadline + 30 s: then the saved answers count. Safe to call any number of times.
 */
export async function submitAttempt(
  personId: string,
  attemptId: string,
  answers?: unknown,
): Promise<SubmitResult> {
  if (!isUuid(attemptId) || !isUuid(personId)) attemptNotFound();
  return gradeOnce(personId, attemptId, answers, false);
}

export type AttemptResult = {
  attemptId: string;
  number: number;
  score: number;
  passed: boolean;
  passMark: number;
  correctCount: number;
  total: number;
  submittedAt: Date | null;
  courseId: string;
  certificateCode: string | null;
  items: {
    questionId: string;
    type: QuestionType;
    text: string;
    options: string[];
    chosen: number[];
    correct: number[];
    isCorrect: boolean;
    explanation: string;
  }[];
};

/** A graded attempt with the correct answers and explanations (display order, as the learner saw it). */
export async function getAttemptResult(personId: string, attemptId: string): Promise<AttemptResult> {
  if (!isUuid(attemptId) || !isUuid(personId)) attemptNotFound();
  const select = {
    id: true,
    number: true,
    status: true,
    deadline: true,
    score: true,
    passed: true,
    correctCount: true,
    submittedAt: true,
    items: true,
    answers: true,
    version: { select: { passMark: true, courseId: true } },
    completion: { select: { certificate: { select: { code: true } } } },
  } as const;
  let attempt = await db.quizAttempt.findUnique({ where: { id: attemptId, personId }, select });
  if (!attempt) attemptNotFound();
  if (attempt.status === "IN_PROGRESS") {
    if (!isExpired(attempt.deadline)) throw new DomainError("learning.notSubmitted");
    await gradeOnce(personId, attemptId, undefined, true);
    attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select });
  }
  const items = parseItems(attempt.items);
  const questions = await db.question.findMany({
    where: { id: { in: items.map((i) => i.questionId) } },
    select: { id: true, type: true, text: true, options: true, answer: true, explanation: true },
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  const grade = gradeAttempt(items, parseAnswers(attempt.answers), byId, attempt.version.passMark);
  return {
    attemptId,
    number: attempt.number,
    score: attempt.score ?? grade.score,
    passed: attempt.passed ?? grade.passed,
    passMark: attempt.version.passMark,
    correctCount: attempt.correctCount ?? grade.correctCount,
    total: items.length,
    submittedAt: attempt.submittedAt,
    courseId: attempt.version.courseId,
    certificateCode: attempt.completion?.certificate?.code ?? null,
    items: grade.items.map((g, i) => {
      const q = byId.get(g.questionId);
      return {
        questionId: g.questionId,
        type: q?.type ?? "SINGLE",
        text: q?.text ?? "",
        options: q ? items[i].order.map((o) => q.options[o]) : [],
        chosen: g.chosen,
        correct: g.correct,
        isCorrect: g.isCorrect,
        explanation: q?.explanation ?? "",
      };
    }),
  };
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
  const max = enrollment.version.maxAttempts;
  // Attempts of earlier certification cycles stay listed but do not count against this one.
  const cycleStart = enrollment.startedAt.getTime();
  const current = enrollment.attempts.filter((a) => a.startedAt.getTime() >= cycleStart);
  const passed = current.some((a) => a.passed);
  return {
    attempts: enrollment.attempts,
    maxAttempts: max,
    remainingAttempts: max === null ? null : passed ? 0 : Math.max(0, max - current.length),
    passed,
  };
}

/** What the result page shows of one question: the learner's choices and whether they were right. */
export type ReviewItem = {
  questionId: string;
  type: QuestionType;
  text: string;
  options: string[];
  chosen: number[];
  isCorrect: boolean;
  /** Only when the answers are revealed (see getAttemptReview). */
  correct?: number[];
  explanation?: string;
};

export type AttemptReview = Omit<AttemptResult, "items"> & {
  /** Whether the correct answers and explanations are included. */
  revealed: boolean;
  /** Attempts the learner may still start in this cycle (null: no limit). */
  remainingAttempts: number | null;
  items: ReviewItem[];
};

/**
 * A graded attempt as its result page shows it. The correct answers and the explanations (which give them
 * away) are included only once the learner can no longer use them on this quiz: passed, or every attempt
 * of this cycle used, and no attempt open. Otherwise the page says which questions were right or wrong and
 * nothing more, so a retake is not a copy of the last result. With no attempt limit a failed attempt is
 * never revealed. A recertification cycle reopens attempts, and hides the answers again.
 */
export async function getAttemptReview(personId: string, attemptId: string): Promise<AttemptReview> {
  const result = await getAttemptResult(personId, attemptId);
  const cycle = await listAttempts(personId, result.courseId);
  const revealed = cycle.remainingAttempts === 0 && !cycle.attempts.some((a) => a.status === "IN_PROGRESS");
  return {
    ...result,
    revealed,
    remainingAttempts: cycle.remainingAttempts,
    items: result.items.map((item) =>
      revealed
        ? item
        : {
            questionId: item.questionId,
            type: item.type,
            text: item.text,
            options: item.options,
            chosen: item.chosen,
            isCorrect: item.isCorrect,
          },
    ),
  };
}

export type AttemptPage =
  | {
      mode: "taking";
      course: { code: string; title: string };
      attempt: Extract<AttemptForTaking, { status: "IN_PROGRESS" }>;
    }
  | { mode: "result"; course: { code: string; title: string }; result: AttemptReview };

/** The attempt page of its owner: the paper while it is open, else the review of the graded attempt. */
export async function getAttemptPage(personId: string, attemptId: string): Promise<AttemptPage> {
  const taking = await getAttemptForTaking(personId, attemptId);
  const result = taking.status === "IN_PROGRESS" ? null : await getAttemptReview(personId, attemptId);
  const course = await db.course.findUniqueOrThrow({
    where: { id: result ? result.courseId : (taking as { courseId: string }).courseId },
    select: { code: true, currentVersion: { select: { title: true } } },
  });
  const info = { code: course.code, title: course.currentVersion?.title ?? course.code };
  if (taking.status === "IN_PROGRESS") return { mode: "taking", course: info, attempt: taking };
  return { mode: "result", course: info, result: result! };
}
