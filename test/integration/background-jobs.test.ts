// The scheduler's monthly target snapshots: one per month-end per plan, even with two servers at once.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { takeDueSnapshots } from "~/modules/notifications/jobs.server";
import { makeAgency, makePerson, makePlan, makeTarget } from "../fixtures/factories";

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
