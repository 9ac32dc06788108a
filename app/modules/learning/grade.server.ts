// Grading: the one place an attempt turns GRADED (a conditional claim in one transaction, so exactly once),
// and the completion and certificate that a pass writes. Shared helpers of the quiz module live here too.
import { db, DEFAULT_TX, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/utils/errors";
import { recordCompletion } from "~/modules/completions/record.server";
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
  type VersionInfo,
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
 * (still IN_PROGRESS, answers unchanged since read) that writes the result and the audit event; only when
 * the claim hits the row does a pass write its Completion (through recordCompletion, the one writer),
 * Certificate and finished enrollment, in the claim's transaction. Concurrent callers block on
 * the row lock, then miss the claim, find the attempt GRADED and read the stored result. A concurrent save
 * changes the answers: the claim misses and we grade the fresh answers.
 */
export async function gradeOnce(
  personId: string,
  attemptId: string,
  provided: unknown,
  auto: boolean,
): Promise<SubmitResult> {
  const fast = auto ? null : await gradeSubmitted(personId, attemptId, provided);
  if (fast) return fast;
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
    // The claim and its audit event in one statement (a data-modifying CTE). Casts are explicit: in
    // INSERT … SELECT the server cannot infer parameter types.
    const claim = async (client: Tx) => {
      const [row] = await client.$queryRaw<{ claimed: number }[]>`
        WITH claimed AS (
          UPDATE "QuizAttempt"
          SET "status" = 'GRADED'::"AttemptStatus", "submittedAt" = ${now}::timestamptz,
              "answers" = ${JSON.stringify(answers)}::jsonb, "score" = ${grade.score}::int,
              "correctCount" = ${grade.correctCount}::int, "passed" = ${grade.passed}::boolean
          WHERE "id" = ${attemptId}::uuid AND "status" = 'IN_PROGRESS'::"AttemptStatus"
            AND "answers" = ${JSON.stringify(saved)}::jsonb
          RETURNING "id"
        ), event AS (
          INSERT INTO "AuditEvent" ("actorUserId", "action", "entityType", "entityId", "agencyId", "data")
          SELECT ${attempt.userId}::uuid, 'quiz.grade', 'QuizAttempt', c."id"::text,
                 ${attempt.agencyId}::uuid, ${JSON.stringify(event)}::jsonb
          FROM claimed c
          RETURNING "id"
        )
        SELECT (SELECT count(*) FROM claimed)::int AS "claimed"`;
      return row.claimed === 1;
    };
    const claimed = await commitGrade(claim, grade.passed, {
      personId,
      attemptId,
      enrollmentId: attempt.enrollmentId,
      versionId: attempt.versionId,
      version,
      score: grade.score,
      now,
    });
    if (claimed) {
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

type PassFacts = {
  personId: string;
  attemptId: string;
  enrollmentId: string;
  versionId: string;
  version: VersionInfo;
  score: number;
  now: Date;
};

/**
 * A fail writes nothing but its claim: its one statement is atomic by itself. A pass claims and writes its
 * finished enrollment, completion and certificate in one transaction, so they exist exactly when it does.
 * The completion goes last: its trigger updates the learner's agency's TargetCount rows (decision 014),
 * which every pass in that agency updates too, so those row locks are held only until the commit.
 */
async function commitGrade(claim: (client: Tx) => Promise<boolean>, passed: boolean, p: PassFacts) {
  if (!passed) return claim(db);
  return db.$transaction(async (tx) => {
    if (!(await claim(tx))) return false;
    await tx.enrollment.update({ where: { id: p.enrollmentId }, data: { completedAt: p.now } });
    const completion = await recordCompletion(tx, {
      personId: p.personId,
      source: "ONLINE",
      completedAt: p.now,
      topics: p.version.topics,
      courseId: p.version.courseId,
      versionId: p.versionId,
      validityMonths: p.version.validityMonths,
      attemptId: p.attemptId,
      score: p.score,
    });
    await issueCertificate(tx, completion.id, p.now);
    return true;
  }, DEFAULT_TX);
}

/**
 * The learner's submit of a sheet, for an attempt this process knows (rememberAttempt) and whose time is
 * not over: graded from the cached facts, then claimed in one statement (still the person's, open and in
 * time) with its audit event, without reading the attempt first. The sent sheet replaces the saved one, so
 * a concurrent save does not matter here. Null when the claim misses (graded already, time over, not the
 * person's) or the attempt is unknown: gradeOnce's full path then reads the row and tells which.
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
  const [paper, keys] = await Promise.all([versionPaper(facts.versionId), versionKeys(facts.versionId)]);
  const version = paper.info;
  const answers = validateAnswers(provided, facts.items, paper);
  const grade = gradeAttempt(facts.items, answers, keys, version.passMark);
  const event = {
    personId,
    courseId: version.courseId,
    number: facts.number,
    score: grade.score,
    correctCount: grade.correctCount,
    total: grade.total,
    passed: grade.passed,
    auto: false,
    late: false,
  };
  const cutoff = new Date(now.getTime() - GRACE_MS);
  const claim = async (client: Tx) => {
    const [row] = await client.$queryRaw<{ claimed: number }[]>`
      WITH claimed AS (
        UPDATE "QuizAttempt"
        SET "status" = 'GRADED'::"AttemptStatus", "submittedAt" = ${now}::timestamptz,
            "answers" = ${JSON.stringify(answers)}::jsonb, "score" = ${grade.score}::int,
            "correctCount" = ${grade.correctCount}::int, "passed" = ${grade.passed}::boolean
        WHERE "id" = ${attemptId}::uuid AND "personId" = ${personId}::uuid
          AND "status" = 'IN_PROGRESS'::"AttemptStatus"
          AND ("deadline" IS NULL OR "deadline" >= ${cutoff}::timestamptz)
        RETURNING "id", "personId"
      ), event AS (
        INSERT INTO "AuditEvent" ("actorUserId", "action", "entityType", "entityId", "agencyId", "data")
        SELECT (SELECT u."id" FROM "User" u WHERE u."personId" = c."personId"), 'quiz.grade', 'QuizAttempt',
               c."id"::text, p."agencyId", ${JSON.stringify(event)}::jsonb
        FROM claimed c JOIN "Person" p ON p."id" = c."personId"
        RETURNING "id"
      )
      SELECT (SELECT count(*) FROM claimed)::int AS "claimed"`;
    return row.claimed === 1;
  };
  const claimed = await commitGrade(claim, grade.passed, {
    personId,
    attemptId,
    enrollmentId: facts.enrollmentId,
    versionId: facts.versionId,
    version,
    score: grade.score,
    now,
  });
  if (!claimed) return null;
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
