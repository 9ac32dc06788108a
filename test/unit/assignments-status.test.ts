import { describe, expect, it } from "vitest";
import { assignmentInputSchema } from "~/modules/assignments/schema";
import { daysUntil, endOfVnDay, learnerStatus, RECERT_GRACE_DAYS, vnDay } from "~/modules/assignments/status";

const DAY = 86_400_000;
const now = new Date("2026-06-01T03:00:00Z");
const facts = (over = {}) => ({
  dueAt: new Date(now.getTime() + 5 * DAY),
  validCompletedAt: null,
  expiredValidUntil: null,
  inProgress: false,
  ...over,
});

describe("learnerStatus", () => {
  it("decides completed, overdue, in progress, not started", () => {
    expect(learnerStatus(facts(), now).status).toBe("CHUA_BAT_DAU");
    expect(learnerStatus(facts({ inProgress: true }), now).status).toBe("DANG_HOC");
    expect(learnerStatus(facts({ dueAt: new Date(now.getTime() - 1) }), now).status).toBe("QUA_HAN");
    expect(
      learnerStatus(facts({ dueAt: new Date(now.getTime() - 1), validCompletedAt: now }), now).status,
    ).toBe("HOAN_THANH");
  });

  it("recertification: due again by validUntil + 30 days when later than the member's due date", () => {
    const expired = new Date(now.getTime() - DAY);
    const r = learnerStatus(facts({ expiredValidUntil: expired }), now);
    expect(r.status).toBe("CHUA_BAT_DAU");
    expect(r.dueAt.getTime()).toBe(expired.getTime() + RECERT_GRACE_DAYS * DAY);
    const old = learnerStatus(facts({ expiredValidUntil: new Date(now.getTime() - 100 * DAY) }), now);
    expect(old.dueAt.getTime()).toBe(now.getTime() + 5 * DAY);
  });
});

describe("dates", () => {
  it("reads dd/mm/yyyy (and yyyy-mm-dd) as the end of the day in Vietnam", () => {
    expect(endOfVnDay("2026-12-31")?.toISOString()).toBe("2026-12-31T16:59:59.999Z");
    expect(endOfVnDay("2026-02-30")).toBeNull();
    expect(endOfVnDay("31/12/2026")?.toISOString()).toBe("2026-12-31T16:59:59.999Z");
    expect(endOfVnDay("31/02/2026")).toBeNull();
    expect(endOfVnDay("12/31/2026")).toBeNull();
    expect(vnDay(new Date("2026-06-01T17:30:00Z"))).toBe("2026-06-02");
    expect(daysUntil(new Date("2026-06-08T16:59:59Z"), now)).toBe(7);
  });

  it("schema needs an audience and a due date, and parses its own output again", () => {
    const courseId = "0b8f4b8e-7a5b-4c1e-9a3e-1d2c3b4a5f60";
    expect(assignmentInputSchema.safeParse({ courseId, dueDays: 3 }).success).toBe(false);
    const ok = assignmentInputSchema.parse({ courseId, agencyId: courseId, dueAt: "2026-12-31" });
    expect(ok.dueAt?.toISOString()).toBe("2026-12-31T16:59:59.999Z");
    expect(assignmentInputSchema.parse(ok).dueAt?.getTime()).toBe(ok.dueAt?.getTime());
    expect(assignmentInputSchema.safeParse({ courseId, agencyId: courseId, dueDays: 400 }).success).toBe(
      false,
    );
  });
});
