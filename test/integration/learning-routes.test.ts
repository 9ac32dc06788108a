// The learner pages, through their real loaders and actions: order of steps, ownership, and no answer leaks.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import * as attemptPage from "~/routes/attempts.$attemptId";
import * as certificate from "~/routes/certificates.$file";
import * as coursePage from "~/routes/courses.$code._index";
import * as lessonPage from "~/routes/courses.$code.lessons.$position";
import * as verifyPage from "~/routes/verify.$code";
import { answerSheet, makeCourseVersion, makeLessons, type CourseFixture } from "../fixtures/courses";
import { buildWorld, call, get, post } from "./helpers/world";

let w: Awaited<ReturnType<typeof buildWorld>>;
let fx: CourseFixture;
let code: string;
let lessonIds: string[];
let attemptId: string;

beforeAll(async () => {
  w = await buildWorld();
  fx = await makeCourseVersion({ questionCount: 6, bankSize: 9, passMark: 80 });
  code = fx.course.code;
  await makeLessons(fx.version.id, 2, (n) => `<p>Nội dung bài ${n}</p>`);
  lessonIds = (
    await db.lesson.findMany({ where: { versionId: fx.version.id }, orderBy: { position: "asc" } })
  ).map((l) => l.id);
});

const learner = () => w.learner.cookie;
const other = () => w.coordA.cookie; // another person with a staff record

