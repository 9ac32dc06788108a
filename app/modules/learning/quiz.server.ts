// Quiz attempts: start (or resume), take, save answers, submit (graded exactly once), results.
// Every function takes the caller's personId from the session; an attempt of someone else is "not found".
// Correct answers and explanations are read from the database only once an attempt is graded.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "~/db.server";
import type { Prisma, QuestionType } from "~/generated/prisma/client";
import { DomainError } from "~/utils/errors";
import {
  addMonthsVn,
  drawAttemptItems,
  GRACE_MS,
  gradeAttempt,
  isExpired,
  newVerificationCode,
  type AnswerKey,
  type AttemptAnswers,
  type AttemptItem,
} from "./grading";

export type { AttemptAnswers, AttemptItem } from "./grading";

const ATTEMPT_NOT_FOUND = "Không tìm thấy lượt làm bài.";
const COURSE_NOT_FOUND = "Không tìm thấy khóa học.";
const ALREADY_PASSED = "Bạn đã đạt bài kiểm tra này.";
const TIME_OVER = "Đã hết thời gian làm bài. Bài làm đã được chấm với các câu trả lời đã lưu.";
const ALREADY_SUBMITTED = "Bài làm này đã được nộp.";
const BAD_ANSWERS = "Câu trả lời không hợp lệ.";
const noAttemptsLeft = (n: number) => `Bạn đã dùng hết ${n} lượt làm bài.`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: unknown): s is string => typeof s === "string" && UUID.test(s);

function attemptNotFound(): never {
  throw new DomainError(ATTEMPT_NOT_FOUND, 404);
}

/** Items as stored; a malformed row is a bug, not user input, so it fails loudly. */
function parseItems(json: Prisma.JsonValue): AttemptItem[] {
  if (!Array.isArray(json)) throw new Error("QuizAttempt.items is not an array");
  return json as unknown as AttemptItem[];
}

function parseAnswers(json: Prisma.JsonValue): AttemptAnswers {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as unknown as AttemptAnswers) : {};
}

// ---------------------------------------------------------------------------------------------------
// Version data, cached per process. A version never changes once written (the content sync makes a new
// one for any change), so its settings and bank are read once instead of on every start, save and submit.
// The learner-facing "paper" and the grading keys are separate caches, read with separate explicit selects.

type VersionInfo = {
  courseId: string;
  passMark: number;
  validityMonths: number;
  topics: string[];
  questionCount: number;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
};
type PaperQuestion = { id: string; type: QuestionType; text: string; options: string[] };
type Paper = { info: VersionInfo; bank: PaperQuestion[]; byId: Map<string, PaperQuestion> };

const CACHE_VERSIONS = 200;
const papers = new Map<string, Promise<Paper>>();
/** Question id → version id, so a save can be checked against the cached paper before any read. */
const versionOfQuestion = new Map<string, string>();
const answerKeys = new Map<string, Promise<Map<string, AnswerKey>>>();

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
}

