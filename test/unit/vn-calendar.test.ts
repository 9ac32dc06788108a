// The one Vietnam calendar (app/utils/vn-calendar.ts): month-end clamping and the 00:00–07:00 hours, when the
// Vietnamese day is already the next one while UTC still shows the day before.
import { describe, expect, it } from "vitest";
import {
  addMonthsVn,
  daysBetween,
  endOfVnDay,
  endOfVnMonth,
  formatDay,
  formatDayTime,
  fromVnWallClock,
  isoWeek,
  monthEnds,
  parseDay,
  parseVnDateTime,
  periodEndDay,
  startOfVnDay,
  toVnDateTimeValue,
  todayVn,
  vnDay,
} from "~/utils/vn-calendar";

const vn = (y: number, m: number, d: number, h = 9, mi = 0) => fromVnWallClock(y, m, d, h, mi);
const vnText = (d: Date) => formatDayTime(d);

describe("addMonthsVn (certificate validity)", () => {
  it("clamps to the month's end: 31/01 + 1 month = 28/02, or 29/02 in a leap year", () => {
    expect(vnText(addMonthsVn(vn(2026, 1, 31), 1))).toBe("28/02/2026 09:00");
    expect(vnText(addMonthsVn(vn(2028, 1, 31), 1))).toBe("29/02/2028 09:00");
    expect(vnText(addMonthsVn(vn(2024, 2, 29), 12))).toBe("28/02/2025 09:00");
  });
  it("31/03 + 1 = 30/04; 31/12 + 12 months = 31/12 next year; 31/12 + 2 = 28/02", () => {
    expect(vnText(addMonthsVn(vn(2026, 3, 31), 1))).toBe("30/04/2026 09:00");
    expect(vnText(addMonthsVn(vn(2026, 12, 31), 12))).toBe("31/12/2027 09:00");
    expect(vnText(addMonthsVn(vn(2026, 12, 31), 2))).toBe("28/02/2027 09:00");
    expect(vnText(addMonthsVn(vn(2026, 10, 6), 24))).toBe("06/10/2028 09:00");
  });
  it("counts on the Vietnamese date between 00:00 and 07:00 (UTC still shows the day before)", () => {
    // 02:00 on 31/01 in Hà Nội is 19:00 UTC on 30/01: valid until 28/02 (Vietnam), not 01/03 (UTC arithmetic).
    const completed = new Date("2026-01-30T19:00:00Z");
    expect(vnText(completed)).toBe("31/01/2026 02:00");
    expect(addMonthsVn(completed, 1).toISOString()).toBe("2026-02-27T19:00:00.000Z");
    expect(vnText(addMonthsVn(completed, 1))).toBe("28/02/2026 02:00");
    // 00:00 exactly on 31/03 → 30/04 00:00
    expect(vnText(addMonthsVn(new Date("2026-03-30T17:00:00Z"), 1))).toBe("30/04/2026 00:00");
    // 06:59 is still the Vietnamese day
    expect(vnText(addMonthsVn(new Date("2026-12-30T23:59:00Z"), 12))).toBe("31/12/2027 06:59");
  });
});

describe("Vietnamese days of instants", () => {
  it("an instant at 2026-01-30T18:00Z is 31/01 in Vietnam; 16:59Z is still 30/01", () => {
    expect(vnDay(new Date("2026-01-30T18:00:00Z"))).toBe("2026-01-31");
    expect(formatDay(new Date("2026-01-30T18:00:00Z"))).toBe("31/01/2026");
    expect(vnDay(new Date("2026-01-30T16:59:59.999Z"))).toBe("2026-01-30");
    expect(vnDay(new Date("2026-01-30T17:00:00Z"))).toBe("2026-01-31");
    expect(todayVn(new Date("2026-12-31T17:30:00Z"))).toBe("2027-01-01");
  });
  it("start and end of a Vietnamese day and month", () => {
    expect(startOfVnDay([2026, 1, 31]).toISOString()).toBe("2026-01-30T17:00:00.000Z");
    expect(endOfVnDay([2026, 1, 31]).toISOString()).toBe("2026-01-31T16:59:59.999Z");
    // 03:00 on 01/03 in Hà Nội (still February in UTC) belongs to March
    expect(endOfVnMonth(new Date("2026-02-28T20:00:00Z")).toISOString()).toBe("2026-03-31T16:59:59.999Z");
    expect(
      monthEnds(new Date("2026-01-15T00:00:00Z"), new Date("2026-03-31T16:59:59.999Z")).map(formatDay),
    ).toEqual(["31/01/2026", "28/02/2026", "31/03/2026"]);
  });
  it("ISO week of the Vietnamese day", () => {
    // 01/01/2027 (a Friday) in Hà Nội while UTC still shows 31/12/2026: week 53 of 2026
    expect(isoWeek(new Date("2026-12-31T18:00:00Z"))).toBe("2026-W53");
    expect(isoWeek(new Date("2026-07-01T03:00:00Z"))).toBe("2026-W27");
    expect(isoWeek(new Date("2027-01-03T18:00:00Z"))).toBe("2027-W01"); // Monday 04/01/2027 in Hà Nội
  });
  it("quarter ends and whole days between", () => {
    expect(periodEndDay("Q1", 2026)).toEqual([2026, 3, 31]);
    expect(periodEndDay("H1", 2026)).toEqual([2026, 6, 30]);
    expect(periodEndDay("Q3", 2026)).toEqual([2026, 9, 30]);
    expect(periodEndDay("YEAR", 2026)).toEqual([2026, 12, 31]);
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
    expect(daysBetween("2026-03-01", "2026-02-27")).toBe(-2);
  });
});

describe("typed days", () => {
  it("reads dd/mm/yyyy and yyyy-mm-dd, refuses days that do not exist", () => {
    expect(parseDay("31/12/2026")).toEqual([2026, 12, 31]);
    expect(parseDay(" 1/2/2026 ")).toEqual([2026, 2, 1]);
    expect(parseDay("2026-12-31")).toEqual([2026, 12, 31]);
    expect(parseDay("29/02/2028")).toEqual([2028, 2, 29]);
    for (const bad of [
      "31/02/2026",
      "29/02/2026",
      "2026-02-30",
      "00/01/2026",
      "12/31/2026",
      "31-12-2026",
      "",
      "x",
    ])
      expect(parseDay(bad), bad).toBeNull();
  });
  it("Vietnam wall-clock date-times ⇄ instants", () => {
    expect(parseVnDateTime("2026-12-05T08:00")?.toISOString()).toBe("2026-12-05T01:00:00.000Z");
    expect(parseVnDateTime("05/12/2026 08:00")?.toISOString()).toBe("2026-12-05T01:00:00.000Z");
    expect(parseVnDateTime("2026-12-05T03:30")?.toISOString()).toBe("2026-12-04T20:30:00.000Z");
    expect(parseVnDateTime("31/11/2026 08:00")).toBeNull();
    expect(parseVnDateTime("2026-12-05T24:00")).toBeNull();
    expect(toVnDateTimeValue(new Date("2026-12-04T20:30:00Z"))).toBe("2026-12-05T03:30");
    expect(toVnDateTimeValue(null)).toBe("");
  });
});
