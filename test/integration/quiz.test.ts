import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { type AttemptItem } from "~/modules/learning/grading";
import { addMonthsVn } from "~/utils/vn-calendar";
import {
  clearQuizCache,
  getAttemptForTaking,
  getAttemptResult,
  listAttempts,
  saveAnswers,
  startAttempt,
  submitAttempt,
} from "~/modules/learning/quiz.server";
import { renewEnrollment } from "~/modules/learning/enrollment.server";
import { DomainError } from "~/utils/errors";
import { makeAccount, makeAgency, makePerson } from "../fixtures/factories";
import { answerSheet, makeCourseVersion, type CourseFixture } from "../fixtures/courses";

let agencyId: string;
beforeAll(async () => {
  agencyId = (await makeAgency()).id;
});

const newPerson = async () => (await makePerson({ agencyId })).id;

async function itemsOf(attemptId: string): Promise<AttemptItem[]> {
  const a = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { items: true } });
  return a.items as unknown as AttemptItem[];
}

async function rejects(p: Promise<unknown>, status: number, message?: string | RegExp) {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBe(status);
  if (message) expect((error as DomainError).message).toMatch(message);
}

/** Starts an attempt and submits it with `correct` questions right (all by default). */
async function takeQuiz(personId: string, f: CourseFixture, correct?: number) {
  const { attemptId } = await startAttempt(personId, f.course.id);
  const items = await itemsOf(attemptId);
  const result = await submitAttempt(personId, attemptId, answerSheet(items, f.questions, correct));
  return { attemptId, items, result };
}

describe("startAttempt", () => {
  it("enrolls at the current version and draws questionCount questions with shuffled options", async () => {
    const f = await makeCourseVersion({ questionCount: 10, bankSize: 25 });
    const personId = await newPerson();
    const { attemptId, resumed } = await startAttempt(personId, f.course.id);
    expect(resumed).toBe(false);
    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { personId_courseId: { personId, courseId: f.course.id } },
    });
    expect(enrollment.versionId).toBe(f.version.id);
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({
      number: 1,
      status: "IN_PROGRESS",
      enrollmentId: enrollment.id,
      deadline: null,
    });
    const items = attempt.items as unknown as AttemptItem[];
    expect(items).toHaveLength(10);
    expect(new Set(items.map((i) => i.questionId)).size).toBe(10);
    const bank = new Map(f.questions.map((q) => [q.id, q]));
    for (const item of items) {
      const q = bank.get(item.questionId)!;
      expect([...item.order].sort()).toEqual(q.options.map((_, i) => i));
      if (q.type === "TRUE_FALSE") expect(item.order).toEqual([0, 1]);
    }
  });

  it("resumes the attempt in progress", async () => {
    const f = await makeCourseVersion({ timeLimitMinutes: 20 });
    const personId = await newPerson();
    const first = await startAttempt(personId, f.course.id);
    const again = await startAttempt(personId, f.course.id);
    expect(again).toEqual({ attemptId: first.attemptId, resumed: true });
    expect(await db.quizAttempt.count({ where: { personId } })).toBe(1);
    const a = await db.quizAttempt.findUniqueOrThrow({ where: { id: first.attemptId } });
    expect(a.deadline!.getTime() - a.startedAt.getTime()).toBe(20 * 60_000);
  });

  it("gives concurrent starts the same attempt", async () => {
    const f = await makeCourseVersion();
    const personId = await newPerson();
    const results = await Promise.all(Array.from({ length: 8 }, () => startAttempt(personId, f.course.id)));
    expect(new Set(results.map((r) => r.attemptId)).size).toBe(1);
    expect(results.filter((r) => !r.resumed)).toHaveLength(1);
    expect(await db.enrollment.count({ where: { personId } })).toBe(1);
    expect(await db.quizAttempt.count({ where: { personId } })).toBe(1);
  });

  it("refuses once the attempts are used up, and numbers attempts", async () => {
    const f = await makeCourseVersion({ maxAttempts: 2, passMark: 80 });
    const personId = await newPerson();
    const a1 = await takeQuiz(personId, f, 0);
    const a2 = await takeQuiz(personId, f, 5);
    expect(a1.result.passed).toBe(false);
    expect(a2.result).toMatchObject({ passed: false, score: 50 });
    await rejects(startAttempt(personId, f.course.id), 400, "Bạn đã dùng hết 2 lượt làm bài.");
    const list = await listAttempts(personId, f.course.id);
    expect(list.attempts.map((a) => [a.number, a.status, a.score])).toEqual([
      [1, "GRADED", 0],
      [2, "GRADED", 50],
    ]);
    expect(list.remainingAttempts).toBe(0);
    expect(list.maxAttempts).toBe(2);
  });

  it("allows unlimited attempts when maxAttempts is null", async () => {
    const f = await makeCourseVersion({ maxAttempts: null });
    const personId = await newPerson();
    for (let i = 0; i < 4; i++) await takeQuiz(personId, f, 0);
    const list = await listAttempts(personId, f.course.id);
    expect(list.attempts).toHaveLength(4);
    expect(list.remainingAttempts).toBeNull();
  });

  it("refuses a new attempt after a pass", async () => {
    const f = await makeCourseVersion();
    const personId = await newPerson();
    await takeQuiz(personId, f);
    await rejects(startAttempt(personId, f.course.id), 400, "Bạn đã đạt bài kiểm tra này.");
    expect((await listAttempts(personId, f.course.id)).remainingAttempts).toBe(0);
  });

  it("404s for unknown or inactive courses", async () => {
    const personId = await newPerson();
    await rejects(startAttempt(personId, "00000000-0000-4000-8000-000000000000"), 404);
    await rejects(startAttempt(personId, "not-a-uuid"), 404);
    const f = await makeCourseVersion({ active: false });
    await rejects(startAttempt(personId, f.course.id), 404);
  });
});

