// A quiz must not be passable without reading (issue 13): answering every question of the shipped banks by
// "the longest option" or by "always option 1" must stay below every course's pass mark, on average over
// 200 draws made and graded by the app's own code (drawAttemptItems, gradeAttempt).
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadContent, type LoadedCourse } from "~/modules/content/load.server";
import {
  drawAttemptItems,
  gradeAttempt,
  type AnswerKey,
  type AttemptAnswers,
  type AttemptItem,
  type RandomInt,
} from "~/modules/learning/grading";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const DRAWS = 200;

/** mulberry32: the same 200 draws on every run. */
function seeded(seed: number): RandomInt {
  let a = seed >>> 0;
  return (max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const x = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(x * max);
  };
}

type Strategy = (options: readonly string[], item: AttemptItem) => number[];

/** The displayed option with the most characters (the first of equals), for every type of question. */
const longest: Strategy = (options, item) => {
  let best = 0;
  item.order.forEach((original, displayed) => {
    if ([...options[original]].length > [...options[item.order[best]]].length) best = displayed;
  });
  return [best];
};
/** The first displayed option ("Đúng" for true/false). */
const first: Strategy = () => [0];

function averageScore(course: LoadedCourse, strategy: Strategy, seed: number): number {
  const rand = seeded(seed);
  const bank = course.questions.map((q) => ({ id: q.key, type: q.type, optionCount: q.options.length }));
  const keys = new Map<string, AnswerKey>(
    course.questions.map((q) => [q.key, { id: q.key, type: q.type, answer: q.answer }]),
  );
  const options = new Map(course.questions.map((q) => [q.key, q.options]));
  let total = 0;
  for (let i = 0; i < DRAWS; i++) {
    const items = drawAttemptItems(bank, course.questionCount, rand);
    const answers: AttemptAnswers = Object.fromEntries(
      items.map((item) => [item.questionId, strategy(options.get(item.questionId)!, item)]),
    );
    total += gradeAttempt(items, answers, keys, course.passMark).score;
  }
  return total / DRAWS;
}

describe("guessing strategies on the shipped banks", () => {
  let courses: LoadedCourse[] = [];
  beforeAll(async () => {
    const content = await loadContent(CONTENT);
    expect(content.problems).toEqual([]);
    courses = content.courses;
  });

  it("loads every shipped course", () => {
    expect(courses.length).toBeGreaterThanOrEqual(5);
  });

  for (const [name, strategy] of [
    ["the longest option", longest],
    ["always option 1", first],
  ] as const) {
    it(`answering by ${name} stays below every course's pass mark on average over ${DRAWS} draws`, () => {
      const scores = courses.map((c, i) => ({
        code: c.code,
        passMark: c.passMark,
        average: Math.round(averageScore(c, strategy, 1000 + i) * 10) / 10,
      }));
      expect(scores.filter((s) => s.average >= s.passMark)).toEqual([]);
    });
  }
});
