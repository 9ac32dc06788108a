// A graded attempt's result, and the attempt page (the paper while open, the review once graded), each read
// along one path: the attempt with its course and its enrollment's cycle in one query. Correct answers and
// explanations are read from the database only once an attempt is graded.
import { db } from "~/db.server";
import type { Prisma, QuestionType } from "~/generated/prisma/client";
import { DomainError } from "~/utils/errors";
import { isUuid } from "~/utils/uuid";
import { takingView, type OpenAttempt, type TakingRow } from "./answers.server";
import { attemptNotFound, gradeOnce, parseAnswers, parseItems } from "./grade.server";
import { GRACE_MS, gradeAttempt, isExpired } from "./grading";
import { rememberAttempt } from "./paper.server";
import { cycleState, type CycleState } from "./start.server";

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
    /** Why each displayed option is right or wrong (display order; empty for true/false). */
    whys: string[];
  }[];
};

const resultSelect = {
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
  versionId: true,
  version: { select: { passMark: true, courseId: true } },
  completion: { select: { certificate: { select: { code: true } } } },
} as const satisfies Prisma.QuizAttemptSelect;
type ResultRow = Prisma.QuizAttemptGetPayload<{ select: typeof resultSelect }>;

/** A graded attempt with the correct answers and explanations (display order, as the learner saw it). */
async function resultOf(attempt: ResultRow): Promise<AttemptResult> {
  const items = parseItems(attempt.items);
  const questions = await db.question.findMany({
    where: { id: { in: items.map((i) => i.questionId) } },
    select: {
      id: true,
      type: true,
      text: true,
      options: true,
      answer: true,
      explanation: true,
      whys: true,
    },
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  const grade = gradeAttempt(items, parseAnswers(attempt.answers), byId, attempt.version.passMark);
  return {
    attemptId: attempt.id,
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
        whys: q && q.whys.length ? items[i].order.map((o) => q.whys[o] ?? "") : [],
      };
    }),
  };
}

/** A graded attempt's result; one left open past its time is graded first. */
export async function getAttemptResult(personId: string, attemptId: string): Promise<AttemptResult> {
  if (!isUuid(attemptId) || !isUuid(personId)) attemptNotFound();
  const load = () => db.quizAttempt.findUnique({ where: { id: attemptId, personId }, select: resultSelect });
  let attempt = await load();
  if (!attempt) attemptNotFound();
  if (attempt.status === "IN_PROGRESS") {
    if (!isExpired(attempt.deadline)) throw new DomainError("learning.notSubmitted");
    await gradeOnce(personId, attemptId, undefined, true);
    attempt = (await load())!;
  }
  return resultOf(attempt);
}

/** What the result page shows of one question: the learner's choices and whether they were right. */
export type ReviewItem = {
  questionId: string;
  type: QuestionType;
  text: string;
  options: string[];
  chosen: number[];
  isCorrect: boolean;
  /** Only when the answers are revealed (see reviewOf). */
  correct?: number[];
  explanation?: string;
  /** Only when the answers are revealed: why each displayed option is right or wrong. */
  whys?: string[];
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
function reviewOf(result: AttemptResult, cycle: CycleState): AttemptReview {
  const revealed = cycle.remainingAttempts === 0 && !cycle.open;
  return {
    ...result,
    revealed,
    remainingAttempts: cycle.remainingAttempts,
    items: result.items.map(({ correct, explanation, whys, ...shown }) =>
      revealed ? { ...shown, correct, explanation, whys } : shown,
    ),
  };
}

export type AttemptPage =
  | { mode: "taking"; course: { code: string; title: string }; attempt: OpenAttempt }
  | { mode: "result"; course: { code: string; title: string }; result: AttemptReview };

const pageSelect = {
  ...resultSelect,
  version: {
    select: {
      passMark: true,
      courseId: true,
      course: { select: { code: true, currentVersion: { select: { title: true } } } },
    },
  },
  enrollment: {
    select: {
      startedAt: true,
      version: { select: { maxAttempts: true } },
      attempts: { select: { id: true, status: true, passed: true, startedAt: true, deadline: true } },
    },
  },
} as const satisfies Prisma.QuizAttemptSelect;

/**
 * The attempt page of its owner (attemptId checked by the route): the paper while it is open, else the
 * review of the graded attempt. Attempts left open past their time are graded first, so it tells the truth.
 */
export async function getAttemptPage(personId: string, attemptId: string): Promise<AttemptPage> {
  const open = await openAttemptPage(personId, attemptId);
  if (open) return open;
  const load = () => db.quizAttempt.findUnique({ where: { id: attemptId, personId }, select: pageSelect });
  let attempt = await load();
  if (!attempt) attemptNotFound();
  const expired = attempt.enrollment.attempts.filter(
    (a) => a.status === "IN_PROGRESS" && isExpired(a.deadline),
  );
  if (expired.length) {
    for (const a of expired) await gradeOnce(personId, a.id, undefined, true);
    attempt = (await load())!;
  }
  const { code, currentVersion } = attempt.version.course;
  const course = { code, title: currentVersion?.title ?? code };
  if (attempt.status === "IN_PROGRESS") return { mode: "taking", course, attempt: await takingView(attempt) };
  const { enrollment } = attempt;
  const cycle = cycleState({ ...enrollment, maxAttempts: enrollment.version.maxAttempts });
  return { mode: "result", course, result: reviewOf(await resultOf(attempt), cycle) };
}

type OpenPageRow = TakingRow & {
  enrollmentId: string;
  status: "IN_PROGRESS" | "GRADED";
  code: string;
  title: string | null;
  /** Some attempt of the enrollment (this one or another) is open past its time and must be graded first. */
  expiredOpen: boolean;
};

/**
 * The common case in one query: the attempt open, in time, and no attempt of its enrollment open past its
 * time. Null otherwise (graded, or something to grade first): the full path reads the rest.
 */
async function openAttemptPage(personId: string, attemptId: string): Promise<AttemptPage | null> {
  const cutoff = new Date(Date.now() - GRACE_MS);
  const [row] = await db.$queryRaw<OpenPageRow[]>`
    SELECT a."id", a."number", a."status"::text AS "status", a."deadline", a."items", a."answers",
           a."versionId", a."enrollmentId", c."code", cv."title",
           EXISTS (SELECT 1 FROM "QuizAttempt" o WHERE o."enrollmentId" = a."enrollmentId"
                   AND o."status" = 'IN_PROGRESS'::"AttemptStatus" AND o."deadline" < ${cutoff}::timestamptz)
             AS "expiredOpen"
    FROM "QuizAttempt" a
    JOIN "CourseVersion" v ON v."id" = a."versionId"
    JOIN "Course" c ON c."id" = v."courseId"
    LEFT JOIN "CourseVersion" cv ON cv."id" = c."currentVersionId"
    WHERE a."id" = ${attemptId}::uuid AND a."personId" = ${personId}::uuid`;
  if (!row) attemptNotFound();
  if (row.status !== "IN_PROGRESS" || row.expiredOpen) return null;
  const deadline = row.deadline ? new Date(row.deadline) : null;
  rememberAttempt(row.id, {
    personId,
    enrollmentId: row.enrollmentId,
    versionId: row.versionId,
    number: row.number,
    deadline,
    items: parseItems(row.items),
  });
  return {
    mode: "taking",
    course: { code: row.code, title: row.title ?? row.code },
    attempt: await takingView({ ...row, deadline }),
  };
}
