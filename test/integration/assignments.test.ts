// Assignments on a real database: audiences, scope, the standing refresh after moves, recertification.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { Person } from "~/generated/prisma/client";
import {
  assignmentProgress,
  createAssignment,
  dueSoonMembers,
  listAssignments,
  listMyAssignments,
  overdueMembers,
  reminderMembers,
  previewAssignment,
  refreshStandingAssignments,
  type AssignmentInput,
} from "~/modules/assignments/assignments.server";
import type { Scope } from "~/modules/auth/scope";
import type { DomainError } from "~/utils/errors";
import { makeCourseVersion } from "../fixtures/courses";
import { makeAgencyTree, makePerson } from "../fixtures/factories";

const DAY = 86_400_000;
const actor = randomUUID();
let tree: Awaited<ReturnType<typeof makeAgencyTree>>;
let courseId: string;
let scopeA: Scope;
const p: Record<string, Person> = {};

async function status(error: Promise<unknown>): Promise<number | undefined> {
  try {
    await error;
  } catch (e) {
    return (e as DomainError).status;
  }
  return undefined;
}

beforeAll(async () => {
  tree = await makeAgencyTree("T");
  scopeA = [tree.a.path];
  courseId = (await makeCourseVersion({ topics: ["phishing"] })).course.id;
  const { a, a1, b } = tree;
  p.a1 = await makePerson({
    agencyId: a.id,
    fullName: "Nguyễn Văn An",
    isHeadOfUnit: true,
    tags: ["lanh-dao"],
  });
  p.a2 = await makePerson({
    agencyId: a.id,
    fullName: "Trần Thị Bình",
    staffCategory: "VIEN_CHUC",
    itRole: "FULL_TIME",
  });
  p.a3 = await makePerson({
    agencyId: a1.id,
    fullName: "Lê Văn Cường",
    itRole: "PART_TIME",
    tags: ["ke-toan"],
  });
  p.a4 = await makePerson({
    agencyId: a1.id,
    fullName: "Phạm Văn Dũng",
    staffCategory: "CAN_BO",
    active: false,
  });
  p.b1 = await makePerson({ agencyId: b.id, fullName: "Hoàng Thị Em", itRole: "FULL_TIME" });
  p.b2 = await makePerson({ agencyId: b.id, fullName: "Vũ Văn Phúc", staffCategory: "NGUOI_LAO_DONG" });
});

const base = (over: Partial<AssignmentInput> = {}): AssignmentInput => ({
  courseId,
  agencyId: tree.a.id,
  includeSubagencies: true,
  dueDays: 30,
  ...over,
});

