import { describe, expect, it } from "vitest";
import {
  composeEscalation,
  isoWeek,
  planReminders,
  vnDay,
  type ReminderRow,
} from "~/modules/notifications/reminders";

// 30/06/2026 23:59:59.999 in Asia/Ho_Chi_Minh (UTC+7) = 16:59:59.999Z.
const row: ReminderRow = {
  personId: "p1",
  email: "a@test.gov.vn",
  fullName: "Nguyễn Văn A",
  assignmentId: "as1",
  courseTitle: "An toàn thông tin cơ bản",
  dueAt: new Date("2026-06-30T16:59:59.999Z"),
  agencyId: "ag1",
  active: true,
};

/** 08:00 on a Vietnamese calendar day. */
const at = (day: string, hour = "08:00") => new Date(`${day}T${hour}:00+07:00`);
const kinds = (now: Date) => planReminders([row], now, { daysBefore: [7, 1] }).map((r) => r.kind);

describe("planReminders (Asia/Ho_Chi_Minh calendar days)", () => {
  it("DUE_SOON_7 seven days before, DUE_SOON_1 the day before, nothing on other days before", () => {
    expect(kinds(at("2026-06-23"))).toEqual(["DUE_SOON_7"]);
    expect(kinds(at("2026-06-29"))).toEqual(["DUE_SOON_1"]);
    expect(kinds(at("2026-06-22"))).toEqual([]);
    expect(kinds(at("2026-06-24"))).toEqual([]);
  });

  it("uses the Vietnamese day, not the UTC one", () => {
    // 23/06 00:30 in Hà Nội is still 22/06 in UTC.
    expect(kinds(at("2026-06-23", "00:30"))).toEqual(["DUE_SOON_7"]);
    expect(kinds(new Date("2026-06-22T16:59:00Z"))).toEqual([]); // 22/06 23:59 in Hà Nội
    expect(vnDay(row.dueAt)).toBe("2026-06-30");
  });

  it("DUE_TODAY on the due day, OVERDUE weekly after it (days 1, 8, 15 …)", () => {
    expect(kinds(at("2026-06-30"))).toEqual(["DUE_TODAY"]);
    expect(kinds(at("2026-06-30", "23:30"))).toEqual(["DUE_TODAY"]);
    expect(kinds(at("2026-07-01"))).toEqual(["OVERDUE"]);
    expect(kinds(at("2026-07-02"))).toEqual([]);
    expect(kinds(at("2026-07-07"))).toEqual([]);
    expect(kinds(at("2026-07-08"))).toEqual(["OVERDUE"]);
    expect(kinds(at("2026-07-15"))).toEqual(["OVERDUE"]);
  });

  it("builds stable dedupe keys and Vietnamese texts", () => {
    const [soon] = planReminders([row], at("2026-06-23"), { daysBefore: [7] });
    expect(soon.dedupeKey).toBe("reminder:as1:p1:DUE_SOON_7:2026-06-30");
    expect(soon.subject).toBe("Nhắc việc: hoàn thành khóa «An toàn thông tin cơ bản» trước 30/06/2026");
    expect(soon.text).toContain("Kính gửi Nguyễn Văn A");
    expect(soon.link).toBe("/learn");
    // Same day, later hour: same key.
    expect(planReminders([row], at("2026-06-23", "21:00"), { daysBefore: [7] })[0].dedupeKey).toBe(
      soon.dedupeKey,
    );
    const [w1] = planReminders([row], at("2026-07-01"), { daysBefore: [7] });
    const [w2] = planReminders([row], at("2026-07-08"), { daysBefore: [7] });
    expect(w1.dedupeKey).toBe("reminder:as1:p1:OVERDUE:2026-06-30:w1");
    expect(w2.dedupeKey).toBe("reminder:as1:p1:OVERDUE:2026-06-30:w2");
    expect(w1.subject).toBe("Quá hạn: khóa «An toàn thông tin cơ bản» (hạn 30/06/2026)");
  });

  it("ISO weeks on Vietnamese days", () => {
    expect(isoWeek(at("2026-07-01"))).toBe("2026-W27");
    expect(isoWeek(at("2027-01-01"))).toBe("2026-W53");
    expect(isoWeek(new Date("2026-07-05T17:30:00Z"))).toBe("2026-W28"); // Monday 06/07 00:30 in Hà Nội
  });
});

describe("composeEscalation", () => {
  it("lists the overdue in the people list's order: given name, then full name", () => {
    const person = (fullName: string, n: number): ReminderRow => ({
      ...row,
      personId: `p${n}`,
      email: `p${n}@test.gov.vn`,
      fullName,
    });
    const overdue = [person("Trần Văn An", 1), person("Nguyễn Thị Bình", 2), person("Lê Văn Anh", 3)];
    const { text } = composeEscalation(
      { email: "lead@test.gov.vn", fullName: "Lãnh đạo" },
      overdue,
      at("2026-07-20"),
    );
    const names = text
      .split("\n")
      .filter((l) => l.startsWith("- "))
      .map((l) => l.slice(2).split(" (")[0]);
    expect(names).toEqual(["Trần Văn An", "Lê Văn Anh", "Nguyễn Thị Bình"]);
  });
});