describe("taking an attempt", () => {
  it("shows questions in display order and never leaks answers or explanations", async () => {
    const f = await makeCourseVersion({ questionCount: 12, bankSize: 12 });
    const personId = await newPerson();
    const { attemptId } = await startAttempt(personId, f.course.id);
    await saveAnswers(personId, attemptId, { [f.questions[0].id]: [0] });
    const view = await getAttemptForTaking(personId, attemptId);
    if (view.status !== "IN_PROGRESS") throw new Error("expected in progress");
    expect(view).toMatchObject({ attemptId, number: 1, courseId: f.course.id, deadline: null });
    expect(view.serverNow).toBeInstanceOf(Date);
    const items = await itemsOf(attemptId);
    const bank = new Map(f.questions.map((q) => [q.id, q]));
    view.items.forEach((shown, i) => {
      const q = bank.get(items[i].questionId)!;
      expect(shown.questionId).toBe(q.id);
      expect(shown.options).toEqual(items[i].order.map((o) => q.options[o]));
      expect(Object.keys(shown).sort()).toEqual(["options", "questionId", "text", "type"]);
    });
    expect(view.answers).toEqual({ [f.questions[0].id]: [0] });

    const json = JSON.stringify(view);
    for (const q of f.questions) expect(json).not.toContain(q.explanation);
    expect(json).not.toContain("Giải thích");
    expect(json).not.toMatch(/"answer"\s*:/);
    expect(json).not.toMatch(/"correct"\s*:/);
    expect(json).not.toMatch(/"explanation"\s*:/);
  });

  it("saves the answer sheet (replacing the previous one) and validates it", async () => {
    const f = await makeCourseVersion({ questionCount: 12, bankSize: 12 });
    const personId = await newPerson();
    const { attemptId } = await startAttempt(personId, f.course.id);
    const single = f.questions.find((q) => q.type === "SINGLE")!;
    const multiple = f.questions.find((q) => q.type === "MULTIPLE")!;
    const tf = f.questions.find((q) => q.type === "TRUE_FALSE")!;

    expect(await saveAnswers(personId, attemptId, { [single.id]: [2] })).toEqual({ saved: true });
    expect(await saveAnswers(personId, attemptId, { [single.id]: [2], [multiple.id]: [3, 0, 3] })).toEqual({
      saved: true,
    });
    // A multiple-choice question whose boxes were all unticked is absent from the form: it is cleared.
    expect(await saveAnswers(personId, attemptId, { [tf.id]: [1], [single.id]: [1] })).toEqual({
      saved: true,
    });
    const a = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(a.answers).toEqual({ [single.id]: [1], [tf.id]: [1] });
    expect(await saveAnswers(personId, attemptId, {})).toEqual({ saved: true });
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).answers).toEqual({});
    await saveAnswers(personId, attemptId, a.answers);

    await rejects(saveAnswers(personId, attemptId, { [single.id]: [0, 1] }), 400);
    await rejects(saveAnswers(personId, attemptId, { [tf.id]: [0, 1] }), 400);
    await rejects(saveAnswers(personId, attemptId, { [single.id]: [4] }), 400);
    await rejects(saveAnswers(personId, attemptId, { [tf.id]: [2] }), 400);
    await rejects(saveAnswers(personId, attemptId, { [single.id]: [-1] }), 400);
    await rejects(saveAnswers(personId, attemptId, { [single.id]: ["1"] }), 400);
    await rejects(saveAnswers(personId, attemptId, { "00000000-0000-4000-8000-000000000000": [0] }), 400);
    await rejects(saveAnswers(personId, attemptId, "garbage"), 400);
    // A question of the same bank that this attempt did not draw is refused too.
    const other = await makeCourseVersion();
    await rejects(saveAnswers(personId, attemptId, { [other.questions[0].id]: [0] }), 400);
    const after = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(after.answers).toEqual(a.answers);
  });

  it("refuses saving once graded", async () => {
    const f = await makeCourseVersion();
    const personId = await newPerson();
    const { attemptId } = await takeQuiz(personId, f, 0);
    const res = await saveAnswers(personId, attemptId, {});
    expect(res).toMatchObject({ saved: false, reason: "ALREADY_GRADED" });
    expect(await getAttemptForTaking(personId, attemptId)).toEqual({ status: "GRADED", attemptId });
  });
});

