// Taking a quiz attempt: its paper while open, saving the answer sheet, and submitting it for grading
// (graded exactly once, in grade.server.ts). Every function takes the caller's personId from the session;
// an attempt of someone else is "not found". Correct answers are never read here.
import { db } from "~/db.server";
import type { Prisma, QuestionType } from "~/generated/prisma/client";
import type { MessageKey } from "~/i18n";
import { isUuid } from "~/utils/uuid";
import {
  ALREADY_SUBMITTED,
  attemptNotFound,
  gradeOnce,
  parseAnswers,
  parseItems,
  TIME_OVER,
  type SubmitResult,
} from "./grade.server";
import { GRACE_MS, isExpired, type AttemptAnswers } from "./grading";
import { sheetShape, validateAnswers, versionOfQuestion, versionPaper } from "./paper.server";

export type OpenAttempt = {
  status: "IN_PROGRESS";
  attemptId: string;
  number: number;
  courseId: string;
  deadline: Date | null;
  serverNow: Date;
  items: { questionId: string; type: QuestionType; text: string; options: string[] }[];
  answers: AttemptAnswers;
};
export type AttemptForTaking = OpenAttempt | { status: "GRADED"; attemptId: string };

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
  return takingView(attempt);
}

export type TakingRow = {
  id: string;
  number: number;
  deadline: Date | null;
  items: Prisma.JsonValue;
  answers: Prisma.JsonValue;
  versionId: string;
};

/** An open attempt's paper: questions and options in the order shown, saved answers. No keys. */
export async function takingView(attempt: TakingRow): Promise<OpenAttempt> {
  const items = parseItems(attempt.items);
  // The paper holds no `answer` or `explanation`: they are never read for an attempt in progress.
  const paper = await versionPaper(attempt.versionId);
  return {
    status: "IN_PROGRESS",
    attemptId: attempt.id,
    number: attempt.number,
    courseId: paper.info.courseId,
    deadline: attempt.deadline,
    serverNow: new Date(),
    items: items.map((item) => {
      const q = paper.byId.get(item.questionId);
      if (!q) throw new Error(`Question ${item.questionId} of attempt ${attempt.id} is missing`);
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
  const shaped = sheetShape(answers);
  const versions = new Set(Object.keys(shaped).map((id) => versionOfQuestion.get(id)));
  const [versionId] = versions;
  if (versions.size === 1 && versionId) {
    const paper = await versionPaper(versionId);
    const items = Object.keys(shaped).map((questionId) => ({
      questionId,
      order: paper.byId.get(questionId)?.options.map((_, i) => i) ?? [],
    }));
    if (await writeAnswers(personId, attemptId, validateAnswers(shaped, items, paper)))
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
  const sheet = validateAnswers(shaped, parseItems(attempt.items), await versionPaper(attempt.versionId));
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
