// The course page's start (startCourseQuiz: one query for the learner, the course and the lessons read) and
// the attempt page's one-query path for an open attempt (getAttemptPage), against the full paths they skip.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getAttemptPage, startCourseQuiz, submitAttempt } from "~/modules/learning/quiz.server";
import { DomainError } from "~/utils/errors";
import { makeAgency, makePerson } from "../fixtures/factories";
import { answerSheet, makeCourseVersion, makeLessons } from "../fixtures/courses";
import type { AttemptItem } from "~/modules/learning/grading";
import { versionKeys } from "~/modules/learning/paper.server";
import { sqlStatements } from "./helpers/query-count";

let agencyId: string;
beforeAll(async () => {
  agencyId = (await makeAgency()).id;
});

async function refusal(p: Promise<unknown>) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return { status: (error as DomainError).status, key: (error as DomainError).key };
}

/** A course with 2 lessons and a learner enrolled at it, who has read `read` of them. */
async function setup(read: number, options: Parameters<typeof makeCourseVersion>[0] = {}) {
  const f = await makeCourseVersion(options);
  await makeLessons(f.version.id, 2);
  const lessons = await db.lesson.findMany({
    where: { versionId: f.version.id },
    orderBy: { position: "asc" },
  });
  const personId = (await makePerson({ agencyId })).id;
  const enrollment = await db.enrollment.create({
    data: { personId, courseId: f.course.id, versionId: f.version.id },
  });
  await db.lessonProgress.createMany({
    data: lessons.slice(0, read).map((l) => ({ enrollmentId: enrollment.id, lessonId: l.id })),
  });
  return { f, personId, enrollment };
}

