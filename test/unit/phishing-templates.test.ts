// Drill templates as content files: the schema, the safety checks on their HTML, and the shipped set.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "~/modules/content/load.server";
import { formatPath, validate } from "~/modules/content/schema";
import { loadPhishingTemplates } from "~/modules/phishing/template-load.server";
import { isFictitiousHost, templateFileSchema } from "~/modules/phishing/template-schema";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const SAMPLE = "dich-vu-cong-ho-so";

const lesson = Array.from({ length: 160 }, (_, i) => `từ${i}`).join(" ");
const meta = {
  title: "Mẫu thử",
  sender_name: "Người gửi thử",
  sender_address: "a@b.example",
  subject: "Tiêu đề {{full_name}}",
  difficulty: 2,
  red_flags: [{ id: "ten-mien", title: "Tên miền lạ", explanation: "Vì sao." }],
  lesson,
  follow_up_course: "attt-co-ban",
};

function problemsOf(data: unknown): Record<string, string> {
  const r = validate(templateFileSchema, data);
  if (r.ok) return {};
  return Object.fromEntries(r.problems.map((p) => [formatPath(p.path), p.message]));
}

describe("template.yaml schema", () => {
  it("accepts a minimal template with tags and sources", () => {
    expect(problemsOf(meta)).toEqual({});
    expect(
      problemsOf({ ...meta, tags: ["a"], sources: [{ url: "https://vnnic.vn/x", fact: "điều đã kiểm" }] }),
    ).toEqual({});
  });

  it("names each wrong field", () => {
    const { title: _t, ...noTitle } = meta;
    const p = problemsOf({
      ...noTitle,
      sender_address: "thongbao@dichvucong.gov.vn",
      difficulty: 4,
      red_flags: [
        { id: "Ten Mien", title: "x", explanation: "y" },
        { id: "lap", title: "x", explanation: "y" },
        { id: "lap", title: "", explanation: "y" },
      ],
      lesson: "ngắn quá",
      follow_up_course: "ATTT",
      extra: 1,
    });
    expect(Object.keys(p).sort()).toEqual(
      [
        "title",
        "sender_address",
        "difficulty",
        "red_flags[0].id",
        "red_flags[2].id",
        "red_flags[2].title",
        "lesson",
        "follow_up_course",
        "extra",
      ].sort(),
    );
    expect(p.title).toMatch(/thiếu tên mẫu/);
    expect(p.sender_address).toMatch(/tên miền giả lập/);
    expect(p["red_flags[2].id"]).toMatch(/bị lặp/);
    expect(p.lesson).toMatch(/2 phút đọc.*hiện có 2/);
  });

  it("knows the fictitious domains", () => {
    expect(isFictitiousHost("mail.tinh.example")).toBe(true);
    expect(isFictitiousHost("a.test")).toBe(true);
    expect(isFictitiousHost("a.invalid.")).toBe(true);
    expect(isFictitiousHost("example")).toBe(false);
    expect(isFictitiousHost("dichvucong.gov.vn")).toBe(false);
    expect(isFictitiousHost("example.com")).toBe(false);
  });
});

