// The course page's start (startCourseQuiz: one query for the learner, the course and the lessons read) and
// the attempt page's one-query path for an open attempt (getAttemptPage), against the full paths they skip.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getAttemptPage, startCourseQuiz, submitAttempt } from "~/modules/learning/quiz.server";
import { DomainError } from "~/utils/errors";
import { makeAgency, makePerson } from "../fixtures/factories";
import { answerSheet, makeCourseVersion, makeLessons } from "../fixtures/courses";
import type { AttemptItem } from "~/modules/learning/grading";

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
