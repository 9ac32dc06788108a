// The send window's working hours (Mon–Fri 08:00–17:00 Vietnam time) and the form's refusal of a window
// without one.
import { describe, expect, it } from "vitest";
import { campaignSettingsSchema } from "~/modules/phishing/campaign-schema";
import { instantAt, totalMs, weekday, workingIntervals } from "~/modules/phishing/campaign-schedule";
import { vnWallClock } from "~/utils/vn-calendar";

const HOUR = 3_600_000;

describe("working intervals", () => {
  it("know the days of the week", () => {
    expect(weekday([2026, 12, 4])).toBe(5); // a Friday
    expect(weekday([2026, 12, 6])).toBe(0);
  });

  it("take 08:00–17:00 Vietnam time of each weekday and skip the weekend", () => {
    // Fri 4 → Tue 8 December 2026: Friday, Monday, Tuesday.
    const iv = workingIntervals([2026, 12, 4], [2026, 12, 8]);
    expect(iv.map((i) => i.start.toISOString())).toEqual([
      "2026-12-04T01:00:00.000Z",
      "2026-12-07T01:00:00.000Z",
      "2026-12-08T01:00:00.000Z",
    ]);
    expect(iv.every((i) => i.ms === 9 * HOUR)).toBe(true);
    expect(totalMs(iv)).toBe(27 * HOUR);
  });

  it("start no earlier than `notBefore`, and drop a day already over", () => {
    const at1030 = new Date("2026-12-04T03:30:00Z"); // 10:30 in Hà Nội
    const iv = workingIntervals([2026, 12, 4], [2026, 12, 7], at1030);
    expect(iv[0]).toEqual({ start: at1030, ms: 6.5 * HOUR });
    const at18 = new Date("2026-12-04T11:00:00Z"); // 18:00
    expect(workingIntervals([2026, 12, 4], [2026, 12, 4], at18)).toEqual([]);
  });

  it("a weekend alone has no working hour", () => {
    expect(workingIntervals([2026, 12, 5], [2026, 12, 6])).toEqual([]);
  });

  it("map an offset to an instant inside working hours, whole milliseconds, the end excluded", () => {
    const iv = workingIntervals([2026, 12, 4], [2026, 12, 8]);
    expect(instantAt(iv, 0)?.toISOString()).toBe("2026-12-04T01:00:00.000Z");
    expect(instantAt(iv, 9 * HOUR)?.toISOString()).toBe("2026-12-07T01:00:00.000Z");
    const last = instantAt(iv, totalMs(iv) - 0.5)!;
    expect(vnWallClock(last)).toMatchObject({ day: 8, hour: 16, minute: 59, second: 59, millisecond: 999 });
    expect(instantAt(iv, totalMs(iv))).toBeNull();
    expect(instantAt(iv, -1)).toBeNull();
    for (let k = 0; k < 1000; k++) {
      const c = vnWallClock(instantAt(iv, Math.random() * totalMs(iv))!);
      expect(c.hour >= 8 && c.hour < 17).toBe(true);
    }
  });
});

describe("the form's send window", () => {
  const now = new Date("2026-12-04T02:00:00Z"); // Friday 09:00 in Hà Nội
  const base = {
    name: "Diễn tập quý IV",
    agencyId: "7a0c6b9e-0000-4000-8000-000000000001",
    templateVersionIds: ["7a0c6b9e-0000-4000-8000-000000000002"],
    followUpCourseId: "7a0c6b9e-0000-4000-8000-000000000003",
  };
  const errorsOf = (windowStart: string, windowEnd: string) => {
    const r = campaignSettingsSchema(now).safeParse({ ...base, windowStart, windowEnd });
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it("accepts a window with working hours and stores the days", () => {
    const r = campaignSettingsSchema(now).parse({
      ...base,
      windowStart: "04/12/2026",
      windowEnd: "11/12/2026",
    });
    expect([r.windowStart, r.windowEnd]).toEqual(["2026-12-04", "2026-12-11"]);
  });

  it.each([
    ["05/12/2026", "06/12/2026", "phc.err.noWorkingHours"],
    ["07/12/2026", "04/12/2026", "phc.err.endBeforeStart"],
    ["03/12/2026", "10/12/2026", "phc.err.startPast"],
    ["07/12/2026", "31/05/2027", "phc.err.windowTooLong"],
    ["31/02/2027", "05/03/2027", "phc.err.dayFormat"],
  ])("refuses %s – %s with %s", (start, end, key) => {
    expect(errorsOf(start, end)).toContain(key);
  });

  it("refuses today when today's working hours are over", () => {
    const evening = new Date("2026-12-04T11:00:00Z"); // Friday 18:00
    const r = campaignSettingsSchema(evening).safeParse({
      ...base,
      windowStart: "04/12/2026",
      windowEnd: "06/12/2026",
    });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toContain("phc.err.noWorkingHours");
  });
});
