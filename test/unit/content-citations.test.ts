// The citations register, cite markers in lessons and quiz text, and option objects {text, why}.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { citeMarkers, documentLabel } from "~/modules/content/citations";
import { loadContent } from "~/modules/content/load.server";
import { editContentFile, FIXTURE_COURSE_CODE as CODE, tempContentRoots } from "../fixtures/content-course";

const REGISTER = `documents:
  - id: luat-moi
    number: "116/2025/QH15"
    kind: law
    title: "Luật An ninh mạng"
    issuer: "Quốc hội"
    signedAt: 2025-12-10
    effectiveAt: 2026-07-01
    status: in-force
    sources:
      - url: "https://example.gov.vn/luat-moi"
        title: "Văn bản"
    checkedAt: 2026-12-01
  - id: luat-cu
    number: "86/2015/QH13"
    kind: law
    title: "Luật An toàn thông tin mạng"
    issuer: "Quốc hội"
    signedAt: 2015-11-19
    status: replaced
    replacedBy: luat-moi
    sources:
      - url: "https://example.gov.vn/luat-cu"
        title: "Văn bản"
    checkedAt: 2026-12-01
`;

const contentRoot = tempContentRoots("cite");

async function contentDir(register: string | null = REGISTER): Promise<string> {
  const dir = await contentRoot();
  if (register !== null) await writeFile(path.join(dir, "citations.yaml"), register);
  return dir;
}

const edit = editContentFile;

describe("cite markers", () => {
  it("finds cite and cite-history markers with their locators", () => {
    expect(citeMarkers("a [[cite:luat-moi|Điều 9, khoản 2]] b [[cite-history:luat-cu]]")).toMatchObject([
      { id: "luat-moi", locator: "Điều 9, khoản 2", history: false },
      { id: "luat-cu", locator: null, history: true },
    ]);
  });

  it("labels a law by title and number, a standard by title (number)", () => {
    expect(documentLabel({ kind: "law", title: "Luật An ninh mạng", number: "116/2025/QH15" })).toBe(
      "Luật An ninh mạng số 116/2025/QH15",
    );
    expect(documentLabel({ kind: "standard", title: "NIST Digital Identity", number: "SP 800-63B-4" })).toBe(
      "NIST Digital Identity (SP 800-63B-4)",
    );
  });
});

describe("loadContent with a register", () => {
  it("renders lesson markers as links to the notes and lists the cited documents", async () => {
    const dir = await contentDir();
    await edit(
      dir,
      `${CODE}/lessons/01-mo-dau.md`,
      /\n$/,
      "\n\nTheo [[cite:luat-moi|Điều 9]], trước đây là [[cite-history:luat-cu]].\n",
    );
    const { courses, problems, citeUses, register } = await loadContent(dir);
    expect(problems).toEqual([]);
    expect(register.map((d) => d.id)).toEqual(["luat-moi", "luat-cu"]);
    const lesson = courses[0].lessons[0];
    expect(lesson.html).toContain(
      '<a class="cite" href="#can-cu-luat-moi">Luật An ninh mạng số 116/2025/QH15, Điều 9</a>',
    );
    expect(lesson.html).toContain('<a class="cite" href="#can-cu-luat-cu">');
    expect(lesson.citations).toEqual(["luat-moi", "luat-cu"]);
    expect(courses[0].citations).toMatchObject([
      { id: "luat-moi", status: "in-force", label: "Luật An ninh mạng số 116/2025/QH15" },
      { id: "luat-cu", status: "replaced", replacedBy: "116/2025/QH15" },
    ]);
    expect(citeUses).toMatchObject([
      { file: `${CODE}/lessons/01-mo-dau.md`, id: "luat-moi", history: false },
      { file: `${CODE}/lessons/01-mo-dau.md`, id: "luat-cu", history: true },
    ]);
  });

  it("renders markers in quiz text as the label and reads option objects with why", async () => {
    const dir = await contentDir();
    await edit(
      dir,
      `${CODE}/quiz.yaml`,
      `options: ["6", "8", "12"]`,
      `options:\n      - { text: "6", why: "Quá ngắn theo [[cite:luat-moi]]." }\n      - { text: "8", why: "Vẫn ngắn." }\n      - { text: "12", why: "Đủ dài." }`,
    );
    const { courses, problems } = await loadContent(dir);
    expect(problems).toEqual([]);
    const q4 = courses[0].questions.find((q) => q.key === "q4")!;
    expect(q4.options).toEqual(["6", "8", "12"]);
    expect(q4.whys).toEqual(["Quá ngắn theo Luật An ninh mạng số 116/2025/QH15.", "Vẫn ngắn.", "Đủ dài."]);
    // Plain-string options still load (the gate refuses them): no why.
    expect(courses[0].questions.find((q) => q.key === "q1")!.whys).toEqual(["", "", ""]);
  });

  it("refuses an unknown citation id with its file and line", async () => {
    const dir = await contentDir();
    await edit(dir, `${CODE}/lessons/01-mo-dau.md`, /\n$/, "\n\nXem [[cite:khong-co]].\n");
    const { problems } = await loadContent(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: `${CODE}/lessons/01-mo-dau.md` });
    expect(problems[0].field).toMatch(/^dòng \d+$/);
    expect(problems[0].message).toContain('"khong-co"');
  });

  it("refuses a register entry replaced without replacedBy, or naming an unknown id", async () => {
    const dir = await contentDir(REGISTER.replace("    replacedBy: luat-moi\n", ""));
    expect((await loadContent(dir)).problems).toMatchObject([
      { file: "citations.yaml", field: "documents[1].replacedBy" },
    ]);
    const dir2 = await contentDir(REGISTER.replace("replacedBy: luat-moi", "replacedBy: luat-khac"));
    expect((await loadContent(dir2)).problems).toMatchObject([
      { file: "citations.yaml", field: "documents[1].replacedBy" },
    ]);
  });

  it("needs recertifyReason with recertify: true", async () => {
    const dir = await contentDir();
    await edit(dir, `${CODE}/course.yaml`, /^passMark: 80$/m, "passMark: 80\nrecertify: true");
    expect((await loadContent(dir)).problems).toMatchObject([
      { file: `${CODE}/course.yaml`, field: "recertifyReason" },
    ]);
  });
});
