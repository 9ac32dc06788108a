// Version data for quizzes, cached per process, and the check of an answer sheet against an attempt.
// A version never changes once written (the content sync makes a new one for any change), so its settings
// and bank are read once instead of on every start, save and submit. The learner-facing "paper" and the
// grading keys are separate caches, read with separate explicit selects. An attempt's fixed facts (its paper's
// order, deadline, owner) are remembered too, so the learner's submit can be graded without reading it.
import { db, forgetOnClose } from "~/db.server";
import type { QuestionType } from "~/generated/prisma/client";
import { answerField, MAX_CHOICES, MAX_QUESTIONS } from "~/domain/quiz";
import { DomainError } from "~/utils/errors";
import type { AnswerKey, AttemptAnswers, AttemptItem } from "./grading";

export const BAD_ANSWERS = "learning.badAnswers";

export type VersionInfo = {
  courseId: string;
  passMark: number;
  validityMonths: number;
  topics: string[];
  questionCount: number;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
};
export type PaperQuestion = { id: string; type: QuestionType; text: string; options: string[] };
export type Paper = { info: VersionInfo; bank: PaperQuestion[]; byId: Map<string, PaperQuestion> };

const CACHE_VERSIONS = 200;
const papers = new Map<string, Promise<Paper>>();
/** Question id → version id, so a save can be checked against the cached paper before any read. */
export const versionOfQuestion = new Map<string, string>();
const answerKeys = new Map<string, Promise<Map<string, AnswerKey>>>();

/** What never changes in an attempt once started: enough to grade a submitted sheet without reading it. */
export type AttemptFacts = {
  personId: string;
  enrollmentId: string;
  versionId: string;
  number: number;
  deadline: Date | null;
  items: AttemptItem[];
};
const FACTS_CACHED = 20_000;
const knownAttempts = new Map<string, AttemptFacts>();

/** Remembers an attempt this process started or showed, so its submit can skip the read (gradeOnce). */
export function rememberAttempt(attemptId: string, facts: AttemptFacts) {
  knownAttempts.delete(attemptId);
  knownAttempts.set(attemptId, facts);
  if (knownAttempts.size > FACTS_CACHED) knownAttempts.delete(knownAttempts.keys().next().value!);
}

export const knownAttempt = (attemptId: string) => knownAttempts.get(attemptId);
export const forgetAttempt = (attemptId: string) => knownAttempts.delete(attemptId);

/** Least-recently-used memo of a promise; a failed load is forgotten so the next call retries. */
function memo<T>(store: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = store.get(key);
  if (value) store.delete(key);
  else {
    const loading = load();
    loading.catch(() => store.get(key) === loading && store.delete(key));
    value = loading;
  }
  store.set(key, value);
  if (store.size > CACHE_VERSIONS) store.delete(store.keys().next().value!);
  return value;
}

/** For tests and scripts that change version rows behind the app's back. */
export function clearQuizCache() {
  papers.clear();
  answerKeys.clear();
  versionOfQuestion.clear();
  knownAttempts.clear();
}
forgetOnClose(clearQuizCache);

export function versionPaper(versionId: string): Promise<Paper> {
  return memo(papers, versionId, async () => {
    const [info, bank] = await Promise.all([
      db.courseVersion.findUniqueOrThrow({
        where: { id: versionId },
        select: {
          courseId: true,
          passMark: true,
          validityMonths: true,
          topics: true,
          questionCount: true,
          timeLimitMinutes: true,
          maxAttempts: true,
        },
      }),
      // Explicit select: the paper never holds `answer` or `explanation`.
      db.question.findMany({
        where: { versionId },
        orderBy: { key: "asc" },
        select: { id: true, type: true, text: true, options: true },
      }),
    ]);
    if (versionOfQuestion.size > 100_000) versionOfQuestion.clear();
    for (const q of bank) versionOfQuestion.set(q.id, versionId);
    return { info, bank, byId: new Map(bank.map((q) => [q.id, q])) };
  });
}

export function versionKeys(versionId: string): Promise<Map<string, AnswerKey>> {
  return memo(answerKeys, versionId, async () => {
    const rows = await db.question.findMany({
      where: { versionId },
      select: { id: true, type: true, answer: true },
    });
    return new Map(rows.map((k) => [k.id, k]));
  });
}

/**
 * An answer sheet's shape (question id → displayed option indexes, each a whole number 0–99, at most
 * MAX_CHOICES per question and MAX_QUESTIONS questions), checked by hand: it runs on every save and submit.
 */
export function sheetShape(input: unknown): AttemptAnswers {
  if (input === undefined || input === null) return {};
  if (typeof input !== "object" || Array.isArray(input)) throw new DomainError(BAD_ANSWERS);
  const entries = Object.entries(input);
  if (entries.length > MAX_QUESTIONS) throw new DomainError(BAD_ANSWERS);
  for (const [questionId, chosen] of entries) {
    if (questionId.length > 100 || !Array.isArray(chosen) || chosen.length > MAX_CHOICES)
      throw new DomainError(BAD_ANSWERS);
    for (const c of chosen as unknown[])
      if (typeof c !== "number" || !Number.isInteger(c) || c < 0 || c > 99)
        throw new DomainError(BAD_ANSWERS);
  }
  return input as AttemptAnswers;
}

/**
 * Checks an answer sheet from the client against the attempt: only its questions, indexes among the
 * displayed options, at most one choice for single-choice and true/false. Returns it sorted and de-duplicated.
 */
export function validateAnswers(input: unknown, items: readonly AttemptItem[], paper: Paper): AttemptAnswers {
  const sheet = sheetShape(input);
  const byId = new Map(items.map((i) => [i.questionId, i]));
  const out: AttemptAnswers = {};
  for (const [questionId, chosen] of Object.entries(sheet)) {
    const item = byId.get(questionId);
    const type = paper.byId.get(questionId)?.type;
    if (!item || !type) throw new DomainError(BAD_ANSWERS);
    const unique = [...new Set(chosen)].sort((a, b) => a - b);
    if (unique.some((d) => d >= item.order.length))
      throw new DomainError(BAD_ANSWERS, { field: answerField(questionId) });
    if (type !== "MULTIPLE" && unique.length > 1)
      throw new DomainError("learning.singleAnswer", { field: answerField(questionId) });
    out[questionId] = unique;
  }
  return out;
}