function versionPaper(versionId: string): Promise<Paper> {
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

function versionKeys(versionId: string): Promise<Map<string, AnswerKey>> {
  return memo(answerKeys, versionId, async () => {
    const rows = await db.question.findMany({
      where: { versionId },
      select: { id: true, type: true, answer: true },
    });
    return new Map(rows.map((k) => [k.id, k]));
  });
}

const answersShape = z
  .record(z.string().max(100), z.array(z.number().int().min(0).max(99)).max(100))
  .refine((sheet) => Object.keys(sheet).length <= 500);

/**
 * Checks an answer sheet from the client against the attempt: only its questions, indexes among the
 * displayed options, at most one choice for single-choice and true/false. Returns it sorted and de-duplicated.
 */
function validateAnswers(input: unknown, items: readonly AttemptItem[], paper: Paper): AttemptAnswers {
  const parsed = answersShape.safeParse(input ?? {});
  if (!parsed.success) throw new DomainError(BAD_ANSWERS, 400, "answers");
  const byId = new Map(items.map((i) => [i.questionId, i]));
  const out: AttemptAnswers = {};
  for (const [questionId, chosen] of Object.entries(parsed.data)) {
    const item = byId.get(questionId);
    const type = paper.byId.get(questionId)?.type;
    if (!item || !type) throw new DomainError(BAD_ANSWERS, 400, "answers");
    const unique = [...new Set(chosen)].sort((a, b) => a - b);
    if (unique.some((d) => d >= item.order.length)) throw new DomainError(BAD_ANSWERS, 400, questionId);
    if (type !== "MULTIPLE" && unique.length > 1)
      throw new DomainError("Câu hỏi này chỉ được chọn một đáp án.", 400, questionId);
    out[questionId] = unique;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Grading: the one place an attempt turns GRADED.

export type SubmitResult = {
  attemptId: string;
  score: number;
  passed: boolean;
  /** True when another call (double click, second tab, time-out) graded it first. */
  alreadyGraded: boolean;
  /** True when answers arrived after the deadline and its grace period and were ignored. */
  lateAnswersIgnored: boolean;
};

type GradingRow = {
  id: string;
  status: "IN_PROGRESS" | "GRADED";
  deadline: Date | null;
  items: Prisma.JsonValue;
  answers: Prisma.JsonValue;
  score: number | null;
  passed: boolean | null;
  number: number;
  enrollmentId: string;
  versionId: string;
  agencyId: string;
  userId: string | null;
};

const graded = (attemptId: string, score: number | null, passed: boolean | null, late = false) => ({
  attemptId,
  score: score ?? 0,
  passed: passed ?? false,
  alreadyGraded: true,
  lateAnswersIgnored: late,
});

/**
 * Grades an attempt exactly once. The answers are graded first, then claimed with a conditional update
 * (still IN_PROGRESS, answers unchanged since read) that writes the result, the Completion, Certificate,
 * enrollment and audit event in ONE statement (data-modifying CTEs: one round trip, atomic, one commit).
 * Only the caller whose update hits the row writes anything. Concurrent callers block on the row lock,
 * then find it GRADED and read the stored result. A concurrent save changes the answers: the claim
 * misses and we grade the fresh answers.
 */
async function gradeOnce(
  personId: string,
  attemptId: string,
  provided: unknown,
  auto: boolean,
): Promise<SubmitResult> {
  // One query: the attempt, and the learner's agency and account for the audit event.
  const [attempt] = await db.$queryRaw<GradingRow[]>`
    SELECT a."id", a."status"::text AS "status", a."deadline", a."items", a."answers", a."score", a."passed",
           a."number", a."enrollmentId", a."versionId", p."agencyId", u."id" AS "userId"
    FROM "QuizAttempt" a
    JOIN "Person" p ON p."id" = a."personId"
    LEFT JOIN "User" u ON u."personId" = p."id"
    WHERE a."id" = ${attemptId}::uuid AND a."personId" = ${personId}::uuid`;
  if (!attempt) attemptNotFound();
  const now = new Date();
  const deadline = attempt.deadline ? new Date(attempt.deadline) : null;
  const late = isExpired(deadline, now);
  const lateAnswersIgnored = late && provided !== undefined && provided !== null;
  if (attempt.status === "GRADED")
    return graded(attempt.id, attempt.score, attempt.passed, lateAnswersIgnored);

  const items = parseItems(attempt.items);
  const [paper, keys] = await Promise.all([versionPaper(attempt.versionId), versionKeys(attempt.versionId)]);
  const version = paper.info;
  // Answers sent with the submission replace the saved sheet, unless they come too late.
  const sheet =
    !late && provided !== undefined && provided !== null ? validateAnswers(provided, items, paper) : null;

  let saved = parseAnswers(attempt.answers);
  for (let round = 0; round < 5; round++) {
    const answers = sheet ?? saved;
    const grade = gradeAttempt(items, answers, keys, version.passMark);
    const completionId = randomUUID();
    const validUntil = version.validityMonths > 0 ? addMonthsVn(now, version.validityMonths) : null;
    const event = {
      personId,
      courseId: version.courseId,
      number: attempt.number,
      score: grade.score,
      correctCount: grade.correctCount,
      total: grade.total,
      passed: grade.passed,
      auto,
      late,
    };
    // Casts are explicit: in INSERT … SELECT the server cannot infer parameter types. Dates go through the
    // driver adapter exactly as in Prisma's own writes, so they compare consistently with deadlines it wrote.
    const [outcome] = await db.$queryRaw<{ claimed: number; certificates: number }[]>`
      WITH claimed AS (
        UPDATE "QuizAttempt"
        SET "status" = 'GRADED'::"AttemptStatus", "submittedAt" = ${now}::timestamptz,
            "answers" = ${JSON.stringify(answers)}::jsonb, "score" = ${grade.score}::int,
            "correctCount" = ${grade.correctCount}::int, "passed" = ${grade.passed}::boolean
        WHERE "id" = ${attemptId}::uuid AND "status" = 'IN_PROGRESS'::"AttemptStatus"
          AND "answers" = ${JSON.stringify(saved)}::jsonb
        RETURNING "id", "personId", "enrollmentId", "versionId"
      ), completion AS (
        INSERT INTO "Completion" ("id", "personId", "courseId", "versionId", "topics", "source",
                                  "completedAt", "validUntil", "attemptId", "score")
        SELECT ${completionId}::uuid, c."personId", ${version.courseId}::uuid, c."versionId",
               ${version.topics}::text[], 'ONLINE'::"CompletionSource", ${now}::timestamptz,
               ${validUntil}::timestamptz, c."id", ${grade.score}::int
        FROM claimed c WHERE ${grade.passed}::boolean
        RETURNING "id"
      ), certificate AS (
        INSERT INTO "Certificate" ("id", "code", "completionId", "issuedAt")
        SELECT ${randomUUID()}::uuid, ${newVerificationCode()}, "id", ${now}::timestamptz FROM completion
        ON CONFLICT ("code") DO NOTHING
        RETURNING "id"
      ), enrollment AS (
        UPDATE "Enrollment" SET "completedAt" = ${now}::timestamptz
        WHERE ${grade.passed}::boolean AND "id" IN (SELECT "enrollmentId" FROM claimed)
        RETURNING "id"
      ), event AS (
        INSERT INTO "AuditEvent" ("actorUserId", "action", "entityType", "entityId", "agencyId", "data")
        SELECT ${attempt.userId}::uuid, 'quiz.grade', 'QuizAttempt', c."id"::text, ${attempt.agencyId}::uuid,
               ${JSON.stringify(event)}::jsonb
        FROM claimed c
        RETURNING "id"
      )
      SELECT (SELECT count(*) FROM claimed)::int AS "claimed",
             (SELECT count(*) FROM certificate)::int AS "certificates"`;
    if (outcome.claimed === 1) {
      if (grade.passed && outcome.certificates === 0) await issueCertificate(completionId, now);
      return {
        attemptId,
        score: grade.score,
        passed: grade.passed,
        alreadyGraded: false,
        lateAnswersIgnored,
      };
    }
    const current = await db.quizAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { status: true, score: true, passed: true, answers: true },
    });
    if (current.status === "GRADED")
      return graded(attemptId, current.score, current.passed, lateAnswersIgnored);
    saved = parseAnswers(current.answers); // answers were saved meanwhile: grade the fresh sheet
  }
  throw new Error(`Could not grade attempt ${attemptId}: answers keep changing`);
}

/** The 1-in-2^50 case: the code drawn for the certificate was taken. ON CONFLICT DO NOTHING, draw again. */
async function issueCertificate(completionId: string, issuedAt: Date) {
  for (let i = 0; i < 10; i++) {
    const { count } = await db.certificate.createMany({
      data: [{ code: newVerificationCode(), completionId, issuedAt }],
      skipDuplicates: true,
    });
    if (count === 1 || (await db.certificate.count({ where: { completionId } }))) return;
  }
  throw new Error("Could not allocate a certificate code");
}

// ---------------------------------------------------------------------------------------------------

/** Enrolls at the course's current version (the caller found no enrollment; a parallel one may exist). */
async function ensureEnrollment(personId: string, courseId: string) {
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: { active: true, currentVersionId: true },
  });
  if (!course?.active || !course.currentVersionId) throw new DomainError(COURSE_NOT_FOUND, 404);
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
  if (!isUuid(personId) || !isUuid(courseId)) throw new DomainError(COURSE_NOT_FOUND, 404);
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
    if (current.some((a) => a.passed)) throw new DomainError(ALREADY_PASSED, 400);
    if (version.maxAttempts !== null && current.length >= version.maxAttempts)
      throw new DomainError(noAttemptsLeft(version.maxAttempts), 400);

    const bank = paper.bank;
    if (bank.length === 0) throw new DomainError("Khóa học này chưa có câu hỏi kiểm tra.", 400);
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
  { saved: true } | { saved: false; reason: "TIME_OVER" | "ALREADY_GRADED"; message: string };

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
  if (!parsed.success) throw new DomainError(BAD_ANSWERS, 400, "answers");
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
    if (!isExpired(attempt.deadline)) throw new DomainError("Bài làm này chưa được nộp.", 400);
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
  if (!isUuid(personId) || !isUuid(courseId)) throw new DomainError(COURSE_NOT_FOUND, 404);
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
    if (!course) throw new DomainError(COURSE_NOT_FOUND, 404);
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