describe("startCourseQuiz", () => {
  it("starts once every lesson is read, and resumes the open attempt", async () => {
    const { f, personId } = await setup(2);
    const first = await startCourseQuiz(personId, f.course.code);
    expect(first).toMatchObject({ resumed: false });
    expect(await startCourseQuiz(personId, f.course.code)).toEqual({
      attemptId: (first as { attemptId: string }).attemptId,
      resumed: true,
    });
  });

  it("asks for the lessons first: one unread, or not enrolled at all", async () => {
    const { f, personId } = await setup(1);
    expect(await startCourseQuiz(personId, f.course.code)).toEqual({ lessonsLeft: true });
    const stranger = (await makePerson({ agencyId })).id;
    expect(await startCourseQuiz(stranger, f.course.code)).toEqual({ lessonsLeft: true });
    expect(await db.quizAttempt.count({ where: { versionId: f.version.id } })).toBe(0);
  });

  it("refuses an unknown course, an inactive learner, and a passed learner", async () => {
    const { f, personId } = await setup(2, { maxAttempts: null });
    expect(await refusal(startCourseQuiz(personId, "khong-co-khoa-nay"))).toMatchObject({ status: 404 });
    const passed = await startCourseQuiz(personId, f.course.code);
    const attemptId = (passed as { attemptId: string }).attemptId;
    const { items } = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    await submitAttempt(personId, attemptId, answerSheet(items as unknown as AttemptItem[], f.questions));
    expect(await refusal(startCourseQuiz(personId, f.course.code))).toMatchObject({
      key: "learning.alreadyPassed",
    });
    await db.person.update({ where: { id: personId }, data: { active: false } });
    expect(await refusal(startCourseQuiz(personId, f.course.code))).toMatchObject({
      status: 404,
      key: "learning.learnerNotFound",
    });
  });

  it("starts a retake in the one statement that reads the state, within the attempt limit and cycle", async () => {
    const { f, personId, enrollment } = await setup(2, { maxAttempts: 2 });
    const itemsOf = async (attemptId: string) =>
      (await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } }))
        .items as unknown as AttemptItem[];
    // The first start of this course in the process reads, then inserts; it teaches the version to draw for.
    const first = (await startCourseQuiz(personId, f.course.code)) as { attemptId: string };
    await submitAttempt(
      personId,
      first.attemptId,
      answerSheet(await itemsOf(first.attemptId), f.questions, 0),
    );
    let second: { attemptId: string; resumed: boolean } | undefined;
    const statements = await sqlStatements(async () => {
      second = (await startCourseQuiz(personId, f.course.code)) as typeof second;
    });
    expect(statements, statements.join("\n")).toHaveLength(1);
    expect(second).toMatchObject({ resumed: false });
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: second!.attemptId } });
    expect(attempt).toMatchObject({ number: 2, status: "IN_PROGRESS", enrollmentId: enrollment.id });
    expect(attempt.items as unknown as AttemptItem[]).toHaveLength(f.version.questionCount);
    // Open: resumed, not a third attempt.
    expect(await startCourseQuiz(personId, f.course.code)).toEqual({
      attemptId: second!.attemptId,
      resumed: true,
    });
    await submitAttempt(
      personId,
      second!.attemptId,
      answerSheet(attempt.items as unknown as AttemptItem[], f.questions, 0),
    );
    // Both attempts used: refused, nothing inserted.
    expect(await refusal(startCourseQuiz(personId, f.course.code))).toMatchObject({
      key: "learning.noAttemptsLeft",
    });
    expect(await db.quizAttempt.count({ where: { enrollmentId: enrollment.id } })).toBe(2);
    // A new cycle (the enrollment restarted) has its own attempts again.
    await db.enrollment.update({ where: { id: enrollment.id }, data: { startedAt: new Date() } });
    const third = (await startCourseQuiz(personId, f.course.code)) as { attemptId: string };
    expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: third.attemptId } })).toMatchObject({
      number: 3,
    });
  });

  it("a pass of a remembered attempt is one statement: graded, audited, enrollment finished, completion, certificate", async () => {
    const { f, personId, enrollment } = await setup(2);
    const started = (await startCourseQuiz(personId, f.course.code)) as { attemptId: string };
    const { items } = await db.quizAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    const sheet = answerSheet(items as unknown as AttemptItem[], f.questions);
    await versionKeys(f.version.id); // the keys are read once a process, as the paper is
    let result: Awaited<ReturnType<typeof submitAttempt>> | undefined;
    const statements = await sqlStatements(async () => {
      result = await submitAttempt(personId, started.attemptId, sheet);
    });
    expect(statements, statements.join("\n")).toHaveLength(1);
    expect(result).toMatchObject({ passed: true, score: 100, alreadyGraded: false });
    const completion = await db.completion.findUniqueOrThrow({
      where: { attemptId: started.attemptId },
      include: { certificate: true },
    });
    expect(completion).toMatchObject({ personId, source: "ONLINE", score: 100, versionId: f.version.id });
    expect(completion.certificate?.code).toBeTruthy();
    expect(completion.topics).toEqual(f.version.topics);
    expect(completion.validUntil).not.toBeNull();
    expect(
      (await db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).completedAt,
    ).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: "quiz.grade", entityId: started.attemptId } })).toBe(
      1,
    );
    // Again: the stored result, nothing written twice.
    expect(await submitAttempt(personId, started.attemptId, sheet)).toMatchObject({
      alreadyGraded: true,
      passed: true,
    });
    expect(await db.completion.count({ where: { attemptId: started.attemptId } })).toBe(1);
  });

  it("a learner enrolled at another version than the last start's gets an attempt of their own version", async () => {
    const { f, personId } = await setup(2);
    const otherId = (await makePerson({ agencyId })).id;
    await startCourseQuiz(personId, f.course.code);
    const v2 = await db.courseVersion.create({
      data: {
        courseId: f.course.id,
        version: 2,
        contentHash: `hash-v2-${f.version.id}`,
        title: "v2",
        summary: "",
        topics: f.version.topics,
        estimatedMinutes: 30,
        validityMonths: 24,
        passMark: 80,
        questionCount: 4,
        maxAttempts: 3,
      },
    });
    await db.question.createMany({
      data: f.questions.slice(0, 4).map((q, i) => ({
        versionId: v2.id,
        key: `v2-${i}`,
        type: q.type,
        text: q.text,
        options: q.options,
        answer: q.answer,
        explanation: "",
      })),
    });
    await makeLessons(v2.id, 1);
    const lesson = await db.lesson.findFirstOrThrow({ where: { versionId: v2.id } });
    const enrolled = await db.enrollment.create({
      data: { personId: otherId, courseId: f.course.id, versionId: v2.id },
    });
    await db.lessonProgress.create({ data: { enrollmentId: enrolled.id, lessonId: lesson.id } });
    const started = (await startCourseQuiz(otherId, f.course.code)) as { attemptId: string };
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    expect(attempt).toMatchObject({ versionId: v2.id, number: 1 });
    expect(attempt.items as unknown as AttemptItem[]).toHaveLength(4);
  });
});

describe("getAttemptPage", () => {
  it("an open attempt: the paper without keys, the course's code and current title", async () => {
    const { f, personId } = await setup(2);
    const { attemptId } = (await startCourseQuiz(personId, f.course.code)) as { attemptId: string };
    const page = await getAttemptPage(personId, attemptId);
    expect(page.mode).toBe("taking");
    if (page.mode !== "taking") return;
    expect(page.course).toEqual({ code: f.course.code, title: f.version.title });
    expect(page.attempt.items).toHaveLength(10);
    expect(JSON.stringify(page)).not.toMatch(/"answer"|explanation|whys|Vì sao bí mật/);
    // Someone else's attempt is not found.
    const other = (await makePerson({ agencyId })).id;
    expect(await refusal(getAttemptPage(other, attemptId))).toMatchObject({ status: 404 });
  });

  it("an attempt open past its time is graded first and shows its result", async () => {
    const { f, personId } = await setup(2, { timeLimitMinutes: 10, maxAttempts: null });
    const { attemptId } = (await startCourseQuiz(personId, f.course.code)) as { attemptId: string };
    await db.quizAttempt.update({
      where: { id: attemptId },
      data: { deadline: new Date(Date.now() - 60_000) },
    });
    const page = await getAttemptPage(personId, attemptId);
    expect(page.mode).toBe("result");
    expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      status: "GRADED",
    });
  });
});
