// Grading happens exactly once however many submissions race (double click, two tabs, replayed request).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { AttemptItem } from "~/modules/learning/grading";
import { saveAnswers, startAttempt, submitAttempt } from "~/modules/learning/quiz.server";
import { makeAgency, makePerson } from "../fixtures/factories";
import { answerSheet, makeCourseVersion } from "../fixtures/courses";

let agencyId: string;
beforeAll(async () => {
  agencyId = (await makeAgency()).id;
});

async function startWithItems(passMark: number) {
  const f = await makeCourseVersion({ questionCount: 10, bankSize: 25, passMark });
  const personId = (await makePerson({ agencyId })).id;
  const { attemptId } = await startAttempt(personId, f.course.id);
  const a = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { items: true } });
  return { f, personId, attemptId, items: a.items as unknown as AttemptItem[] };
}

describe("concurrent submissions", () => {
  it("20 submissions of a passing attempt grade it once: one Completion, one Certificate, one audit", async () => {
    const { f, personId, attemptId, items } = await startWithItems(80);
    const sheet = answerSheet(items, f.questions, 9);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submitAttempt(personId, attemptId, sheet)),
    );

    expect(results.filter((r) => !r.alreadyGraded)).toHaveLength(1);
    expect(new Set(results.map((r) => r.score))).toEqual(new Set([90]));
    expect(results.every((r) => r.passed && r.attemptId === attemptId)).toBe(true);
    expect(await db.completion.count({ where: { attemptId } })).toBe(1);
    expect(await db.completion.count({ where: { personId } })).toBe(1);
    expect(await db.certificate.count({ where: { completion: { personId } } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "quiz.grade", entityId: attemptId } })).toBe(1);
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ status: "GRADED", score: 90, correctCount: 9, passed: true });
  });

  it("20 submissions of a failing attempt grade it once and complete nothing", async () => {
    const { f, personId, attemptId, items } = await startWithItems(80);
    const sheet = answerSheet(items, f.questions, 4);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submitAttempt(personId, attemptId, sheet)),
    );
    expect(results.filter((r) => !r.alreadyGraded)).toHaveLength(1);
    expect(new Set(results.map((r) => r.score))).toEqual(new Set([40]));
    expect(await db.completion.count({ where: { personId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "quiz.grade", entityId: attemptId } })).toBe(1);
  });

  it("submissions with different answer sheets agree on one stored result", async () => {
    const { f, personId, attemptId, items } = await startWithItems(50);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submitAttempt(personId, attemptId, answerSheet(items, f.questions, i % 11)),
      ),
    );
    const winner = results.filter((r) => !r.alreadyGraded);
    expect(winner).toHaveLength(1);
    expect(new Set(results.map((r) => r.score))).toEqual(new Set([winner[0].score]));
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.score).toBe(winner[0].score);
    expect(await db.completion.count({ where: { attemptId } })).toBe(winner[0].passed ? 1 : 0);
    expect(await db.auditEvent.count({ where: { action: "quiz.grade", entityId: attemptId } })).toBe(1);
  });

  it("saves racing submissions either land before grading or are refused", async () => {
    const { f, personId, attemptId, items } = await startWithItems(50);
    const right = answerSheet(items, f.questions);
    const ids = Object.keys(right);
    // Sheet k: the first k questions answered (right).
    const sheets = ids.map((_, k) => Object.fromEntries(ids.slice(0, k + 1).map((id) => [id, right[id]])));
    const ops = await Promise.all([
      ...sheets.map((sheet) => saveAnswers(personId, attemptId, sheet)),
      submitAttempt(personId, attemptId),
      submitAttempt(personId, attemptId),
    ]);
    const saved = sheets.filter((_, k) => (ops[k] as { saved: boolean }).saved);
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.status).toBe("GRADED");
    // What was graded is exactly one sheet that was reported saved (or nothing), and the score is of it.
    const graded = attempt.answers as Record<string, number[]>;
    if (saved.length) expect(saved).toContainEqual(graded);
    else expect(graded).toEqual({});
    expect(attempt.score).toBe(Object.keys(graded).length * 10);
    const submits = ops.slice(sheets.length) as Awaited<ReturnType<typeof submitAttempt>>[];
    expect(submits.filter((r) => !r.alreadyGraded)).toHaveLength(1);
    expect(new Set(submits.map((r) => r.score))).toEqual(new Set([attempt.score]));
    expect(await db.auditEvent.count({ where: { action: "quiz.grade", entityId: attemptId } })).toBe(1);
  });
});
