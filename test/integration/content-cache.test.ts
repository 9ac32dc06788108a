// The per-process content cache of the course and lesson pages: a version's content is read once, a missing
// one is refused every time (not kept), and a new version is a new key (never an older version's content).
// Closing the database forgets it all (the next database opened in the process has other rows).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { closeDb, db, openDbFromDump } from "~/db.server";
import { lessonContent, versionContent } from "~/modules/learning/content-cache.server";
import { versionPaper } from "~/modules/learning/paper.server";
import { makeCourseVersion, makeLessons } from "../fixtures/courses";

describe("content cache", () => {
  it("keeps a version's content and a lesson's text by id, and keeps no miss", async () => {
    const fx = await makeCourseVersion({ questionCount: 2, bankSize: 2 });
    await makeLessons(fx.version.id, 2, (n) => `<p>Bài ${n}</p>`);
    const first = await versionContent(fx.version.id);
    expect(first.lessons.map((l) => l.position)).toEqual([1, 2]);
    expect(await versionContent(fx.version.id)).toBe(first);
    const lesson = await lessonContent(first.lessons[1]!.id);
    expect(lesson.html).toBe("<p>Bài 2</p>");
    expect(await lessonContent(lesson.id)).toBe(lesson);

    // A lesson id that does not exist yet is refused, and found once it does.
    const id = randomUUID();
    await expect(lessonContent(id)).rejects.toThrow();
    await db.lesson.create({
      data: {
        id,
        versionId: fx.version.id,
        position: 3,
        slug: "bai-3",
        title: "Bài 3",
        html: "<p>Bài 3</p>",
      },
    });
    expect((await lessonContent(id)).html).toBe("<p>Bài 3</p>");

    // A later version of the course is read for itself.
    const next = await makeCourseVersion({ questionCount: 2, bankSize: 2, title: "Phiên bản mới" });
    expect((await versionContent(next.version.id)).title).toBe("Phiên bản mới");
  });

  // The integration files run one after another in a worker process that keeps its modules (setup.ts): the
  // next file's database must not be answered from this one's rows.
  it("forgets what it kept when the database is closed", async () => {
    const fx = await makeCourseVersion({ questionCount: 2, bankSize: 2 });
    const content = await versionContent(fx.version.id);
    const paper = await versionPaper(fx.version.id);
    expect(await versionContent(fx.version.id)).toBe(content);
    expect(await versionPaper(fx.version.id)).toBe(paper);
    await closeDb();
    if (process.env.TEST_DB === "postgres") {
      // The same database, connected again: read again, so a new object with the same content.
      const again = await versionContent(fx.version.id);
      expect(again).not.toBe(content);
      expect(again).toEqual(content);
      expect(await versionPaper(fx.version.id)).not.toBe(paper);
    } else {
      // A fresh copy of the template, as the next file gets: the version is not there.
      openDbFromDump(new Blob([readFileSync(inject("pgliteTemplate"))]));
      await expect(versionContent(fx.version.id)).rejects.toThrow();
      await expect(versionPaper(fx.version.id)).rejects.toThrow();
    }
  });
});