describe("someone else's attempt", () => {
  it("is not found for every function", async () => {
    const f = await makeCourseVersion();
    const owner = await newPerson();
    const intruder = await newPerson();
    const { attemptId } = await startAttempt(owner, f.course.id);
    await rejects(getAttemptForTaking(intruder, attemptId), 404);
    await rejects(saveAnswers(intruder, attemptId, {}), 404);
    await rejects(submitAttempt(intruder, attemptId, {}), 404);
    await rejects(getAttemptResult(intruder, attemptId), 404);
    await rejects(getAttemptForTaking(owner, "nonsense"), 404);
    await rejects(getAttemptForTaking(owner, "00000000-0000-4000-8000-000000000000"), 404);
    expect((await listAttempts(intruder, f.course.id)).attempts).toEqual([]);
    // The intruder's tries changed nothing.
    const a = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(a.status).toBe("IN_PROGRESS");
    await submitAttempt(owner, attemptId, {});
    await rejects(getAttemptResult(intruder, attemptId), 404);
  });
});

describe("submitting", () => {
  it("a pass creates the Completion (validUntil + validityMonths), a Certificate and an audit event", async () => {
    const f = await makeCourseVersion({ validityMonths: 24, topics: ["attt-co-ban", "ky-nang-so-co-ban"] });
    const personId = await newPerson();
    const before = Date.now();
    const { attemptId, result } = await takeQuiz(personId, f);
    expect(result).toEqual({
      attemptId,
      score: 100,
      passed: true,
      alreadyGraded: false,
      lateAnswersIgnored: false,
    });

    const completion = await db.completion.findUniqueOrThrow({
      where: { attemptId },
      include: { certificate: true },
    });
    expect(completion).toMatchObject({
      personId,
      courseId: f.course.id,
      versionId: f.version.id,
      source: "ONLINE",
      score: 100,
      topics: ["attt-co-ban", "ky-nang-so-co-ban"],
    });
    expect(completion.completedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(completion.validUntil).toEqual(addMonthsVn(completion.completedAt, 24));
    const months =
      (completion.validUntil!.getUTCFullYear() - completion.completedAt.getUTCFullYear()) * 12 +
      completion.validUntil!.getUTCMonth() -
      completion.completedAt.getUTCMonth();
    expect(months).toBe(24);
    expect(completion.certificate?.code).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);

    const enrollment = await db.enrollment.findFirstOrThrow({ where: { personId } });
    expect(enrollment.completedAt).toEqual(completion.completedAt);
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ status: "GRADED", score: 100, correctCount: 10, passed: true });
    expect(attempt.submittedAt).toEqual(completion.completedAt);

    const events = await db.auditEvent.findMany({ where: { action: "quiz.grade", entityId: attemptId } });
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ personId, score: 100, passed: true, auto: false });

    // Submitting again reports the stored result.
    const again = await submitAttempt(personId, attemptId, {});
    expect(again).toMatchObject({ score: 100, passed: true, alreadyGraded: true });
  });

  it("a fail creates no Completion and no Certificate", async () => {
    const f = await makeCourseVersion({ passMark: 80 });
    const personId = await newPerson();
    const { attemptId, result } = await takeQuiz(personId, f, 7);
    expect(result).toMatchObject({ score: 70, passed: false, alreadyGraded: false });
    expect(await db.completion.count({ where: { personId } })).toBe(0);
    expect(await db.certificate.count({ where: { completion: { personId } } })).toBe(0);
    expect((await db.enrollment.findFirstOrThrow({ where: { personId } })).completedAt).toBeNull();
    const r = await getAttemptResult(personId, attemptId);
    expect(r).toMatchObject({
      score: 70,
      passed: false,
      passMark: 80,
      correctCount: 7,
      total: 10,
      certificateCode: null,
    });
  });

  it("scores the percent fully correct, rounded down, and passes at the pass mark", async () => {
    const f = await makeCourseVersion({ questionCount: 3, bankSize: 6, passMark: 66 });
    const personId = await newPerson();
    const { result } = await takeQuiz(personId, f, 2);
    expect(result).toMatchObject({ score: 66, passed: true });
  });

  it("grades a submitted sheet alike whether this process started the attempt or must read it first", async () => {
    const f = await makeCourseVersion({ passMark: 50 });
    const take = async (known: boolean) => {
      const { user, person } = await makeAccount({ agencyId });
      const { attemptId } = await startAttempt(person!.id, f.course.id);
      const items = await itemsOf(attemptId);
      // Another process started it: nothing of it is remembered here, the submit reads the row.
      if (!known) clearQuizCache();
      const result = await submitAttempt(person!.id, attemptId, answerSheet(items, f.questions, 7));
      const [event] = await db.auditEvent.findMany({ where: { action: "quiz.grade", entityId: attemptId } });
      const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
      return { user, person: person!, result, event, attempt };
    };
    for (const known of [true, false]) {
      const { user, person, result, event, attempt } = await take(known);
      expect(result).toEqual({
        attemptId: attempt.id,
        score: 70,
        passed: true,
        alreadyGraded: false,
        lateAnswersIgnored: false,
      });
      expect(attempt).toMatchObject({ status: "GRADED", score: 70, correctCount: 7, passed: true });
      expect(event).toMatchObject({ actorUserId: user.id, agencyId, entityType: "QuizAttempt" });
      expect(event.data).toEqual({
        personId: person.id,
        courseId: f.course.id,
        number: 1,
        score: 70,
        correctCount: 7,
        total: 10,
        passed: true,
        auto: false,
        late: false,
      });
      expect(await db.completion.count({ where: { attemptId: attempt.id } })).toBe(1);
    }
  });

  it("grades the saved answers when submitted without any", async () => {
    const f = await makeCourseVersion({ passMark: 50 });
    const personId = await newPerson();
    const { attemptId } = await startAttempt(personId, f.course.id);
    const sheet = answerSheet(await itemsOf(attemptId), f.questions, 6);
    await saveAnswers(personId, attemptId, sheet);
    expect(await submitAttempt(personId, attemptId)).toMatchObject({ score: 60, passed: true });
  });

  it("grades the submitted sheet, which replaces the saved one", async () => {
    const f = await makeCourseVersion({ passMark: 50 });
    const personId = await newPerson();
    const { attemptId } = await startAttempt(personId, f.course.id);
    const items = await itemsOf(attemptId);
    const right = answerSheet(items, f.questions);
    await saveAnswers(personId, attemptId, right);
    const half = Object.fromEntries(Object.entries(right).slice(0, 5));
    expect(await submitAttempt(personId, attemptId, half)).toMatchObject({ score: 50, passed: true });
    const a = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(a.answers).toEqual(half);
  });

  it("returns the result with correct answers and explanations in display order", async () => {
    const f = await makeCourseVersion({ questionCount: 6, bankSize: 6, passMark: 50 });
    const personId = await newPerson();
    const { attemptId, items } = await takeQuiz(personId, f, 4);
    const r = await getAttemptResult(personId, attemptId);
    const completion = await db.completion.findUniqueOrThrow({
      where: { attemptId },
      include: { certificate: true },
    });
    expect(r).toMatchObject({
      attemptId,
      number: 1,
      score: 66,
      passed: true,
      passMark: 50,
      correctCount: 4,
      total: 6,
      courseId: f.course.id,
      certificateCode: completion.certificate!.code,
    });
    const bank = new Map(f.questions.map((q) => [q.id, q]));
    r.items.forEach((ri, i) => {
      const q = bank.get(items[i].questionId)!;
      expect(ri.questionId).toBe(q.id);
      expect(ri.explanation).toBe(q.explanation);
      expect(ri.options).toEqual(items[i].order.map((o) => q.options[o]));
      expect(ri.correct.map((d) => ri.options[d]).sort()).toEqual(q.answer.map((o) => q.options[o]).sort());
      expect(ri.isCorrect).toBe(i < 4);
    });
  });

  it("refuses the result of an attempt still in progress", async () => {
    const f = await makeCourseVersion();
    const personId = await newPerson();
    const { attemptId } = await startAttempt(personId, f.course.id);
    await rejects(getAttemptResult(personId, attemptId), 400);
  });
});

