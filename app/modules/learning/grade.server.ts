// Grading: the one place an attempt turns GRADED (a conditional claim in one statement, so exactly once),
// and the completion and certificate that a pass writes. Shared helpers of the quiz module live here too.
import { randomUUID } from "node:crypto";
import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/utils/errors";
import { completionInsertSql } from "~/modules/completions/record.server";
import {
  GRACE_MS,
  gradeAttempt,
  isExpired,
  newVerificationCode,
  type AttemptAnswers,
  type AttemptItem,
} from "./grading";
import {
  forgetAttempt,
  knownAttempt,
  validateAnswers,
  versionKeys,
  versionPaper,
  type AttemptFacts,
} from "./paper.server";

export const ATTEMPT_NOT_FOUND = "learning.attemptNotFound";
export const COURSE_NOT_FOUND = "learning.courseNotFound";
export const ALREADY_PASSED = "learning.alreadyPassed";
export const TIME_OVER = "learning.timeOver";
export const ALREADY_SUBMITTED = "learning.alreadySubmitted";
export const noAttemptsLeft = (n: number) =>
  new DomainError("learning.noAttemptsLeft", { params: { count: n } });

export function attemptNotFound(): never {
  throw new DomainError(ATTEMPT_NOT_FOUND, { status: 404 });
}

/** Items as stored; a malformed row is a bug, not user input, so it fails loudly. */
export function parseItems(json: Prisma.JsonValue): AttemptItem[] {
  if (!Array.isArray(json)) throw new Error("QuizAttempt.items is not an array");
  return json as unknown as AttemptItem[];
}

export function parseAnswers(json: Prisma.JsonValue): AttemptAnswers {
  return json && typeof json === "object" && !Array.isArray(json) ? (json as unknown as AttemptAnswers) : {};
}

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
};

const graded = (attemptId: string, score: number | null, passed: boolean | null, late = false) => ({
  attemptId,
  score: score ?? 0,
  passed: passed ?? false,
  alreadyGraded: true,
  lateAnswersIgnored: late,
});

/**
 * Grades an attempt exactly once. The answers are graded first, then claimed (claimGrade: still
 * IN_PROGRESS, answers unchanged since read) with the result, its audit event and, for a pass, what a pass
 * writes. Concurrent callers wait on the row lock, then miss the claim, find the attempt GRADED and read the
 * stored result. A concurrent save changes the answers: the claim misses and we grade the fresh answers.
 */