describe("template folder checks", () => {
  let dir: string;
  const folder = () => path.join(dir, "phishing", SAMPLE);
  const file = (name: string) => path.join(folder(), name);
  const edit = async (name: string, change: (s: string) => string) =>
    writeFile(file(name), change(await readFile(file(name), "utf8")));
  const problems = async () => (await loadPhishingTemplates(dir)).problems;
  const rel = (name: string) => `phishing/${SAMPLE}/${name}`;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "drill-tpl-"));
    await mkdir(path.join(dir, "attt-co-ban"), { recursive: true });
    await writeFile(path.join(dir, "attt-co-ban", "course.yaml"), "code: attt-co-ban\n");
    await cp(path.join(CONTENT, "phishing", SAMPLE), folder(), { recursive: true });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("loads the copied template without problems", async () => {
    const r = await loadPhishingTemplates(dir);
    expect(r.problems).toEqual([]);
    expect(r.templates.map((t) => t.code)).toEqual([SAMPLE]);
    expect(r.templates[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("an absent phishing folder is not an error, and the course loader skips the folder", async () => {
    expect(await loadPhishingTemplates(path.join(dir, "attt-co-ban"))).toEqual({
      present: false,
      templates: [],
      problems: [],
    });
    const { problems: courseProblems } = await loadContent(dir);
    expect(courseProblems.some((p) => p.file.startsWith("phishing"))).toBe(false);
  });

  it("email.html needs {{link}}", async () => {
    await edit("email.html", (s) => s.replaceAll("{{link}}", "#"));
    expect(await problems()).toEqual([
      expect.objectContaining({ file: rel("email.html"), field: "{{link}}" }),
    ]);
  });

  it("every red flag is marked and every mark is a red flag", async () => {
    await edit("email.html", (s) => s.replace('data-flag="thoi-han"', 'data-flag="thoi-gian"'));
    expect(await problems()).toEqual([
      expect.objectContaining({
        file: rel("email.html"),
        field: 'data-flag="thoi-gian"',
        message: expect.stringMatching(/không có trong red_flags.*\(dòng \d+\)/),
      }),
      expect.objectContaining({ file: rel("email.html"), field: 'data-flag="thoi-han"' }),
    ]);
  });

  it("refuses unknown placeholders, per file", async () => {
    await edit("email.html", (s) => s.replace("{{full_name}}", "{{ho_ten}}"));
    await edit("landing.html", (s) => s.replace("<h1", "{{link}}<h1"));
    await edit("template.yaml", (s) => s.replace("bị trả lại, cần", "{{link}} bị trả lại, cần"));
    expect(await problems()).toEqual([
      expect.objectContaining({ file: rel("template.yaml"), field: "subject {{link}}" }),
      expect.objectContaining({ file: rel("email.html"), field: "{{ho_ten}}" }),
      expect.objectContaining({ file: rel("landing.html"), field: "{{link}}" }),
    ]);
  });

  it("refuses links, images, styles and addresses that point outside", async () => {
    await edit("email.html", (s) =>
      s
        .replace('href="{{report_link}}"', 'href="mailto:it@tinh.example"')
        .replace(
          "{{pixel}}",
          '<img src="https://theo-doi.example/p.gif"><img src="data:image/png;base64,AAAA">',
        )
        .replace(
          'style="font-size: 11px;',
          "style=\"background: url('//cdn.example/x.png'); font-size: 11px;",
        )
        .replace(
          "Trân trọng",
          "Xem tại www.dichvucong.gov.vn, hỏi hotro@dichvucong.gov.vn, https://dichvucong.gov.vn/x",
        ),
    );
    const fields = (await problems()).map((p) => [p.file, p.field]);
    expect(fields).toEqual([
      [rel("email.html"), "https://dichvucong.gov.vn"],
      [rel("email.html"), "hotro@dichvucong.gov.vn"],
      [rel("email.html"), "www.dichvucong.gov.vn"],
      [rel("email.html"), "<p> style"],
      [rel("email.html"), "<a> href"],
      [rel("email.html"), "<img> src"],
    ]);
  });

  it("refuses scripts and event handlers", async () => {
    await edit("email.html", (s) => s.replace("<p>Trân", '<script>1</script><p onclick="x()">Trân'));
    expect((await problems()).map((p) => p.field)).toEqual(["<script>", "<p> onclick"]);
    await edit("email.html", (s) => s.replace(/<script>1<\/script>/, '<form action="{{link}}"></form>'));
    expect((await problems()).map((p) => p.field)).toEqual(["<p> onclick", "<form>"]);
  });

  it("landing.html posts to {{submit_url}} and has no password field", async () => {
    await edit("landing.html", (s) =>
      s
        .replace('method="post"', 'method="get"')
        .replace('name="so_dinh_danh"', 'name="password"')
        .replace(
          'name="ma_xac_nhan" autocomplete="off"',
          'name="ma" id="Password" type="password" autocomplete="current-password"',
        ),
    );
    expect((await problems()).map((p) => [p.file, p.field])).toEqual([
      [rel("landing.html"), "<form> method"],
      [rel("landing.html"), "<input> name"],
      [rel("landing.html"), "<input> id"],
      [rel("landing.html"), "<input> autocomplete"],
      [rel("landing.html"), "<input> type"],
    ]);
    await edit("landing.html", (s) => s.replace(/<form[\s\S]*<\/form>/, "<p>trống</p>"));
    expect((await problems()).map((p) => p.field)).toEqual(["<form>"]);
  });

  it("landing.html has no script and its form action is the tracker", async () => {
    await edit("landing.html", (s) =>
      s.replace('action="{{submit_url}}"', 'action="#"').replace("</body>", "<script>x()</script></body>"),
    );
    expect((await problems()).map((p) => p.field)).toEqual(["<script>", "<form> action"]);
  });

  it("follow_up_course must be a course of the content folder; files must exist", async () => {
    await edit("template.yaml", (s) =>
      s.replace("follow_up_course: attt-co-ban", "follow_up_course: khong-co"),
    );
    await rm(file("landing.html"));
    expect(await problems()).toEqual([
      expect.objectContaining({
        file: rel("template.yaml"),
        field: "follow_up_course",
        message: expect.stringMatching(/khong-co.*\(dòng \d+\)/),
      }),
      { file: rel("landing.html"), field: "", message: "thiếu tệp landing.html" },
    ]);
  });

  it("schema problems in template.yaml carry the line", async () => {
    await edit("template.yaml", (s) => s.replace("difficulty: 1", "difficulty: 5"));
    expect(await problems()).toEqual([
      {
        file: rel("template.yaml"),
        field: "difficulty",
        message: expect.stringMatching(/1, 2 hoặc 3 \(dòng 5\)/),
      },
    ]);
  });
});

describe("shipped templates (content/phishing)", () => {
  it("pass every check: at least 8, each with red flags and the basic course as follow-up", async () => {
    const { templates, problems, present } = await loadPhishingTemplates(CONTENT);
    expect(problems).toEqual([]);
    expect(present).toBe(true);
    expect(templates.length).toBeGreaterThanOrEqual(8);
    for (const t of templates) {
      expect(t.redFlags.length).toBeGreaterThan(0);
      expect(t.followUpCourseCode).toBe("attt-co-ban");
      expect(t.senderAddress).toMatch(/\.(example|test|invalid)$/);
    }
    expect(new Set(templates.map((t) => t.difficulty)).size).toBeGreaterThan(1);
  });
});