describe("time limit", () => {
  async function startTimed(passMark = 50) {
    const f = await makeCourseVersion({ timeLimitMinutes: 15, passMark });
    const personId = await newPerson();
    const { attemptId } = await startAttempt(personId, f.course.id);
    const items = await itemsOf(attemptId);
    return { f, personId, attemptId, items };
  }
  const setDeadline = (attemptId: string, msAgo: number) =>
    db.quizAttempt.update({ where: { id: attemptId }, data: { deadline: new Date(Date.now() - msAgo) } });

  it("grades an expired attempt with its saved answers when it is opened", async () => {
    const { f, personId, attemptId, items } = await startTimed();
    await saveAnswers(personId, attemptId, answerSheet(items, f.questions, 6));
    await setDeadline(attemptId, 31_000);
    expect(await getAttemptForTaking(personId, attemptId)).toEqual({ status: "GRADED", attemptId });
    const a = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(a).toMatchObject({ status: "GRADED", score: 60, passed: true });
    const events = await db.auditEvent.findMany({ where: { action: "quiz.grade", entityId: attemptId } });
    expect(events[0].data).toMatchObject({ auto: true, late: true, score: 60 });
  });

  it("ignores answers submitted after the deadline and grace period", async () => {
    const { f, personId, attemptId, items } = await startTimed();
    await saveAnswers(personId, attemptId, answerSheet(items, f.questions, 3));
    await setDeadline(attemptId, 31_000);
    const res = await submitAttempt(personId, attemptId, answerSheet(items, f.questions));
    expect(res).toMatchObject({ score: 30, passed: false, alreadyGraded: false, lateAnswersIgnored: true });
  });

  it("accepts answers within the 30 s grace period", async () => {
    const { f, personId, attemptId, items } = await startTimed();
    await setDeadline(attemptId, 20_000);
    expect(await saveAnswers(personId, attemptId, answerSheet(items, f.questions, 2))).toEqual({
      saved: true,
    });
    const res = await submitAttempt(personId, attemptId, answerSheet(items, f.questions));
    expect(res).toMatchObject({ score: 100, passed: true, lateAnswersIgnored: false });
  });

  it("refuses to save after the time is over and grades what was saved", async () => {
    const { f, personId, attemptId, items } = await startTimed();
    await saveAnswers(personId, attemptId, answerSheet(items, f.questions, 8));
    await setDeadline(attemptId, 60_000);
    const res = await saveAnswers(personId, attemptId, answerSheet(items, f.questions));
    expect(res).toMatchObject({ saved: false, reason: "TIME_OVER" });
    expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      status: "GRADED",
      score: 80,
    });
  });

  it("grades an expired attempt before starting the next one", async () => {
    const { f, personId, attemptId, items } = await startTimed(80);
    await saveAnswers(personId, attemptId, answerSheet(items, f.questions, 1));
    await setDeadline(attemptId, 5 * 60_000);
    const next = await startAttempt(personId, f.course.id);
    expect(next.resumed).toBe(false);
    expect(next.attemptId).not.toBe(attemptId);
    const list = await listAttempts(personId, f.course.id);
    expect(list.attempts.map((a) => [a.number, a.status, a.score])).toEqual([
      [1, "GRADED", 10],
      [2, "IN_PROGRESS", null],
    ]);
    expect(list.remainingAttempts).toBe(1);
  });

  it("an expired attempt that passed blocks a new start", async () => {
    const { f, personId, attemptId, items } = await startTimed(50);
    await saveAnswers(personId, attemptId, answerSheet(items, f.questions));
    await setDeadline(attemptId, 5 * 60_000);
    await rejects(startAttempt(personId, f.course.id), 400, "Bạn đã đạt bài kiểm tra này.");
    expect(await db.completion.count({ where: { attemptId } })).toBe(1);
  });

  it("listAttempts grades attempts left open past their time", async () => {
    const { f, personId, attemptId } = await startTimed();
    await setDeadline(attemptId, 31_000);
    const list = await listAttempts(personId, f.course.id);
    expect(list.attempts[0]).toMatchObject({ status: "GRADED", score: 0, passed: false });
    const r = await getAttemptResult(personId, attemptId);
    expect(r.items.every((i) => i.chosen.length === 0 && !i.isCorrect)).toBe(true);
  });
});