export async function gradeOnce(
  personId: string,
  attemptId: string,
  provided: unknown,
  auto: boolean,
): Promise<SubmitResult> {
  const fast = auto ? null : await gradeSubmitted(personId, attemptId, provided);
  if (fast) return fast;
  const [attempt] = await db.$queryRaw<GradingRow[]>`
    SELECT a."id", a."status"::text AS "status", a."deadline", a."items", a."answers", a."score", a."passed",
           a."number", a."enrollmentId", a."versionId"
    FROM "QuizAttempt" a
    WHERE a."id" = ${attemptId}::uuid AND a."personId" = ${personId}::uuid`;
  if (!attempt) attemptNotFound();
  const now = new Date();
  const deadline = attempt.deadline ? new Date(attempt.deadline) : null;
  const late = isExpired(deadline, now);
  const lateAnswersIgnored = late && provided !== undefined && provided !== null;
  if (attempt.status === "GRADED")
    return graded(attempt.id, attempt.score, attempt.passed, lateAnswersIgnored);

  const items = parseItems(attempt.items);
  const paper = await versionPaper(attempt.versionId);
  // Answers sent with the submission replace the saved sheet, unless they come too late.
  const sheet =
    !late && provided !== undefined && provided !== null ? validateAnswers(provided, items, paper) : null;

  let saved = parseAnswers(attempt.answers);
  for (let round = 0; round < 5; round++) {
    const answers = sheet ?? saved;
    const grade = await claimGrade({ personId, attemptId, ...attempt, items }, answers, now, {
      auto,
      late,
      savedWas: saved,
    });
    if (grade)
      return {
        attemptId,
        score: grade.score,
        passed: grade.passed,
        alreadyGraded: false,
        lateAnswersIgnored,
      };
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

/** What a claim needs to know of the attempt: its owner and paper (remembered or just read). */
type ClaimFacts = Pick<AttemptFacts, "personId" | "enrollmentId" | "versionId" | "number" | "items"> & {
  attemptId: string;
};

/**
 * The one claim: grades `answers` and, in one statement (data-modifying CTEs, atomic by itself, no
 * transaction round trips), turns the attempt GRADED if it is still the person's and IN_PROGRESS, and only
 * then writes its `quiz.grade` audit event (actor and agency looked up from the person) and, for a pass, the
 * finished enrollment, the completion (completionInsertSql, the one writer's row) and its certificate. The
 * Completion's trigger updates the agency's TargetCount rows (decision 014): their locks last only as long
 * as this statement. Conditions: `savedWas` (the full path) — the saved sheet is still the one read;
 * `inTimeAt` (the remembered path, which read nothing) — the deadline + grace is not past. Null when the
 * claim misses.
 */
async function claimGrade(
  facts: ClaimFacts,
  answers: AttemptAnswers,
  now: Date,
  when: { auto: boolean; late: boolean; savedWas?: AttemptAnswers; inTimeAt?: Date },
) {
  const { personId, attemptId } = facts;
  const [paper, keys] = await Promise.all([versionPaper(facts.versionId), versionKeys(facts.versionId)]);
  const version = paper.info;
  const grade = gradeAttempt(facts.items, answers, keys, version.passMark);
  const event = {
    personId,
    courseId: version.courseId,
    number: facts.number,
    score: grade.score,
    correctCount: grade.correctCount,
    total: grade.total,
    passed: grade.passed,
    auto: when.auto,
    late: when.late,
  };
  const unchanged = when.savedWas
    ? Prisma.sql`AND "answers" = ${JSON.stringify(when.savedWas)}::jsonb`
    : Prisma.empty;
  const inTime = when.inTimeAt
    ? Prisma.sql`AND ("deadline" IS NULL OR "deadline" >= ${new Date(when.inTimeAt.getTime() - GRACE_MS)}::timestamptz)`
    : Prisma.empty;
  const completionId = randomUUID();
  // A pass's writes, each only when the claim hit (FROM claimed). The certificate's ON CONFLICT DO NOTHING
  // keeps the statement alive in the 1-in-2^50 case of a code already taken: issueCertificate then draws again.
  const pass = grade.passed
    ? Prisma.sql`, finished AS (
          UPDATE "Enrollment" SET "completedAt" = ${now}::timestamptz
          WHERE "id" = ${facts.enrollmentId}::uuid AND EXISTS (SELECT 1 FROM claimed)
          RETURNING "id"
        ), completion AS (${completionInsertSql(
          completionId,
          {
            personId,
            source: "ONLINE",
            completedAt: now,
            topics: version.topics,
            courseId: version.courseId,
            versionId: facts.versionId,
            validityMonths: version.validityMonths,
            attemptId,
            score: grade.score,
          },
          Prisma.sql`claimed`,
        )}), certificate AS (
          INSERT INTO "Certificate" ("id", "code", "completionId", "issuedAt")
          SELECT ${randomUUID()}::uuid, ${newVerificationCode()}, c."id", ${now}::timestamptz FROM completion c
          ON CONFLICT DO NOTHING
          RETURNING "id"
        )`
    : Prisma.empty;
  const certified = grade.passed ? Prisma.sql`(SELECT count(*) FROM certificate)::int` : Prisma.sql`1`;
  // Casts are explicit: in INSERT … SELECT the server cannot infer parameter types.
  const [row] = await db.$queryRaw<{ claimed: number; certified: number }[]>`
    WITH claimed AS (
      UPDATE "QuizAttempt"
      SET "status" = 'GRADED'::"AttemptStatus", "submittedAt" = ${now}::timestamptz,
          "answers" = ${JSON.stringify(answers)}::jsonb, "score" = ${grade.score}::int,
          "correctCount" = ${grade.correctCount}::int, "passed" = ${grade.passed}::boolean
      WHERE "id" = ${attemptId}::uuid AND "personId" = ${personId}::uuid
        AND "status" = 'IN_PROGRESS'::"AttemptStatus" ${unchanged} ${inTime}
      RETURNING "id", "personId"
    ), event AS (
      INSERT INTO "AuditEvent" ("actorUserId", "action", "entityType", "entityId", "agencyId", "data")
      SELECT (SELECT u."id" FROM "User" u WHERE u."personId" = c."personId"), 'quiz.grade', 'QuizAttempt',
             c."id"::text, p."agencyId", ${JSON.stringify(event)}::jsonb
      FROM claimed c JOIN "Person" p ON p."id" = c."personId"
      RETURNING "id"
    )${pass}
    SELECT (SELECT count(*) FROM claimed)::int AS "claimed", ${certified} AS "certified"`;
  if (row.claimed !== 1) return null;
  if (row.certified === 0) await issueCertificate(db, completionId, now);
  return grade;
}

/**
 * The learner's submit of a sheet, for an attempt this process knows (rememberAttempt) and whose time is
 * not over: graded from the remembered facts and claimed (still the person's, open and in time) without
 * reading the attempt first. The sent sheet replaces the saved one, so a concurrent save does not matter
 * here. Null when the claim misses (graded already, time over, not the person's) or the attempt is
 * unknown: gradeOnce's full path then reads the row and tells which.
 */
async function gradeSubmitted(
  personId: string,
  attemptId: string,
  provided: unknown,
): Promise<SubmitResult | null> {
  const facts = knownAttempt(attemptId);
  const now = new Date();
  if (!facts || facts.personId !== personId || provided === undefined || provided === null) return null;
  if (isExpired(facts.deadline, now)) return null;
  const paper = await versionPaper(facts.versionId);
  const answers = validateAnswers(provided, facts.items, paper);
  const grade = await claimGrade({ ...facts, attemptId }, answers, now, {
    auto: false,
    late: false,
    inTimeAt: now,
  });
  if (!grade) return null;
  forgetAttempt(attemptId);
  return {
    attemptId,
    score: grade.score,
    passed: grade.passed,
    alreadyGraded: false,
    lateAnswersIgnored: false,
  };
}

/**
 * The completion's certificate (once: a completion that has one keeps it). ON CONFLICT DO NOTHING, so the
 * caller's transaction survives the 1-in-2^50 case of a code already taken; then draw again.
 */
export async function issueCertificate(tx: Tx, completionId: string, issuedAt: Date) {
  for (let i = 0; i < 10; i++) {
    const { count } = await tx.certificate.createMany({
      data: [{ code: newVerificationCode(), completionId, issuedAt }],
      skipDuplicates: true,
    });
    if (count === 1 || (await tx.certificate.count({ where: { completionId } }))) return;
  }
  throw new Error("Could not allocate a certificate code");
}
