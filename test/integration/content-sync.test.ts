// Content sync against a real database: all or nothing, idempotent, a new version per change, old
// versions untouched, courses gone from the folder retired.
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loadContent } from "~/modules/content/load.server";
import { syncContent } from "~/modules/content/sync.server";
import { whileInsertsFail } from "./helpers/failing-insert";
import {
  copyFixtureCourse as copyCourse,
  editContentFile,
  FIXTURE_COURSE_CODE as CODE,
  FIXTURE_COURSE_RULES,
  FIXTURE_LESSONS,
  tempContentRoots,
} from "../fixtures/content-course";

/** A fresh content dir holding the good fixture course (and `extra` copies of it under other codes). */
const contentDir = tempContentRoots("content");

const edit = editContentFile;

async function snapshot() {
  const [courses, versions, lessons, questions, audits] = await Promise.all([
    db.course.findMany({ orderBy: { code: "asc" } }),
    db.courseVersion.count(),
    db.lesson.count(),
    db.question.count(),
    db.auditEvent.count(),
  ]);
  return { courses, versions, lessons, questions, audits };
}

async function versionsOf(code: string) {
  return db.courseVersion.findMany({
    where: { course: { code } },
    orderBy: { version: "asc" },
    include: { lessons: { orderBy: { position: "asc" } }, questions: { orderBy: { key: "asc" } } },
  });
}

/** A successful sync's answer: nothing in each list unless named. */
const synced = (
  lists: Partial<Record<"created" | "newVersions" | "unchanged" | "deactivated" | "reactivated", string[]>>,
) => ({
  ok: true,
  created: [],
  newVersions: [],
  unchanged: [],
  deactivated: [],
  reactivated: [],
  ...lists,
});

