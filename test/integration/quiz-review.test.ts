// The quiz page through its real loader and actions (issue 10, defects 6 and 7): a failed attempt's result
// keeps the correct answers out of the loader data while attempts remain; the page's first submit is a
// confirmation step; the background save and submit route is idempotent, late saves change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { AttemptItem } from "~/modules/learning/grading";
import { startAttempt } from "~/modules/learning/quiz.server";
import * as answersRoute from "~/routes/attempts.$attemptId.answers";
import * as attemptPage from "~/routes/attempts.$attemptId";
import { answerSheet, makeCourseVersion, type CourseFixture } from "../fixtures/courses";
import { call, get, signedInAccount, makeAgency, post } from "./helpers/world";

let agency: Awaited<ReturnType<typeof makeAgency>>;
let n = 0;
beforeAll(async () => {
  agency = await makeAgency({ code: "QR", name: "Sở Thử nghiệm" });
});

/** A learner account (with a person) and its session cookie. */
async function newLearner() {
  const { user, cookie } = await signedInAccount({
    email: `hv${++n}@quiz.vn`,
    grants: [{ role: "LEARNER" }],
    agencyId: agency.id,
  });
  return { personId: user.personId!, cookie };
}

async function itemsOf(attemptId: string) {
  const a = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { items: true } });
  return a.items as unknown as AttemptItem[];
}

/** Form fields of an answer sheet, as the page posts them. */
function fields(intent: string, sheet: Record<string, number[]>): [string, string][] {
  return [
    ["intent", intent],
    ...Object.entries(sheet).flatMap(([qid, idx]) =>
      idx.map((i) => [`q.${qid}`, String(i)] as [string, string]),
    ),
  ];
}

function postFields(url: string, cookie: string, body: [string, string][]) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
    body: new URLSearchParams(body),
  });
}

/** Starts an attempt and submits it through the page with `correct` questions right. */
async function failOnce(learner: { personId: string; cookie: string }, f: CourseFixture, correct = 1) {
  const { attemptId } = await startAttempt(learner.personId, f.course.id);
  const sheet = answerSheet(await itemsOf(attemptId), f.questions, correct);
  const res = await call(
    attemptPage.action,
    postFields(`/attempts/${attemptId}`, learner.cookie, fields("submit", sheet)),
    { attemptId },
  );
  expect(res.status).toBe(302);
  return attemptId;
}

async function pageData(attemptId: string, cookie: string) {
  const res = await call(attemptPage.loader, get(`/attempts/${attemptId}`, cookie), { attemptId });
  expect(res.status).toBe(200);
  return res.data as {
    mode: string;
    result: {
      passed: boolean;
      revealed: boolean;
      remainingAttempts: number | null;
      items: {
        questionId: string;
        type: string;
        options: string[];
        isCorrect: boolean;
        chosen: number[];
        correct?: number[];
        explanation?: string;
        whys?: string[];
      }[];
    };
  };
}

const leaks = (data: unknown, f: CourseFixture) => {
  const json = JSON.stringify(data);
  return (
    f.questions.some((q) => json.includes(q.explanation) || q.whys.some((w) => json.includes(w))) ||
    /"(correct|explanation|answer|whys)"/.test(json)
  );
};

describe("the result of a failed attempt", () => {
  it("says which questions were right, but sends no correct answer or explanation while attempts remain", async () => {
    const f = await makeCourseVersion({ questionCount: 6, bankSize: 9, passMark: 80, maxAttempts: 3 });
    const learner = await newLearner();
    const attemptId = await failOnce(learner, f, 2);
    const data = await pageData(attemptId, learner.cookie);
    expect(leaks(data, f)).toBe(false);
    expect(data.mode).toBe("result");
    expect(data.result.passed).toBe(false);
    expect(data.result.revealed).toBe(false);
    expect(data.result.remainingAttempts).toBe(2);
    expect(data.result.items.map((i) => i.isCorrect)).toEqual([true, true, false, false, false, false]);
    expect(data.result.items.every((i) => i.chosen.length > 0)).toBe(true);
  });

  it("stays hidden with no attempt limit", async () => {
    const f = await makeCourseVersion({ questionCount: 3, bankSize: 3, maxAttempts: null });
    const learner = await newLearner();
    const attemptId = await failOnce(learner, f, 0);
    const data = await pageData(attemptId, learner.cookie);
    expect(leaks(data, f)).toBe(false);
    expect(data.result).toMatchObject({ revealed: false, remainingAttempts: null });
  });

  it("stays hidden while the last attempt is open, and is revealed once every attempt is used", async () => {
    const f = await makeCourseVersion({ questionCount: 3, bankSize: 3, maxAttempts: 2 });
    const learner = await newLearner();
    const first = await failOnce(learner, f, 0);
    const { attemptId: second } = await startAttempt(learner.personId, f.course.id);
    // Attempts used up (2 of 2), but the second is open: the first result must not help with it.
    expect(leaks(await pageData(first, learner.cookie), f)).toBe(false);
    await call(attemptPage.action, post(`/attempts/${second}`, learner.cookie, { intent: "submit" }), {
      attemptId: second,
    });
    const data = await pageData(first, learner.cookie);
    expect(data.result).toMatchObject({ revealed: true, remainingAttempts: 0 });
    expect(data.result.items.every((i) => Array.isArray(i.correct) && i.explanation)).toBe(true);
    // Each option's why, in the order the options were shown (true/false has its explanation only).
    for (const item of data.result.items.filter((i) => i.type !== "TRUE_FALSE")) {
      const q = f.questions.find((x) => x.id === item.questionId)!;
      expect(item.whys).toEqual(item.options.map((o) => q.whys[q.options.indexOf(o)]));
    }
  });
});

