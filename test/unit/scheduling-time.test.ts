// Vietnam wall-clock conversion (UTC+7, no DST), display, overlap and the pure rules of classes and drills.
import { describe, expect, it } from "vitest";
import { attendanceMet, audienceLabel, matchesAudience } from "~/modules/scheduling/rules";
import {
  firstOverlap,
  formatVnDateTime,
  overlaps,
  parseVnDateTime,
  selfOverlap,
  toVnInputValue,
} from "~/domain/scheduling-time";

const r = (a: string, b: string) => ({ startsAt: parseVnDateTime(a)!, endsAt: parseVnDateTime(b)! });

describe("Vietnam time", () => {
  it("parses wall clock as UTC+7 all year (no DST in any month)", () => {
    expect(parseVnDateTime("2026-12-05T08:00")?.toISOString()).toBe("2026-12-05T01:00:00.000Z");
    expect(parseVnDateTime("2026-06-15T08:00")?.toISOString()).toBe("2026-06-15T01:00:00.000Z");
    expect(parseVnDateTime("2026-03-29T02:30")?.toISOString()).toBe("2026-03-28T19:30:00.000Z"); // EU DST night
    expect(parseVnDateTime("2026-01-01T03:00")?.toISOString()).toBe("2025-12-31T20:00:00.000Z");
    expect(parseVnDateTime("2026-12-05 08:00")?.toISOString()).toBe("2026-12-05T01:00:00.000Z");
  });
  it("rejects malformed or impossible dates", () => {
    for (const bad of [
      "",
      "2026-12-05",
      "2026-02-30T08:00",
      "2026-13-01T08:00",
      "2026-12-05T24:00",
      "31/11/2026 08:00",
      "2026-12-05T08:00Z",
    ])
      expect(parseVnDateTime(bad)).toBeNull();
  });
  it("formats back to the input value and to dd/mm/yyyy HH:mm", () => {
    const d = new Date("2026-12-05T17:30:00Z");
    expect(toVnInputValue(d)).toBe("2026-12-06T00:30");
    expect(formatVnDateTime(d)).toBe("06/12/2026 00:30");
    expect(toVnInputValue(parseVnDateTime("2027-01-31T23:59"))).toBe("2027-01-31T23:59");
    expect(toVnInputValue(null)).toBe("");
  });
});

describe("overlap", () => {
  it("half-open ranges: touching ends do not overlap", () => {
    expect(
      overlaps(r("2026-12-05T08:00", "2026-12-05T10:00"), r("2026-12-05T10:00", "2026-12-05T12:00")),
    ).toBe(false);
    expect(
      overlaps(r("2026-12-05T08:00", "2026-12-05T10:01"), r("2026-12-05T10:00", "2026-12-05T12:00")),
    ).toBe(true);
    expect(
      overlaps(r("2026-12-05T08:00", "2026-12-05T12:00"), r("2026-12-05T09:00", "2026-12-05T10:00")),
    ).toBe(true);
  });
  it("across midnight: 22:00–02:00 meets 01:00–03:00 the next day but not 02:00–04:00", () => {
    const night = r("2026-12-05T22:00", "2026-12-06T02:00");
    expect(overlaps(night, r("2026-12-06T01:00", "2026-12-06T03:00"))).toBe(true);
    expect(overlaps(night, r("2026-12-06T02:00", "2026-12-06T04:00"))).toBe(false);
    expect(
      firstOverlap(
        [night],
        [r("2026-12-05T08:00", "2026-12-05T09:00"), r("2026-12-06T01:00", "2026-12-06T03:00")],
      )?.theirs.startsAt.toISOString(),
    ).toBe("2026-12-05T18:00:00.000Z");
    expect(selfOverlap([night, r("2026-12-06T02:00", "2026-12-06T04:00")])).toBeNull();
    expect(selfOverlap([night, r("2026-12-05T23:00", "2026-12-05T23:30")])).not.toBeNull();
  });
});

describe("rules", () => {
  it("audience: empty means anyone; roles and tags must both match", () => {
    const rule = {
      audienceItRoles: ["FULL_TIME", "PART_TIME"] as const,
      audienceTags: ["doi-ung-cuu-su-co"],
    };
    expect(matchesAudience({ itRole: "PART_TIME", tags: ["doi-ung-cuu-su-co"] }, rule)).toBe(true);
    expect(matchesAudience({ itRole: "NONE", tags: ["doi-ung-cuu-su-co"] }, rule)).toBe(false);
    expect(matchesAudience({ itRole: "FULL_TIME", tags: [] }, rule)).toBe(false);
    expect(matchesAudience({ itRole: "NONE", tags: [] }, { audienceItRoles: [], audienceTags: [] })).toBe(
      true,
    );
    expect(audienceLabel(rule)).toBe("cán bộ chuyên trách / kiêm nhiệm CNTT, nhóm doi-ung-cuu-su-co");
    expect(audienceLabel(rule, "en")).toBe("full-time / part-time IT staff, group doi-ung-cuu-su-co");
  });
  it("attendance threshold in percent of held sessions", () => {
    expect(attendanceMet(2, 2, 100)).toBe(true);
    expect(attendanceMet(1, 2, 100)).toBe(false);
    expect(attendanceMet(1, 2, 50)).toBe(true);
    expect(attendanceMet(2, 3, 67)).toBe(false);
    expect(attendanceMet(0, 0, 1)).toBe(false);
  });
});