describe("preview and create", () => {
  it("counts the hand-counted audiences", async () => {
    const cases: [Partial<AssignmentInput>, number][] = [
      [{}, 3], // An, Bình, Cường (Dũng inactive)
      [{ includeSubagencies: false }, 2],
      [{ staffCategories: ["CONG_CHUC"] }, 2],
      [{ headOfUnitOnly: true }, 1],
      [{ itRoles: ["FULL_TIME", "PART_TIME"] }, 2],
      [{ tags: ["ke-toan"] }, 1],
      [{ tags: ["ke-toan", "lanh-dao"] }, 2],
      [{ includeSubagencies: false, personIds: [p.a3.id] }, 3],
      [{ includeSubagencies: false, personIds: [p.a1.id] }, 2],
      [{ agencyId: null, personIds: [p.a3.id, p.b1.id, p.a4.id] }, 2], // inactive named person not reached
      [{ agencyId: tree.province.id }, 5],
      [{ agencyId: tree.province.id, itRoles: ["FULL_TIME"] }, 2],
    ];
    for (const [over, expected] of cases) {
      const preview = await previewAssignment("ALL", base(over));
      expect(preview.count, JSON.stringify(over)).toBe(expected);
      expect(preview.sample).toHaveLength(Math.min(expected, 10));
    }
    const sample = (await previewAssignment("ALL", base())).sample;
    expect(sample).toEqual(["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]);
  });

  it("creates members matching the preview, without duplicates, audited with the count", async () => {
    const input = base({
      includeSubagencies: false,
      personIds: [p.a1.id, p.a3.id],
      dueDays: null,
      dueAt: "2026-12-31",
    });
    const preview = await previewAssignment(scopeA, input);
    const created = await createAssignment(scopeA, input, actor);
    expect(created.count).toBe(preview.count);
    expect(created.count).toBe(3);
    const members = await db.assignmentMember.findMany({ where: { assignmentId: created.id } });
    expect(members.map((m) => m.personId).sort()).toEqual([p.a1.id, p.a2.id, p.a3.id].sort());
    expect(members.find((m) => m.personId === p.a1.id)?.source).toBe("NAMED");
    expect(members.find((m) => m.personId === p.a2.id)?.source).toBe("RULE");
    expect(members[0].dueAt.toISOString()).toBe("2026-12-31T16:59:59.999Z");
    const event = await db.auditEvent.findFirst({
      where: { action: "assignment.create", entityId: created.id },
    });
    expect((event?.data as { count: number }).count).toBe(3);
  });

  it("sets a relative due date from dueDays", async () => {
    const before = Date.now();
    const created = await createAssignment("ALL", base({ dueDays: 14 }), actor);
    const m = await db.assignmentMember.findFirstOrThrow({ where: { assignmentId: created.id } });
    expect(m.dueAt.getTime()).toBeGreaterThanOrEqual(before + 14 * DAY - 1000);
    expect(m.dueAt.getTime()).toBeLessThanOrEqual(Date.now() + 14 * DAY + 1000);
  });

  it("rejects input without an audience or a due date", async () => {
    expect(await status(previewAssignment("ALL", base({ agencyId: null })))).toBe(400);
    expect(await status(previewAssignment("ALL", base({ dueDays: null })))).toBe(400);
    expect(await status(previewAssignment("ALL", base({ dueDays: null, dueAt: "2026-02-30" })))).toBe(400);
  });
});

describe("scope", () => {
  it("a coordinator of A cannot target B nor a named person of B", async () => {
    expect(await status(previewAssignment(scopeA, base({ agencyId: tree.b.id })))).toBe(403);
    expect(await status(createAssignment(scopeA, base({ agencyId: tree.b.id }), actor))).toBe(403);
    expect(await status(createAssignment(scopeA, base({ agencyId: tree.province.id }), actor))).toBe(403);
    expect(await status(previewAssignment(scopeA, base({ personIds: [p.b1.id] })))).toBe(403);
    expect(
      await status(createAssignment(scopeA, base({ agencyId: null, personIds: [p.b1.id] }), actor)),
    ).toBe(403);
    expect(
      (await previewAssignment(scopeA, base({ agencyId: tree.a1.id, personIds: [p.a1.id] }))).count,
    ).toBe(2);
  });

  it("progress is 404 outside the scope and lists members with counts inside it", async () => {
    const created = await createAssignment("ALL", base({ agencyId: tree.b.id }), actor);
    expect(await status(assignmentProgress(scopeA, created.id, { page: 1, pageSize: 10 }))).toBe(404);
    const progress = await assignmentProgress("ALL", created.id, { page: 1, pageSize: 10 });
    expect(progress.counts.total).toBe(2);
    expect(progress.counts.CHUA_BAT_DAU).toBe(2);
    expect(progress.rows.map((r) => r.fullName)).toEqual(["Hoàng Thị Em", "Vũ Văn Phúc"]);
    expect((await assignmentProgress("ALL", created.id, { q: "phuc", page: 1, pageSize: 10 })).total).toBe(1);
    const page = { page: 1, pageSize: 200 };
    const listA = await listAssignments(scopeA, page);
    expect(listA.rows.some((a) => a.id === created.id)).toBe(false);
    const listAll = await listAssignments("ALL", page);
    expect(listAll.rows.find((a) => a.id === created.id)?.counts.total).toBe(2);
    expect(listAll.total).toBe(listAll.rows.length);
  });
});

describe("standing assignments", () => {
  it("follow a person who moves agency and changes IT role; a new hire joins", async () => {
    const t = await makeAgencyTree("S");
    const course2 = (await makeCourseVersion()).course.id;
    const x = await createAssignment(
      "ALL",
      { courseId: course2, agencyId: t.a.id, itRoles: ["FULL_TIME"], standing: true, dueDays: 30 },
      actor,
    );
    const y = await createAssignment(
      "ALL",
      { courseId: course2, agencyId: t.b.id, itRoles: ["PART_TIME"], standing: true, dueAt: "2020-01-01" },
      actor,
    );
    const z = await createAssignment(
      "ALL",
      { courseId: course2, agencyId: t.b.id, itRoles: ["PART_TIME"], standing: false, dueDays: 5 },
      actor,
    );
    expect([x.count, y.count, z.count]).toEqual([0, 0, 0]);
    const q = await makePerson({ agencyId: t.a1.id, itRole: "FULL_TIME" });
    expect(await refreshStandingAssignments({ personIds: [q.id] })).toEqual({ added: 1, removed: 0 });
    const xRow = await db.assignmentMember.findUniqueOrThrow({
      where: { assignmentId_personId: { assignmentId: x.id, personId: q.id } },
    });
    expect(xRow.removedAt).toBeNull();
    expect(Math.abs(xRow.dueAt.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);

    // Moves to B and becomes part-time IT staff.
    await db.person.update({ where: { id: q.id }, data: { agencyId: t.b.id, itRole: "PART_TIME" } });
    expect(await refreshStandingAssignments({ personIds: [q.id] })).toEqual({ added: 1, removed: 1 });
    const rows = await db.assignmentMember.findMany({ where: { personId: q.id } });
    const old = rows.find((r) => r.assignmentId === x.id);
    const fresh = rows.find((r) => r.assignmentId === y.id);
    expect(old?.removedAt).not.toBeNull();
    expect(fresh?.removedAt).toBeNull();
    expect(fresh?.source).toBe("RULE");
    // Fixed dueAt in the past: now + 7 days.
    expect(Math.abs((fresh?.dueAt.getTime() ?? 0) - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
    expect(rows.some((r) => r.assignmentId === z.id)).toBe(false); // not standing
    expect((await listMyAssignments(q.id)).map((a) => a.assignmentId)).toEqual([y.id]);

    // Idempotent, also when rechecking everyone.
    expect(await refreshStandingAssignments()).toEqual({ added: 0, removed: 0 });

    // Moves back: the old row comes back (history kept, one row per person).
    await db.person.update({ where: { id: q.id }, data: { agencyId: t.a.id, itRole: "FULL_TIME" } });
    expect(await refreshStandingAssignments()).toEqual({ added: 1, removed: 1 });
    const back = await db.assignmentMember.findMany({
      where: { personId: q.id },
      orderBy: { assignedAt: "asc" },
    });
    expect(back).toHaveLength(2);
    expect(back.find((r) => r.assignmentId === x.id)?.removedAt).toBeNull();
    expect(back.find((r) => r.assignmentId === y.id)?.removedAt).not.toBeNull();

    // Deactivated: removed from the rule's audience.
    await db.person.update({ where: { id: q.id }, data: { active: false } });
    expect(await refreshStandingAssignments({ personIds: [q.id] })).toEqual({ added: 0, removed: 1 });
  });

  it("never removes named members", async () => {
    const t = await makeAgencyTree("N");
    const r = await makePerson({ agencyId: t.b.id });
    const a = await createAssignment(
      "ALL",
      { courseId, agencyId: t.a.id, personIds: [r.id], standing: true, dueDays: 10 },
      actor,
    );
    expect(a.count).toBe(1);
    await refreshStandingAssignments();
    const m = await db.assignmentMember.findFirstOrThrow({ where: { assignmentId: a.id } });
    expect(m.removedAt).toBeNull();
  });
});

describe("learner status and recertification", () => {
  it("an expired completion makes the person due again", async () => {
    const t = await makeAgencyTree("R");
    const person = await makePerson({ agencyId: t.a.id });
    const { course, version } = await makeCourseVersion({ topics: ["mat-khau"] });
    const a = await createAssignment(
      "ALL",
      { courseId: course.id, personIds: [person.id], dueDays: 10 },
      actor,
    );
    const mine = async () => (await listMyAssignments(person.id)).find((x) => x.assignmentId === a.id)!;
    expect((await mine()).status).toBe("CHUA_BAT_DAU");
    await db.enrollment.create({ data: { personId: person.id, courseId: course.id, versionId: version.id } });
    expect((await mine()).status).toBe("DANG_HOC");

    const completion = await db.completion.create({
      data: {
        personId: person.id,
        courseId: course.id,
        source: "ONLINE",
        completedAt: new Date(Date.now() - 1000),
        validUntil: new Date(Date.now() + 365 * DAY),
      },
    });
    expect((await mine()).status).toBe("HOAN_THANH");
    expect((await overdueMembers()).some((m) => m.personId === person.id)).toBe(false);

    // Expired yesterday: due again by validUntil + 30 days (later than the member's own due date).
    const yesterday = new Date(Date.now() - DAY);
    await db.completion.update({ where: { id: completion.id }, data: { validUntil: yesterday } });
    await db.enrollment.updateMany({ where: { personId: person.id }, data: { completedAt: new Date() } });
    const again = await mine();
    expect(again.status).toBe("CHUA_BAT_DAU");
    expect(again.dueAt.getTime()).toBe(yesterday.getTime() + 30 * DAY);

    // Expired long ago and the member's due date has passed: overdue, and in the reminder query.
    await db.completion.update({
      where: { id: completion.id },
      data: { validUntil: new Date(Date.now() - 90 * DAY) },
    });
    await db.assignmentMember.updateMany({
      where: { assignmentId: a.id },
      data: { dueAt: new Date(Date.now() - DAY) },
    });
    expect((await mine()).status).toBe("QUA_HAN");
    const overdue = await overdueMembers();
    expect(overdue.find((m) => m.personId === person.id)).toMatchObject({
      assignmentId: a.id,
      email: person.email,
      agencyId: t.a.id,
    });

    // A class completion with an overlapping topic counts (no courseId).
    await db.completion.create({
      data: { personId: person.id, topics: ["mat-khau"], source: "CLASS", completedAt: new Date() },
    });
    expect((await mine()).status).toBe("HOAN_THANH");
  });

  it("dueSoonMembers picks members due in exactly the given Vietnamese days", async () => {
    const t = await makeAgencyTree("D");
    const person = await makePerson({ agencyId: t.a.id });
    const inactive = await makePerson({ agencyId: t.a.id, active: false });
    const a = await createAssignment("ALL", { courseId, personIds: [person.id], dueAt: "2030-06-10" }, actor);
    await db.assignmentMember.create({
      data: {
        assignmentId: a.id,
        personId: inactive.id,
        source: "NAMED",
        dueAt: new Date("2030-06-10T16:59:59Z"),
      },
    });
    const now = new Date("2030-06-03T02:00:00Z"); // 09:00 on 3 June in Vietnam: due in 7 days
    const soon = await dueSoonMembers(now, [7, 1, 0]);
    expect(soon.filter((m) => m.assignmentId === a.id).map((m) => m.personId)).toEqual([person.id]);
    expect(
      (await dueSoonMembers(new Date("2030-06-04T02:00:00Z"), [7, 1, 0])).some(
        (m) => m.assignmentId === a.id,
      ),
    ).toBe(false);
    expect(
      (await dueSoonMembers(new Date("2030-06-10T10:00:00Z"), [0])).some((m) => m.assignmentId === a.id),
    ).toBe(true);
    expect(
      (await overdueMembers(new Date("2030-06-10T17:00:00Z"))).filter((m) => m.assignmentId === a.id),
    ).toHaveLength(1);
    // The scheduler's single read gives the same two lists.
    const sorted = (list: { assignmentId: string; personId: string }[]) =>
      [...list].sort((x, y) =>
        `${x.assignmentId}:${x.personId}`.localeCompare(`${y.assignmentId}:${y.personId}`),
      );
    for (const at of [now, new Date("2030-06-10T17:00:00Z"), new Date("2030-06-20T02:00:00Z")]) {
      const both = await reminderMembers(at, [7, 1, 0]);
      expect(sorted(both.dueSoon)).toEqual(sorted(await dueSoonMembers(at, [7, 1, 0])));
      expect(sorted(both.overdue)).toEqual(sorted(await overdueMembers(at)));
    }
  });
});
