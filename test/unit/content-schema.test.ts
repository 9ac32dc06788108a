import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "~/modules/content/load.server";
import { FIXTURE_COURSE_RULES, FIXTURE_LESSONS } from "../fixtures/content-course";
import {
  courseFileSchema,
  formatPath,
  formatProblem,
  quizFileSchema,
  validate,
} from "~/modules/content/schema";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/content");

const course = {
  code: "khoa-thu",
  title: "Khóa học thử",
  summary: "Tóm tắt",
  topics: ["attt-co-ban"],
  estimatedMinutes: 15,
  validityMonths: 12,
  passMark: 80,
  reviewedAt: "2026-11-23",
  quiz: { questionCount: 2 },
  lessons: ["01-mo-dau.md"],
};
const single = { id: "q1", type: "single", text: "Câu?", options: ["A", "B"], answer: 1, explanation: "Vì." };

/** field → message of every problem. */
function problemsOf(schema: Parameters<typeof validate>[0], data: unknown): Record<string, string> {
  const r = validate(schema, data);
  if (r.ok) return {};
  return Object.fromEntries(r.problems.map((p) => [formatPath(p.path), p.message]));
}

describe("course.yaml schema", () => {
  it("accepts a minimal course and a full audience", () => {
    expect(validate(courseFileSchema, course).ok).toBe(true);
    const full = {
      ...course,
      audience: { staffCategories: ["CAN_BO", "NGUOI_LAO_DONG"], itRoles: ["FULL_TIME"], headOfUnit: true },
      quiz: { questionCount: 2, timeLimitMinutes: 20, maxAttempts: 3 },
    };
    expect(validate(courseFileSchema, full).ok).toBe(true);
  });

  it("names each wrong field in Vietnamese", () => {
    const { passMark: _p, ...noPassMark } = course;
    const p = problemsOf(courseFileSchema, {
      ...noPassMark,
      code: "ATTT Cơ bản",
      title: "  ",
      topics: [],
      estimatedMinutes: 0,
      validityMonths: 1.5,
      quiz: { questionCount: 2, timeLimit: 20 },
      lessons: ["01 mở đầu.md", "01 mở đầu.md"],
      audience: { staffCategories: ["GIAM_DOC"], headOfUnit: "có" },
      extra: 1,
    });
    expect(p).toMatchObject({
      passMark: "thiếu điểm đạt (passMark)",
      code: expect.stringContaining("chữ thường không dấu"),
      title: "tên khóa học (title) không được để trống",
      topics: "cần ít nhất một chủ đề (topics)",
      estimatedMinutes: expect.stringContaining("số nguyên dương"),
      validityMonths: expect.stringContaining("số nguyên"),
      "quiz.timeLimit": expect.stringContaining("không được phép"),
      "lessons[0]": expect.stringContaining(".md"),
      "lessons[1]": expect.stringContaining("lặp"),
      "audience.staffCategories[0]": expect.stringContaining("CAN_BO"),
      "audience.headOfUnit": "headOfUnit phải là true hoặc false",
      extra: expect.stringContaining("không được phép"),
    });
  });

  it("bounds passMark to 1..100", () => {
    expect(problemsOf(courseFileSchema, { ...course, passMark: 0 })).toHaveProperty("passMark");
    expect(problemsOf(courseFileSchema, { ...course, passMark: 101 })).toHaveProperty("passMark");
    expect(problemsOf(courseFileSchema, { ...course, passMark: 100 })).toEqual({});
  });

  it("says an empty file is empty", () => {
    expect(problemsOf(courseFileSchema, null)).toEqual({ "": "tệp rỗng" });
  });
});

