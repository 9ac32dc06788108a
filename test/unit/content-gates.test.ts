// The content:check gate (issue 13): broken content, built in temp dirs from one good course, fails with
// the file and the field of each problem. `today` is fixed, so the 12-month rules do not drift.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadContent } from "~/modules/content/load.server";
import { checkQuality, isAllOrNone, longestIsCorrect, monthsBefore } from "~/modules/content/quality";
import { FIXTURE_COURSE_CODE as CODE, tempContentRoots } from "../fixtures/content-course";

const TODAY = "2026-12-02";

type Doc = Record<string, unknown>;
const doc = (id: string, number: string, status: string, extra: Doc = {}): Doc => ({
  id,
  number,
  kind: "law",
  title: `Luật ${id}`,
  issuer: "Quốc hội",
  signedAt: "2025-12-10",
  status,
  sources: [{ url: `https://example.gov.vn/${id}`, title: "Văn bản" }],
  checkedAt: "2026-12-01",
  ...extra,
});

type Option = { text: string; why?: string };
type Question = Doc & { options?: (Option | string)[] };

/** Six questions, three drawn: singles whose right option is never the strictly longest. */
function goodQuestions(): Question[] {
  const single = (n: number): Question => ({
    id: `q${n}`,
    type: "single",
    text: `Tình huống ${n}: bạn nên làm gì?`,
    options: [
      { text: `Làm theo cách người khác làm ${n}`, why: "Sai vì thiếu bước kiểm tra." },
      { text: `Gọi lại số đã biết ${n}`, why: "Đúng: xác minh qua kênh riêng." },
      { text: `Trả lời ngay tin ${n}`, why: "Sai: kẻ gian chờ đúng điều này." },
    ],
    answer: 1,
  });
  return [
    single(1),
    single(2),
    single(3),
    single(4),
    {
      id: "q5",
      type: "multiple",
      text: "Những việc nào nên làm? [[cite:luat-moi|Điều 9]]",
      options: [
        { text: "Khóa máy", why: "Đúng." },
        { text: "Dán mật khẩu", why: "Sai." },
        { text: "Báo cáo sự cố", why: "Đúng." },
      ],
      answer: [0, 2],
    },
    {
      id: "q6",
      type: "truefalse",
      text: "Có thể cắm USB nhặt được vào máy cơ quan.",
      answer: false,
      explanation: "USB lạ có thể chứa mã độc; trước đây [[cite-history:luat-cu]] cũng yêu cầu như vậy.",
    },
  ];
}

type Setup = {
  questions?: (qs: Question[]) => void;
  register?: (docs: Doc[]) => void;
  course?: (yaml: string) => string;
  lesson?: string;
};

const contentRoot = tempContentRoots("gate");

async function check(setup: Setup = {}, today = TODAY) {
  const dir = await contentRoot();
  const questions = goodQuestions();
  setup.questions?.(questions);
  await writeFile(path.join(dir, CODE, "quiz.yaml"), stringify({ questions }));
  const docs = [
    doc("luat-moi", "116/2025/QH15", "in-force"),
    doc("luat-cu", "86/2015/QH13", "replaced", { replacedBy: "luat-moi" }),
  ];
  setup.register?.(docs);
  await writeFile(path.join(dir, "citations.yaml"), stringify({ documents: docs }));
  const coursePath = path.join(dir, CODE, "course.yaml");
  const course = await readFile(coursePath, "utf8");
  await writeFile(coursePath, setup.course ? setup.course(course) : course);
  const lessonPath = path.join(dir, CODE, "lessons", "01-mo-dau.md");
  await writeFile(
    lessonPath,
    `${await readFile(lessonPath, "utf8")}\nCăn cứ [[cite:luat-moi|Điều 9]]; trước đây [[cite-history:luat-cu]].\n${setup.lesson ?? ""}`,
  );
  const content = await loadContent(dir);
  const quality = checkQuality(content, { today });
  const where = (ps: { file: string; field: string }[]) => ps.map((p) => `${p.file} › ${p.field}`);
  return { content, quality, load: where(content.problems), gate: where(quality.problems) };
}