describe("course and lessons", () => {
  it("refuses the quiz until every lesson is read", async () => {
    const res = await call(coursePage.action, post(`/courses/${code}`, learner(), { intent: "start" }), {
      code,
    });
    expect(res.status).toBe(302);
    expect(res.response?.headers.get("location")).toBe(`/courses/${code}`);
    expect(await db.quizAttempt.count()).toBe(0);
  });

  it("marks lessons done one after the other and remembers the reading position", async () => {
    const first = await call(lessonPage.loader, get(`/courses/${code}/lessons/1`, learner()), {
      code,
      position: "1",
    });
    expect(first.status).toBe(200);
    await call(
      lessonPage.action,
      post(`/courses/${code}/lessons/1`, learner(), {
        intent: "position",
        lessonId: lessonIds[0],
        position: "0.4",
      }),
      { code, position: "1" },
    );
    const again = await call(lessonPage.loader, get(`/courses/${code}/lessons/1`, learner()), {
      code,
      position: "1",
    });
    expect((again.data as { scrollTo: number }).scrollTo).toBeCloseTo(0.4);
    const next = await call(
      lessonPage.action,
      post(`/courses/${code}/lessons/1`, learner(), { intent: "done", lessonId: lessonIds[0] }),
      { code, position: "1" },
    );
    expect(next.response?.headers.get("location")).toBe(`/courses/${code}/lessons/2`);
    const back = await call(
      lessonPage.action,
      post(`/courses/${code}/lessons/2`, learner(), { intent: "done", lessonId: lessonIds[1] }),
      { code, position: "2" },
    );
    expect(back.response?.headers.get("location")).toBe(`/courses/${code}`);
  });

  it("does not let someone mark a lesson of a course they are not enrolled in", async () => {
    const res = await call(
      lessonPage.action,
      post(`/courses/${code}/lessons/1`, other(), { intent: "done", lessonId: lessonIds[0] }),
      { code, position: "1" },
    );
    expect(res.status).toBe(404);
  });

  it("opens a first lesson from two tabs at once and marks it done twice without an error", async () => {
    const cookie = w.coordB.cookie; // a person with a staff record, not yet enrolled in this course
    const open = () =>
      call(lessonPage.loader, get(`/courses/${code}/lessons/1`, cookie), { code, position: "1" });
    const opened = await Promise.all([open(), open(), open(), open()]);
    expect(opened.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const personId = w.coordB.person!.id;
    expect(await db.enrollment.count({ where: { personId, courseId: fx.course.id } })).toBe(1);
    const done = () =>
      call(
        lessonPage.action,
        post(`/courses/${code}/lessons/1`, cookie, { intent: "done", lessonId: lessonIds[0] }),
        { code, position: "1" },
      );
    const marked = await Promise.all([done(), done(), done()]);
    expect(marked.map((r) => r.status)).toEqual([302, 302, 302]);
    expect(
      await db.lessonProgress.count({ where: { lessonId: lessonIds[0], enrollment: { personId } } }),
    ).toBe(1);
  });
});

describe("quiz", () => {
  it("starts an attempt whose page carries no answers or explanations", async () => {
    const res = await call(coursePage.action, post(`/courses/${code}`, learner(), { intent: "start" }), {
      code,
    });
    const location = res.response?.headers.get("location") ?? "";
    expect(location).toMatch(/^\/attempts\/[0-9a-f-]{36}$/);
    attemptId = location.split("/")[2];
    const page = await call(attemptPage.loader, get(location, learner()), { attemptId });
    expect((page.data as { mode: string }).mode).toBe("taking");
    const json = JSON.stringify(page.data);
    for (const q of fx.questions) expect(json).not.toContain(q.explanation);
    expect(json).not.toMatch(/"(answer|correct|explanation|isCorrect)"/);
  });

  it("hides the attempt from anyone else (404), by URL and by form", async () => {
    expect(
      (await call(attemptPage.loader, get(`/attempts/${attemptId}`, other()), { attemptId })).status,
    ).toBe(404);
    const submit = await call(
      attemptPage.action,
      post(`/attempts/${attemptId}`, other(), { intent: "submit" }),
      { attemptId },
    );
    expect(submit.status).toBe(404);
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe("IN_PROGRESS");
  });

  it("grades the submitted form once, then shows the result with explanations and a certificate", async () => {
    const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    const sheet = answerSheet(attempt.items as never, fx.questions);
    const form: [string, string][] = Object.entries(sheet).flatMap(([qid, idx]) =>
      idx.map((i) => [`q.${qid}`, String(i)] as [string, string]),
    );
    const body = new URLSearchParams([["intent", "submit"], ...form]);
    const request = () =>
      new Request(`http://localhost/attempts/${attemptId}`, {
        method: "POST",
        headers: { cookie: learner(), "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    const [a, b] = await Promise.all([
      call(attemptPage.action, request(), { attemptId }),
      call(attemptPage.action, request(), { attemptId }),
    ]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(await db.completion.count({ where: { attemptId } })).toBe(1);
    const page = await call(attemptPage.loader, get(`/attempts/${attemptId}`, learner()), { attemptId });
    const result = page.data as {
      mode: string;
      result: { passed: boolean; score: number; certificateCode: string; items: { explanation: string }[] };
    };
    expect(result.mode).toBe("result");
    expect(result.result.passed).toBe(true);
    expect(result.result.score).toBe(100);
    expect(result.result.items[0].explanation).toMatch(/^Giải thích bí mật/);

    const code = result.result.certificateCode;
    const pdf = await call(certificate.loader, get(`/certificates/${code}.pdf`, learner()), {
      file: `${code}.pdf`,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.response?.headers.get("content-type")).toBe("application/pdf");
    const notMine = await call(certificate.loader, get(`/certificates/${code}.pdf`, other()), {
      file: `${code}.pdf`,
    });
    expect(notMine.status).toBe(404);

    const verified = await call(verifyPage.loader, new Request(`http://localhost/verify/${code}`), { code });
    expect(verified.status).toBe(200);
    expect((verified.data as { cert: { valid: boolean; fullName: string } }).cert).toMatchObject({
      valid: true,
    });
    const garbage = await call(verifyPage.loader, new Request("http://localhost/verify/'%3Cscript%3E"), {
      code: "'<script>",
    });
    expect(garbage.status).toBe(404);
  });
});