describe("quiz.yaml schema", () => {
  const quiz = (...questions: unknown[]) => ({ questions });

  it("accepts the three types", () => {
    const r = validate(
      quizFileSchema,
      quiz(
        single,
        { ...single, id: "q2", type: "multiple", options: ["A", "B", "C"], answer: [0, 2] },
        { id: "q_3", type: "truefalse", text: "Đúng không?", answer: false, explanation: "Sai." },
      ),
    );
    expect(r.ok).toBe(true);
  });

  it.each([
    ["unknown type", { ...single, type: "essay" }, "questions[0].type", "essay"],
    ["missing type", { ...single, type: undefined }, "questions[0].type", "thiếu loại câu hỏi"],
    ["single answer out of range", { ...single, answer: 2 }, "questions[0].answer", "nằm ngoài"],
    ["single answer negative", { ...single, answer: -1 }, "questions[0].answer", "nằm ngoài"],
    ["single answer as list", { ...single, answer: [1] }, "questions[0].answer", "số thứ tự"],
    ["missing answer", { ...single, answer: undefined }, "questions[0].answer", "thiếu đáp án"],
    ["single without options", { ...single, options: undefined }, "questions[0].options", "thiếu"],
    ["one option", { ...single, options: ["A"], answer: 0 }, "questions[0].options", "ít nhất 2"],
    ["seven options", { ...single, options: [..."ABCDEFG"] }, "questions[0].options", "tối đa 6"],
    ["repeated option", { ...single, options: ["A", "A "] }, "questions[0].options[1]", "lặp"],
    [
      "multiple empty answer",
      { ...single, type: "multiple", answer: [] },
      "questions[0].answer",
      "không rỗng",
    ],
    [
      "multiple out of range",
      { ...single, type: "multiple", answer: [0, 5] },
      "questions[0].answer[1]",
      "nằm ngoài",
    ],
    ["multiple repeated", { ...single, type: "multiple", answer: [1, 1] }, "questions[0].answer[1]", "lặp"],
    [
      "truefalse with options",
      { id: "t", type: "truefalse", text: "?", options: ["Đúng", "Sai"], answer: true, explanation: "." },
      "questions[0].options",
      "không có options",
    ],
    [
      "truefalse with index",
      { id: "t", type: "truefalse", text: "?", answer: 0, explanation: "." },
      "questions[0].answer",
      "true hoặc false",
    ],
    ["bad id", { ...single, id: "câu 1" }, "questions[0].id", "mã câu hỏi"],
    ["no explanation", { ...single, explanation: "" }, "questions[0].explanation", "không được để trống"],
    ["unknown key", { ...single, hint: "x" }, "questions[0].hint", "không được phép"],
  ])("%s → %s", (_name, question, field, message) => {
    expect(problemsOf(quizFileSchema, quiz(question))[field]).toContain(message);
  });

  it("reports a repeated id even when another question is broken", () => {
    const p = problemsOf(quizFileSchema, quiz(single, { ...single, type: "essay" }, { ...single }));
    expect(p["questions[2].id"]).toContain("trùng với questions[0]");
    expect(p["questions[1].type"]).toBeDefined();
  });

  it("rejects an empty bank", () => {
    expect(problemsOf(quizFileSchema, quiz())).toHaveProperty("questions");
  });
});

describe("formatProblem", () => {
  it("prints file › field: message", () => {
    expect(formatProblem({ file: "a/quiz.yaml", field: "questions[1].answer", message: "sai" })).toBe(
      "a/quiz.yaml › questions[1].answer: sai",
    );
    expect(formatProblem({ file: "a/quiz.yaml", field: "", message: "tệp rỗng" })).toBe(
      "a/quiz.yaml: tệp rỗng",
    );
  });
});

describe("loadContent on the fixture", () => {
  it("normalises the good course", async () => {
    const { courses, problems } = await loadContent(FIXTURES);
    expect(problems).toEqual([]);
    expect(courses).toHaveLength(1);
    const c = courses[0];
    expect(c).toMatchObject({
      code: "khoa-thu",
      ...FIXTURE_COURSE_RULES,
    });
    expect(c.lessons.map((l) => [l.position, l.slug, l.title])).toEqual(FIXTURE_LESSONS);
    expect(c.lessons[1].html).toContain("<table>");
    expect(c.lessons[1].html).not.toContain("Mật khẩu mạnh</h1>");
    expect(c.questions.map((q) => [q.key, q.type, q.answer])).toEqual([
      ["q1", "SINGLE", [1]],
      ["q2", "MULTIPLE", [1, 3]],
      ["q3", "TRUE_FALSE", [1]],
      ["q4", "SINGLE", [2]],
    ]);
    expect(c.questions[2].options).toEqual(["Đúng", "Sai"]);
    expect(c.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Same files, same hash.
    expect((await loadContent(FIXTURES)).courses[0].contentHash).toBe(c.contentHash);
  });

  it("reports a missing content folder", async () => {
    const { courses, problems } = await loadContent(path.join(FIXTURES, "khong-co"));
    expect(courses).toEqual([]);
    expect(problems).toHaveLength(1);
  });
});
