// The scheduler's monthly target snapshots: one per month-end per plan, even with two servers at once. And
// its two switches: REMINDERS_ENABLED=false stops only the reminders and the outbox (the hourly upkeep still
// runs), JOBS_ENABLED=false only the upkeep, both off start no scheduler.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { startBackgroundJobs, takeDueSnapshots } from "~/modules/notifications/jobs.server";
import { makeCourseVersion } from "../fixtures/courses";
import { makeAgency, makePerson, makePlan, makeTarget, makeUser } from "../fixtures/factories";

describe("takeDueSnapshots", () => {
  it("takes each month-end snapshot once, however many servers ask", async () => {
    const province = await makeAgency({ name: "UBND tỉnh Thử" });
    const person = await makePerson({ agencyId: province.id });
    // Figures at past dates follow membership history: this person joined before the plan started.
    await db.membership.updateMany({
      where: { personId: person.id },
      data: { startedAt: new Date("2025-12-01T00:00:00+07:00") },
    });
    const plan = await makePlan({ documentNumber: "01/KH-THU", agencyId: province.id });
    await makeTarget({ planId: plan.id });
    await db.completion.create({
      data: {
        personId: person.id,
        topics: ["attt-co-ban"],
        source: "IMPORTED",
        completedAt: new Date("2026-02-10T09:00:00+07:00"),
      },
    });
    // 15/04/2026: January, February and March have ended.
    const now = new Date("2026-04-15T08:00:00+07:00");
    const results = await Promise.all([takeDueSnapshots(now), takeDueSnapshots(now)]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(3);
    expect(await takeDueSnapshots(now)).toBe(0);
    const snapshots = await db.snapshot.findMany({
      where: { planId: plan.id },
      orderBy: { asOf: "asc" },
      include: { rows: { where: { agencyId: province.id } } },
    });
    expect(snapshots.map((s) => [s.label, s.automatic])).toEqual([
      ["Tự động tháng 01/2026", true],
      ["Tự động tháng 02/2026", true],
      ["Tự động tháng 03/2026", true],
    ]);
    // January: not yet completed; February and March: the one person counts.
    expect(snapshots.map((s) => `${s.rows[0]?.completed}/${s.rows[0]?.audience}`)).toEqual([
      "0/1",
      "1/1",
      "1/1",
    ]);
  });
});

/**
 * What the scheduler's two parts would act on: a member not yet told of an assignment (the reminder part's
 * new-assignment digest), an expired session (housekeeping) and the figures watermark a day behind.
 */
async function pendingWork() {
  const agency = await makeAgency({ name: `Sở Thử ${randomUUID().slice(0, 6)}` });
  const person = await makePerson({ agencyId: agency.id });
  const { course } = await makeCourseVersion();
  const user = await makeUser();
  const assignment = await db.assignment.create({
    data: { courseId: course.id, createdById: user.id, agencyId: agency.id },
  });
  const member = await db.assignmentMember.create({
    data: {
      assignmentId: assignment.id,
      personId: person.id,
      source: "RULE",
      dueAt: new Date(Date.now() + 30 * 86_400_000),
    },
  });
  const session = await db.session.create({
    data: { id: randomUUID(), userId: user.id, expiresAt: new Date(Date.now() - 60_000) },
  });
  const behind = new Date(Date.now() - 86_400_000);
  await db.figureWatermark.update({ where: { id: 1 }, data: { at: behind } });
  return {
    /** Whether each part did its work. */
    async done() {
      const told = await db.assignmentMember.findUniqueOrThrow({ where: { id: member.id } });
      const { at } = await db.figureWatermark.findUniqueOrThrow({ where: { id: 1 } });
      return {
        digest: told.notifiedAt !== null,
        housekeeping: (await db.session.count({ where: { id: session.id } })) === 0,
        watermark: at > behind,
      };
    },
  };
}

/** The process's scheduler as server.js starts it with `env`, stopped after its first finished tick. */
async function firstTick(env: Record<string, string>) {
  let ticks = 0;
  const scheduler = startBackgroundJobs(env, { onTick: () => ticks++ });
  expect(scheduler).not.toBeNull();
  try {
    await expect.poll(() => ticks, { timeout: 30_000 }).toBeGreaterThan(0);
  } finally {
    await scheduler!.stop();
  }
}

describe("startBackgroundJobs", () => {
  it("with REMINDERS_ENABLED=false still runs the hourly upkeep, and plans no reminders", async () => {
    const work = await pendingWork();
    await firstTick({ REMINDERS_ENABLED: "false" });
    expect(await work.done()).toEqual({ digest: false, housekeeping: true, watermark: true });
  });

  it("with JOBS_ENABLED=false runs the reminders only", async () => {
    const work = await pendingWork();
    await firstTick({ JOBS_ENABLED: "false" });
    expect(await work.done()).toEqual({ digest: true, housekeeping: false, watermark: false });
  });

  it("with both on runs both parts; with both off starts no scheduler", async () => {
    const work = await pendingWork();
    await firstTick({});
    expect(await work.done()).toEqual({ digest: true, housekeeping: true, watermark: true });

    const idle = await pendingWork();
    expect(startBackgroundJobs({ REMINDERS_ENABLED: "false", JOBS_ENABLED: "false" })).toBeNull();
    expect(await idle.done()).toEqual({ digest: false, housekeeping: false, watermark: false });
  });
});