describe("recertification (renewEnrollment)", () => {
  it("opens 30 days before the certificate expires and starts a new cycle with its own attempts", async () => {
    const f = await makeCourseVersion({ maxAttempts: 1, validityMonths: 12 });
    const personId = await newPerson();
    const first = await takeQuiz(personId, f);
    expect(first.result.passed).toBe(true);
    await rejects(startAttempt(personId, f.course.id), 400, /đã đạt/);
    // Valid for a year: renewing now is refused, with the day it opens.
    await rejects(renewEnrollment(personId, f.course.id), 400, /có thể học lại để cấp lại từ ngày/);

    // 20 days before expiry the window is open.
    const completion = await db.completion.findFirstOrThrow({ where: { personId, courseId: f.course.id } });
    const soon = new Date(Date.now() + 20 * 86_400_000);
    await db.completion.update({ where: { id: completion.id }, data: { validUntil: soon } });
    await renewEnrollment(personId, f.course.id);
    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { personId_courseId: { personId, courseId: f.course.id } },
      include: { progress: true },
    });
    expect(enrollment.completedAt).toBeNull();
    expect(enrollment.progress).toHaveLength(0);
    let list = await listAttempts(personId, f.course.id);
    expect(list).toMatchObject({ passed: false, remainingAttempts: 1 });
    expect(list.attempts).toHaveLength(1); // the first cycle's attempt stays as history

    // The one allowed attempt of the new cycle: fail it, and the limit applies again.
    const second = await takeQuiz(personId, f, 0);
    expect(second.result.passed).toBe(false);
    await rejects(startAttempt(personId, f.course.id), 400);
    list = await listAttempts(personId, f.course.id);
    expect(list).toMatchObject({ passed: false, remainingAttempts: 0 });
    expect(list.attempts).toHaveLength(2);
    // The old completion and certificate are untouched.
    expect(await db.completion.count({ where: { personId } })).toBe(1);
    expect(await db.certificate.count({ where: { completion: { personId } } })).toBe(1);
  });

  it("lets an expired certificate be renewed: pass again → a second completion and certificate", async () => {
    const f = await makeCourseVersion({ validityMonths: 12 });
    const personId = await newPerson();
    await takeQuiz(personId, f);
    await db.completion.updateMany({
      where: { personId },
      data: { validUntil: new Date(Date.now() - 86_400_000) },
    });
    await renewEnrollment(personId, f.course.id);
    await rejects(renewEnrollment(personId, f.course.id), 400, /không cần học lại/);
    const again = await takeQuiz(personId, f);
    expect(again.result.passed).toBe(true);
    const completions = await db.completion.findMany({
      where: { personId },
      orderBy: { completedAt: "asc" },
    });
    expect(completions).toHaveLength(2);
    expect(completions[1].validUntil!.getTime()).toBeGreaterThan(Date.now());
    expect(await db.certificate.count({ where: { completion: { personId } } })).toBe(2);
    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { personId_courseId: { personId, courseId: f.course.id } },
    });
    expect(enrollment.completedAt).not.toBeNull();
  });
});
