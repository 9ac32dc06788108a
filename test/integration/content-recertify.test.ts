// Versions and recertification (issue 13, decision 012): a sync of changed files makes a new version; one
// with `recertify: true` supersedes passes of older versions under standing assignments (due again, with
// the notice), not under one-off assignments, and not in the target figures' sense (the completion stays).
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/db.server";
import { memberRows } from "~/modules/assignments/facts.server";
import { syncContent } from "~/modules/content/sync.server";
import { getCourseForLearner, renewEnrollment } from "~/modules/learning/enrollment.server";
import { recertifyNotices } from "~/modules/learning/recertify.server";
import { makeAgency, makePerson, makeUser } from "../fixtures/factories";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/content/khoa-thu");
const CODE = "khoa-thu";
const DAY = 86_400_000;
const REASON = "Bài 1 viết lại theo luật mới: cách báo cáo sự cố đã thay đổi.";

let root: string;
let dir: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "hoc-recert-"));
  dir = path.join(root, "content");
  await cp(FIXTURE, path.join(dir, CODE), { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function edit(file: string, from: string | RegExp, to: string) {
  const abs = path.join(dir, file);
  const text = await readFile(abs, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${String(from)} not found in ${file}`);
  await writeFile(abs, next);
}

async function versions() {
  return db.courseVersion.findMany({
    where: { course: { code: CODE } },
    orderBy: { version: "asc" },
    select: { id: true, version: true, recertify: true, recertifyReason: true, createdAt: true },
  });
}

/** A pass of `versionId`: completed enrollment and completion, as grading writes them. */
async function passOn(personId: string, courseId: string, versionId: string, now: Date) {
  const completedAt = new Date(now.getTime() - 5 * DAY);
  await db.enrollment.create({ data: { personId, courseId, versionId, completedAt } });
  await db.completion.create({
    data: {
      personId,
      courseId,
      versionId,
      topics: ["attt-co-ban"],
      source: "ONLINE",
      completedAt,
      validUntil: new Date(completedAt.getTime() + 365 * DAY),
      score: 100,
    },
  });
}

async function statusOf(personId: string, assignmentId: string) {
  const [row] = await memberRows(
    Prisma.sql`m."personId" = ${personId}::uuid AND a.id = ${assignmentId}::uuid`,
  );
  return row;
}

describe("recertify", () => {
  it("a first version never asks for recertification, even with recertify: true", async () => {
    await edit(
      `${CODE}/course.yaml`,
      /^passMark: 80$/m,
      `passMark: 80\nrecertify: true\nrecertifyReason: "${REASON}"`,
    );
    const r = await syncContent(dir);
    expect(r).toMatchObject({ ok: true, created: [CODE] });
    expect(await versions()).toMatchObject([{ version: 1, recertify: false, recertifyReason: REASON }]);
    // Back to a plain course.yaml for the next steps.
    await edit(`${CODE}/course.yaml`, `\nrecertify: true\nrecertifyReason: "${REASON}"`, "");
    expect(await syncContent(dir)).toMatchObject({ ok: true, newVersions: [CODE] });
  });

  it("a material new version makes passes of older versions due again under standing assignments", async () => {
    const now = new Date();
    const course = await db.course.findUniqueOrThrow({ where: { code: CODE } });
    const [, v2] = await versions();
    const agency = await makeAgency();
    const author = await makeUser();
    const person = await makePerson({ agencyId: agency.id });
    await passOn(person.id, course.id, v2.id, now);
    const dueAt = new Date(now.getTime() - 10 * DAY);
    const assignment = (standing: boolean) =>
      db.assignment.create({
        data: {
          courseId: course.id,
          createdById: author.id,
          agencyId: agency.id,
          standing,
          dueAt,
          members: { create: { personId: person.id, source: standing ? "RULE" : "NAMED", dueAt } },
        },
      });
    const standing = await assignment(true);
    const oneOff = await assignment(false);
    expect((await statusOf(person.id, standing.id)).status).toBe("HOAN_THANH");

    // The rewrite: a lesson changes, marked material.
    await edit(`${CODE}/lessons/01-mo-dau.md`, /\n$/, "\n\nBáo cáo sự cố theo quy trình mới.\n");
    await edit(
      `${CODE}/course.yaml`,
      /^passMark: 80$/m,
      `passMark: 80\nrecertify: true\nrecertifyReason: "${REASON}"`,
    );
    expect(await syncContent(dir)).toMatchObject({ ok: true, newVersions: [CODE] });
    const v3 = (await versions()).at(-1)!;
    expect(v3).toMatchObject({ version: 3, recertify: true, recertifyReason: REASON });

    // Standing: due again, by the new version's day + the grace period (later than the member's dueAt).
    const row = await statusOf(person.id, standing.id);
    expect(row.status).toBe("CHUA_BAT_DAU");
    expect(row.completedAt).toBeNull();
    expect(row.dueAt.getTime()).toBe(v3.createdAt.getTime() + 30 * DAY);
    // One-off: the pass still answers it.
    expect((await statusOf(person.id, oneOff.id)).status).toBe("HOAN_THANH");
    // The completion is kept, with its version.
    expect(await db.completion.count({ where: { personId: person.id, versionId: v2.id } })).toBe(1);

    // The notice, on the learner home and the course page.
    const notices = await recertifyNotices(person.id);
    expect(notices).toMatchObject([{ code: CODE, version: 3, reason: REASON }]);
    const view = await getCourseForLearner(person.id, CODE);
    expect(view.recertify).toMatchObject({ version: 3, reason: REASON });
    expect(view.renewal.open).toBe(true);

    // Renewing moves the enrollment to the current version; a pass there ends the notice.
    await renewEnrollment(person.id, course.id, now);
    const enrollment = await db.enrollment.findUniqueOrThrow({
      where: { personId_courseId: { personId: person.id, courseId: course.id } },
    });
    expect(enrollment).toMatchObject({ versionId: v3.id, completedAt: null });
    await db.completion.create({
      data: {
        personId: person.id,
        courseId: course.id,
        versionId: v3.id,
        topics: ["attt-co-ban"],
        source: "ONLINE",
        completedAt: new Date(),
        validUntil: new Date(Date.now() + 365 * DAY),
      },
    });
    expect(await recertifyNotices(person.id)).toEqual([]);
    expect((await statusOf(person.id, standing.id)).status).toBe("HOAN_THANH");
  });

  it("a later edit that keeps the same reason is not another material change", async () => {
    await edit(`${CODE}/lessons/02-mat-khau.md`, /\n$/, "\n\nMột câu thêm.\n");
    expect(await syncContent(dir)).toMatchObject({ ok: true, newVersions: [CODE] });
    expect((await versions()).at(-1)).toMatchObject({
      version: 4,
      recertify: false,
      recertifyReason: REASON,
    });
  });
});
