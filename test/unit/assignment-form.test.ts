// The new-assignment form schema: due dates in either format, the past-due refusal on the Vietnamese
// calendar (a UTC evening is already the next day in Vietnam), and the typed intents.
import { describe, expect, it } from "vitest";
import { newAssignmentSchema, normaliseDay } from "~/modules/assignments/form";

const base = { courseId: "c", agencyId: "a" };

describe("normaliseDay", () => {
  it("reads yyyy-mm-dd and dd/mm/yyyy, refuses impossible dates", () => {
    expect(normaliseDay("2027-01-31")).toBe("2027-01-31");
    expect(normaliseDay("31/01/2027")).toBe("2027-01-31");
    expect(normaliseDay("1/2/2027")).toBe("2027-02-01");
    for (const bad of ["2027-02-30", "30/02/2027", "31/13/2027", "2027/01/31", "01-31-2027", ""])
      expect(normaliseDay(bad), bad).toBeNull();
  });
});

describe("newAssignmentSchema", () => {
  // 17:30 UTC on 01/12 is 00:30 on 02/12 in Vietnam.
  const now = new Date("2026-12-01T17:30:00Z");
  const parse = (v: Record<string, unknown>) => newAssignmentSchema(now).safeParse({ ...base, ...v });

  it("refuses a due date before today in Vietnam, accepts today", () => {
    const past = parse({ intent: "preview", dueAt: "2026-12-01" });
    expect(past.success).toBe(false);
    expect(past.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["dueAt", "asg.err.pastDue"],
    ]);
    expect(parse({ intent: "confirm", dueAt: "01/12/2026" }).success).toBe(false);
    expect(parse({ intent: "preview", dueAt: "02/12/2026" }).data?.dueAt).toBe("2026-12-02");
  });

  it("needs a due date or a number of days, and a known intent", () => {
    expect(parse({ intent: "preview" }).error?.issues[0].message).toBe("asg.err.dueRequired");
    expect(parse({ intent: "preview", dueDays: "30" }).success).toBe(true);
    expect(parse({ intent: "delete", dueDays: "30" }).success).toBe(false);
    for (const bad of ["0x10", "1e2", "0", "366", "1.5"])
      expect(parse({ intent: "preview", dueDays: bad }).success, bad).toBe(false);
    expect(parse({ intent: "confirm", dueDays: "30", previewToken: "t" }).data).toMatchObject({
      intent: "confirm",
      previewToken: "t",
    });
  });
});