describe("the page's form without JavaScript", () => {
  it("answers a first 'Nộp bài' with the confirmation step: the answers are saved, nothing is graded", async () => {
    const f = await makeCourseVersion({ questionCount: 4, bankSize: 4 });
    const learner = await newLearner();
    const { attemptId } = await startAttempt(learner.personId, f.course.id);
    const sheet = answerSheet((await itemsOf(attemptId)).slice(0, 1), f.questions);
    const res = await call(
      attemptPage.action,
      postFields(`/attempts/${attemptId}`, learner.cookie, fields("review", sheet)),
      { attemptId },
    );
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ confirm: true });
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt.status).toBe("IN_PROGRESS");
    expect(attempt.answers).toEqual(sheet);
    const page = (
      await call(attemptPage.loader, get(`/attempts/${attemptId}`, learner.cookie), { attemptId })
    ).data as { mode: string; attempt: { answers: unknown } };
    expect(page).toMatchObject({ mode: "taking", attempt: { answers: sheet } });
  });

  it("refuses a body that is not a form with 415, and odd field names with 400, never a 500", async () => {
    const f = await makeCourseVersion({ questionCount: 2, bankSize: 2 });
    const learner = await newLearner();
    const { attemptId } = await startAttempt(learner.personId, f.course.id);
    for (const route of [attemptPage.action, answersRoute.action]) {
      const json = await call(
        route,
        new Request(`http://localhost/attempts/${attemptId}`, {
          method: "POST",
          headers: { cookie: learner.cookie, "content-type": "application/json" },
          body: JSON.stringify({ intent: "submit" }),
        }),
        { attemptId },
      );
      expect(json.status).toBe(415);
      const odd = await call(
        route,
        postFields(`/attempts/${attemptId}`, learner.cookie, [
          ["intent", "submit"],
          ["q..x[", "1"],
          [`q.${(await itemsOf(attemptId))[0].questionId}`, "abc"],
        ]),
        { attemptId },
      );
      expect(odd.status).toBe(400);
    }
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe("IN_PROGRESS");
  });
});

describe("POST /attempts/<id>/answers (the page's background save and submit)", () => {
  const send = async (attemptId: string, cookie: string, body: [string, string][]) => {
    const res = await call(answersRoute.action, postFields(`/attempts/${attemptId}/answers`, cookie, body), {
      attemptId,
    });
    return { status: res.status, body: await res.response!.json() };
  };

  it("saves the same sheet any number of times with the same result, and only its owner's", async () => {
    const f = await makeCourseVersion({ questionCount: 4, bankSize: 4 });
    const learner = await newLearner();
    const other = await newLearner();
    const { attemptId } = await startAttempt(learner.personId, f.course.id);
    const sheet = answerSheet(await itemsOf(attemptId), f.questions, 2);
    for (let i = 0; i < 3; i++)
      expect(await send(attemptId, learner.cookie, fields("save", sheet))).toEqual({
        status: 200,
        body: { ok: true, state: "saved" },
      });
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).answers).toEqual(sheet);
    const intruder = await send(attemptId, other.cookie, fields("save", {}));
    expect(intruder.status).toBe(404);
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).answers).toEqual(sheet);
  });

  it("grades a repeated submit once; a save arriving after it changes nothing", async () => {
    const f = await makeCourseVersion({ questionCount: 4, bankSize: 4, passMark: 100 });
    const learner = await newLearner();
    const { attemptId } = await startAttempt(learner.personId, f.course.id);
    const sheet = answerSheet(await itemsOf(attemptId), f.questions);
    const [a, b] = await Promise.all([
      send(attemptId, learner.cookie, fields("submit", sheet)),
      send(attemptId, learner.cookie, fields("submit", sheet)),
    ]);
    expect(a.body).toEqual({ ok: true, state: "graded", passed: true, score: 100 });
    expect(b.body).toEqual(a.body);
    const late = await send(
      attemptId,
      learner.cookie,
      fields("save", answerSheet(await itemsOf(attemptId), f.questions, 0)),
    );
    expect(late.body).toMatchObject({ ok: true, state: "closed" });
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ status: "GRADED", score: 100, answers: sheet });
    expect(await db.completion.count({ where: { attemptId } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: "quiz.grade", entityId: attemptId } })).toBe(1);
  });

  it("after the time limit and its grace, a save is refused and the attempt graded once with what was saved", async () => {
    const f = await makeCourseVersion({ questionCount: 4, bankSize: 4, timeLimitMinutes: 10, passMark: 50 });
    const learner = await newLearner();
    const { attemptId } = await startAttempt(learner.personId, f.course.id);
    const items = await itemsOf(attemptId);
    const saved = answerSheet(items, f.questions, 1);
    await send(attemptId, learner.cookie, fields("save", saved));
    await db.quizAttempt.update({
      where: { id: attemptId },
      data: { deadline: new Date(Date.now() - 60_000) },
    });
    const all = answerSheet(items, f.questions);
    for (let i = 0; i < 2; i++) {
      const late = await send(attemptId, learner.cookie, fields("save", all));
      expect(late.body).toMatchObject({ ok: true, state: "closed" });
    }
    const submitted = await send(attemptId, learner.cookie, fields("submit", all));
    expect(submitted.body).toEqual({ ok: true, state: "graded", passed: false, score: 25 });
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ status: "GRADED", score: 25, answers: saved });
    expect(await db.auditEvent.count({ where: { action: "quiz.grade", entityId: attemptId } })).toBe(1);
  });
});
