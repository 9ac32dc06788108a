// How many SQL statements a view of the learner home, a course, a lesson and the targets dashboard costs
// (issue 14: their reads are one raw statement each where the query builder cost more CPU than the page).
// Counted at the driver (helpers/query-count.ts), the guard's session lookup included, after a first view
// (enrollment, the content cache, the session's "last seen" write).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import * as coursePage from "~/routes/courses.$code._index";
import * as lessonPage from "~/routes/courses.$code.lessons.$position";
import * as learnPage from "~/routes/learn";
import * as dashboard from "~/routes/targets._index";
import { clearPlanTrees } from "~/modules/targets/plan-tree.server";
import { makeCourseVersion, makeLessons, type CourseFixture } from "../fixtures/courses";
import { makePlan, makeTarget } from "../fixtures/factories";
import { sqlStatements } from "./helpers/query-count";
import { buildWorld, call, get, post } from "./helpers/world";

let w: Awaited<ReturnType<typeof buildWorld>>;
let fx: CourseFixture;
let code: string;

/** The statements of one call of `loader` (which must answer 200), and its data. */
async function view(loader: Parameters<typeof call>[0], url: string, cookie: string, params = {}) {
  let data: unknown;
  const statements = await sqlStatements(async () => {
    const res = await call(loader, get(url, cookie), params);
    expect(res.status).toBe(200);
    data = res.data;
  });
  return { statements, data };
}

beforeAll(async () => {
  w = await buildWorld();
  fx = await makeCourseVersion({ questionCount: 2, bankSize: 2 });
  code = fx.course.code;
  await makeLessons(fx.version.id, 3);
  const plan = await makePlan({ agencyId: w.province.id });
  await makeTarget({ planId: plan.id, topics: ["attt-co-ban"] });
  // The learner opens lesson 1 (enrolls), marks it done, opens lesson 3 and then lesson 2.
  const lesson1 = await db.lesson.findFirstOrThrow({ where: { versionId: fx.version.id, position: 1 } });
  await call(lessonPage.loader, get(`/courses/${code}/lessons/1`, w.learner.cookie), { code, position: "1" });
  await call(
    lessonPage.action,
    post(`/courses/${code}/lessons/1`, w.learner.cookie, { intent: "done", lessonId: lesson1.id }),
    { code, position: "1" },
  );
  for (const position of ["3", "2"])
    await call(lessonPage.loader, get(`/courses/${code}/lessons/${position}`, w.learner.cookie), {
      code,
      position,
    });
});

describe("statements per page view", () => {
  it("a lesson read again: the session and one read", async () => {
    const { statements, data } = await view(
      lessonPage.loader,
      `/courses/${code}/lessons/2`,
      w.learner.cookie,
      {
        code,
        position: "2",
      },
    );
    expect((data as { lesson: { position: number } }).lesson.position).toBe(2);
    expect(statements, statements.join("\n")).toHaveLength(2);
  });

  it("another lesson: the same, and the bookmark moved (one write)", async () => {
    const { statements } = await view(lessonPage.loader, `/courses/${code}/lessons/3`, w.learner.cookie, {
      code,
      position: "3",
    });
    expect(statements, statements.join("\n")).toHaveLength(3);
    expect(statements[2]).toMatch(/^UPDATE "public"\."Enrollment"/);
  });

  it("the course page: the session and one read (enrollment, lessons read, completion, attempts)", async () => {
    const { statements, data } = await view(coursePage.loader, `/courses/${code}`, w.learner.cookie, {
      code,
    });
    const page = data as { lessons: { done: boolean }[]; attempts: { attempts: unknown[] } | null };
    expect(page.lessons.map((l) => l.done)).toEqual([true, false, false]);
    expect(page.attempts?.attempts).toEqual([]);
    expect(statements, statements.join("\n")).toHaveLength(2);
  });

  it("the learner home: the session, one read, the assignments and the recertification notices", async () => {
    const { statements, data } = await view(learnPage.loader, "/learn", w.learner.cookie);
    const home = data as { courses: { code: string; lessonsDone: number }[] };
    expect(home.courses).toEqual([expect.objectContaining({ code, lessonsDone: 1 })]);
    expect(statements, statements.join("\n")).toHaveLength(4);
  });

  it("the targets dashboard: the session, plans, the plan's targets, agency version, agencies, watermark, counts, trend, drill targets", async () => {
    clearPlanTrees();
    const { statements, data } = await view(dashboard.loader, "/targets", w.reviewer.cookie);
    expect((data as { empty: boolean }).empty).toBe(false);
    // The drill targets beside the training targets: one statement (no campaign has a target here).
    expect(statements, statements.join("\n")).toHaveLength(9);
    expect(statements.filter((s) => s.includes('"PhishingCampaign"'))).toHaveLength(1);
    // The next view finds the agency tree in the process's cache: the version query only.
    const again = await view(dashboard.loader, "/targets", w.reviewer.cookie);
    expect(again.statements, again.statements.join("\n")).toHaveLength(8);
  });
});