describe("syncContent", () => {
  let good: string;
  /** Replaces `from` by `to` in the first lesson of the good content folder's course. */
  const editFirstLesson = (from: string, to: string) => edit(good, `${CODE}/lessons/01-mo-dau.md`, from, to);

  it("creates the course and version 1 on the first run", async () => {
    good = await contentDir();
    const r = await syncContent(good, { actorUserId: null });
    expect(r).toEqual(synced({ created: [CODE] }));

    const course = await db.course.findUniqueOrThrow({ where: { code: CODE } });
    expect(course).toMatchObject({ title: "Khóa học thử", topics: ["attt-co-ban"], active: true });
    const [v1] = await versionsOf(CODE);
    expect(course.currentVersionId).toBe(v1.id);
    expect(v1).toMatchObject({
      version: 1,
      title: "Khóa học thử",
      estimatedMinutes: 15,
      validityMonths: 12,
      passMark: 80,
      ...FIXTURE_COURSE_RULES,
    });
    expect(v1.lessons.map((l) => [l.position, l.slug, l.title])).toEqual(FIXTURE_LESSONS);
    expect(v1.lessons[0].html).toContain("<strong>thói quen</strong>");
    expect(v1.questions.map((q) => [q.key, q.type, q.options.length, q.answer])).toEqual([
      ["q1", "SINGLE", 3, [1]],
      ["q2", "MULTIPLE", 4, [1, 3]],
      ["q3", "TRUE_FALSE", 2, [1]],
      ["q4", "SINGLE", 3, [2]],
    ]);
    const events = await db.auditEvent.findMany({ where: { action: "content.sync" } });
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ created: [CODE], unchanged: 0 });
  });

  it("changes nothing on a second run with the same files", async () => {
    const before = await snapshot();
    const r = await syncContent(good);
    expect(r).toEqual(synced({ unchanged: [CODE] }));
    expect(await snapshot()).toEqual(before);
  });

  type Broken = {
    name: string;
    mutate: (dir: string) => Promise<void>;
    file: string;
    field: string;
    message?: RegExp;
  };
  const broken: Broken[] = [
    {
      name: "missing field (passMark)",
      mutate: (d) => edit(d, `${CODE}/course.yaml`, /^passMark: 80\n/m, ""),
      file: `${CODE}/course.yaml`,
      field: "passMark",
      message: /thiếu/,
    },
    {
      name: "unknown question type",
      mutate: (d) => edit(d, `${CODE}/quiz.yaml`, "type: multiple", "type: essay"),
      file: `${CODE}/quiz.yaml`,
      field: "questions[1].type",
      message: /essay/,
    },
    {
      name: "duplicate question id",
      mutate: (d) => edit(d, `${CODE}/quiz.yaml`, "id: q4", "id: q2"),
      file: `${CODE}/quiz.yaml`,
      field: "questions[3].id",
      message: /trùng/,
    },
    {
      name: "answer index out of range",
      mutate: (d) => edit(d, `${CODE}/quiz.yaml`, /answer: 1$/m, "answer: 3"),
      file: `${CODE}/quiz.yaml`,
      field: "questions[0].answer",
      message: /nằm ngoài/,
    },
    {
      name: "bad YAML syntax",
      mutate: (d) =>
        edit(d, `${CODE}/quiz.yaml`, '    options: ["6", "8", "12"]', '    options: ["6", "8", "12"'),
      file: `${CODE}/quiz.yaml`,
      field: "",
      message: /YAML ở dòng \d+/,
    },
    {
      name: "lesson file listed but missing",
      mutate: (d) => rm(path.join(d, CODE, "lessons/02-mat-khau.md")),
      file: `${CODE}/course.yaml`,
      field: "lessons[1]",
      message: /02-mat-khau\.md/,
    },
    {
      name: "code differs from the folder",
      mutate: (d) => edit(d, `${CODE}/course.yaml`, `code: ${CODE}`, "code: khoa-khac"),
      file: `${CODE}/course.yaml`,
      field: "code",
      message: /khoa-khac/,
    },
    {
      name: "questionCount larger than the bank",
      mutate: (d) => edit(d, `${CODE}/course.yaml`, "questionCount: 3", "questionCount: 5"),
      file: `${CODE}/course.yaml`,
      field: "quiz.questionCount",
      message: /\(4\)/,
    },
    {
      name: "lesson without a # Title",
      mutate: (d) => edit(d, `${CODE}/lessons/01-mo-dau.md`, "# Mở đầu", "Mở đầu"),
      file: `${CODE}/lessons/01-mo-dau.md`,
      field: "",
    },
    {
      name: "quiz.yaml missing",
      mutate: (d) => rm(path.join(d, CODE, "quiz.yaml")),
      file: `${CODE}/quiz.yaml`,
      field: "",
    },
  ];

  it.each(broken)("refuses $name and writes nothing", async ({ mutate, file, field, message }) => {
    // An extra good course in the same folder: one bad course blocks the whole sync.
    const dir = await contentDir("khoa-moi");
    await mutate(dir);

    const loaded = await loadContent(dir);
    expect(loaded.problems).toContainEqual({
      file,
      field,
      message: message ? expect.stringMatching(message) : expect.any(String),
    });
    expect(loaded.courses.map((c) => c.code)).not.toContain(CODE);

    const before = await snapshot();
    const r = await syncContent(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(loaded.problems);
    expect(await snapshot()).toEqual(before);
  });

  it("reports every problem, not only the first", async () => {
    const dir = await contentDir();
    const whole = ["bad YAML syntax", "quiz.yaml missing"]; // would hide the other problems of that file
    for (const b of broken.filter((b) => !whole.includes(b.name))) await b.mutate(dir);
    const { problems } = await loadContent(dir);
    expect(problems.map((p) => `${p.file} ${p.field}`).sort()).toEqual(
      [
        `${CODE}/course.yaml passMark`,
        `${CODE}/quiz.yaml questions[1].type`,
        `${CODE}/quiz.yaml questions[3].id`,
        `${CODE}/quiz.yaml questions[0].answer`,
        `${CODE}/course.yaml lessons[1]`,
        `${CODE}/course.yaml code`,
        `${CODE}/course.yaml quiz.questionCount`,
        `${CODE}/lessons/01-mo-dau.md `,
      ].sort(),
    );
  });

  it("refuses two folders with the same code", async () => {
    const dir = await contentDir("khoa-hai");
    await edit(dir, "khoa-hai/course.yaml", "code: khoa-hai", `code: ${CODE}`);
    const { problems } = await loadContent(dir);
    expect(problems).toContainEqual({
      file: "khoa-hai/course.yaml",
      field: "code",
      message: expect.stringContaining(`${CODE}/course.yaml`),
    });
  });

  it("refuses an empty content folder instead of retiring every course", async () => {
    const before = await snapshot();
    const dir = await contentDir();
    await rename(path.join(dir, CODE), path.join(dir, "_mau")); // skipped: starts with "_"
    const r = await syncContent(dir);
    expect(r.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it("writes nothing when a write fails half-way through the transaction", async () => {
    // Course and version rows are written before the questions: a failing question insert is truly mid-way.
    const dir = await contentDir("khoa-ba");
    await edit(dir, `${CODE}/course.yaml`, "estimatedMinutes: 15", "estimatedMinutes: 20");
    const before = await snapshot();
    await whileInsertsFail("Question", () => expect(syncContent(dir)).rejects.toThrow(/simulated failure/));
    expect(await snapshot()).toEqual(before);
  });

  it("creates version 2 when a lesson changes, leaving version 1 intact", async () => {
    const [v1Before] = await versionsOf(CODE);
    await editFirstLesson("Không cắm USB lạ.", "Không cắm USB lạ vào máy cơ quan.");

    const r = await syncContent(good);
    expect(r).toEqual(synced({ newVersions: [CODE] }));

    const [v1, v2] = await versionsOf(CODE);
    expect(v1).toEqual(v1Before);
    expect(v2.version).toBe(2);
    expect(v2.contentHash).not.toBe(v1.contentHash);
    expect(v2.lessons[0].html).toContain("vào máy cơ quan");
    expect(v1.lessons[0].html).not.toContain("vào máy cơ quan");
    expect(v2.lessons[1].html).toBe(v1.lessons[1].html);
    expect(v2.questions.map((q) => q.key)).toEqual(v1.questions.map((q) => q.key));
    const v1QuestionIds = new Set(v1.questions.map((q) => q.id));
    expect(v2.questions.filter((q) => v1QuestionIds.has(q.id))).toEqual([]);
    const course = await db.course.findUniqueOrThrow({ where: { code: CODE } });
    expect(course.currentVersionId).toBe(v2.id);

    expect((await syncContent(good)).ok && (await versionsOf(CODE)).length).toBe(2);
  });

  it("points back at version 1 when the files return to its content, without a copy", async () => {
    await editFirstLesson("Không cắm USB lạ vào máy cơ quan.", "Không cắm USB lạ.");
    const r = await syncContent(good);
    expect(r).toMatchObject({ ok: true, newVersions: [CODE] });
    const versions = await versionsOf(CODE);
    expect(versions).toHaveLength(2);
    const course = await db.course.findUniqueOrThrow({ where: { code: CODE } });
    expect(course.currentVersionId).toBe(versions[0].id);
  });

  it("retires a course removed from the folder and brings it back when it returns", async () => {
    await copyCourse(good, "khoa-hai");
    expect(await syncContent(good)).toMatchObject({ ok: true, created: ["khoa-hai"], unchanged: [CODE] });

    await rm(path.join(good, "khoa-hai"), { recursive: true });
    const versionsBefore = await versionsOf("khoa-hai");
    const r = await syncContent(good);
    expect(r).toEqual(synced({ unchanged: [CODE], deactivated: ["khoa-hai"] }));
    const gone = await db.course.findUniqueOrThrow({ where: { code: "khoa-hai" } });
    expect(gone.active).toBe(false);
    expect(gone.currentVersionId).toBe(versionsBefore[0].id);
    expect(await versionsOf("khoa-hai")).toEqual(versionsBefore);
    expect((await db.course.findUniqueOrThrow({ where: { code: CODE } })).active).toBe(true);

    const last = await db.auditEvent.findFirstOrThrow({
      where: { action: "content.sync" },
      orderBy: { id: "desc" },
    });
    expect(last.data).toMatchObject({ deactivated: ["khoa-hai"] });

    await copyCourse(good, "khoa-hai");
    expect(await syncContent(good)).toEqual(
      synced({ unchanged: ["khoa-hai", CODE], reactivated: ["khoa-hai"] }),
    );
    expect((await db.course.findUniqueOrThrow({ where: { code: "khoa-hai" } })).active).toBe(true);
  });
});