describe("content:check gate", () => {
  it("passes the good course and reports its bank and register", async () => {
    const r = await check();
    expect(r.load).toEqual([]);
    expect(r.gate).toEqual([]);
    expect(r.quality.banks).toEqual([
      {
        code: CODE,
        questions: 6,
        draw: 3,
        singles: 4,
        longestCorrect: 0,
        longestShare: 0,
        ratio: 2,
      },
    ]);
    expect(r.quality.register).toEqual([
      { id: "luat-moi", number: "116/2025/QH15", status: "in-force", label: "còn hiệu lực" },
      {
        id: "luat-cu",
        number: "86/2015/QH13",
        status: "replaced",
        label: "đã được thay thế bởi 116/2025/QH15",
      },
    ]);
  });

  it("fails on an unknown citation id (lesson line, quiz field)", async () => {
    const r = await check({
      lesson: "\nXem [[cite:khong-co]].\n",
      questions: (qs) => {
        qs[0].text = "Theo [[cite:cung-khong-co]], bạn làm gì?";
      },
    });
    expect(r.load).toEqual([
      `${CODE}/lessons/01-mo-dau.md › dòng 10`,
      `${CODE}/quiz.yaml › questions[0].text`,
    ]);
  });

  it("fails on a replaced law cited as in force, not when cited as history", async () => {
    const r = await check({
      lesson: "\nTheo [[cite:luat-cu|Điều 5]], đơn vị phải làm.\n",
      questions: (qs) => {
        (qs[1].options![0] as Option).why = "Sai theo [[cite:luat-cu]].";
      },
    });
    expect(r.load).toEqual([]);
    expect(r.gate).toEqual([
      `${CODE}/lessons/01-mo-dau.md › dòng 10`,
      `${CODE}/quiz.yaml › questions[1].options[0].why`,
    ]);
    expect(r.quality.problems[0].message).toContain("[[cite-history:luat-cu]]");
  });

  it("fails on an expired document cited as in force", async () => {
    const r = await check({
      register: (docs) => docs.push(doc("chi-thi-cu", "14/CT-TTg", "expired", { kind: "directive" })),
      lesson: "\nTheo [[cite:chi-thi-cu]].\n",
    });
    expect(r.gate).toEqual([`${CODE}/lessons/01-mo-dau.md › dòng 10`]);
  });

  it("fails on a register entry not checked within 12 months (today injectable)", async () => {
    const stale = { register: (docs: Doc[]) => (docs[1].checkedAt = "2025-12-01") };
    expect((await check(stale)).gate).toEqual(["citations.yaml › documents[1].checkedAt"]);
    expect((await check(stale, "2026-12-01")).gate).toEqual([]);
    expect((await check({}, "2027-12-02")).gate).toEqual([
      "citations.yaml › documents[0].checkedAt",
      "citations.yaml › documents[1].checkedAt",
      `${CODE}/course.yaml › reviewedAt`,
    ]);
  });

  it("fails on a course whose reviewedAt is older than 12 months", async () => {
    const r = await check({ course: (y) => y.replace(/^reviewedAt: .*$/m, "reviewedAt: 2025-11-30") });
    expect(r.gate).toEqual([`${CODE}/course.yaml › reviewedAt`]);
  });

  it("fails on a biased bank: the right option strictly the longest in more than 35%", async () => {
    const r = await check({
      questions: (qs) => {
        for (const i of [0, 1])
          (qs[i].options![1] as Option).text = "Gọi lại số điện thoại đã biết để xác minh";
      },
    });
    // 2 of 4 singles = 50 %.
    expect(r.gate).toEqual([`${CODE}/quiz.yaml › questions`]);
    expect(r.quality.banks[0]).toMatchObject({ longestCorrect: 2, longestShare: 0.5 });
    // 1 of 4 = 25 % passes.
    const ok = await check({
      questions: (qs) => ((qs[0].options![1] as Option).text = "Gọi lại số điện thoại đã biết để xác minh"),
    });
    expect(ok.gate).toEqual([]);
  });

  it("fails on a bank smaller than twice the draw", async () => {
    const r = await check({ course: (y) => y.replace(/questionCount: 3/, "questionCount: 4") });
    expect(r.gate).toEqual([`${CODE}/quiz.yaml › questions`]);
    expect(r.quality.problems[0].message).toContain("cần ít nhất 8");
  });

  it("fails on a missing option explanation, and on plain-string options", async () => {
    const r = await check({
      questions: (qs) => {
        delete (qs[2].options![2] as Option).why;
        qs[3].options = ["Một", "Hai", "Ba"];
      },
    });
    expect(r.load).toEqual([]);
    expect(r.gate).toEqual([
      `${CODE}/quiz.yaml › questions[2].options[2].why`,
      `${CODE}/quiz.yaml › questions[3].options`,
    ]);
  });

  it("fails on a true/false question without explanation (schema)", async () => {
    const r = await check({ questions: (qs) => delete qs[5].explanation });
    expect(r.load).toEqual([`${CODE}/quiz.yaml › questions[5].explanation`]);
  });

  it("fails on 'all/none of the above' options", async () => {
    const r = await check({
      questions: (qs) => {
        (qs[0].options![2] as Option).text = "Tất cả các phương án trên";
        (qs[4].options![1] as Option).text = "Không phương án nào đúng";
      },
    });
    expect(r.gate).toEqual([
      `${CODE}/quiz.yaml › questions[0].options[2].text`,
      `${CODE}/quiz.yaml › questions[4].options[1].text`,
    ]);
  });
});

describe("gate helpers", () => {
  it("monthsBefore clamps to the month's end", () => {
    expect(monthsBefore("2026-12-02", 12)).toBe("2025-12-02");
    expect(monthsBefore("2028-02-29", 12)).toBe("2027-02-28");
    expect(monthsBefore("2026-01-15", 1)).toBe("2025-12-15");
  });

  it("recognises all/none-of-the-above wording, not ordinary sentences", () => {
    for (const t of [
      "Tất cả các phương án trên",
      "Tất cả đáp án đều đúng",
      "Cả A và B",
      "Các phương án trên đều đúng",
      "Không có phương án nào đúng",
      "All of the above",
      "None of the above",
      "Cả ba đều đúng",
    ])
      expect(isAllOrNone(t), t).toBe(true);
    for (const t of ["Tất cả nhân viên đổi mật khẩu", "Không mở tệp đính kèm", "Cả đơn vị cùng diễn tập"])
      expect(isAllOrNone(t), t).toBe(false);
  });

  it("longest-is-correct means strictly longer than every other option", () => {
    const q = (options: string[], answer: number) => ({ type: "SINGLE" as const, options, answer: [answer] });
    expect(longestIsCorrect(q(["aa", "bbbb", "cc"], 1))).toBe(true);
    expect(longestIsCorrect(q(["aaaa", "bbbb", "cc"], 1))).toBe(false);
    expect(longestIsCorrect(q(["aa", "bbbb", "cc"], 0))).toBe(false);
  });
});
