// The hand-written .ics checked by an independent parser (ical.js): UTC times, Vietnamese text through
// folding and escaping, stable UIDs with a rising SEQUENCE, cancelled sessions.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import {
  buildCalendar,
  escapeText,
  foldLine,
  offeringEvents,
  type IcsOffering,
} from "~/modules/scheduling/ics";
import { parseVnDateTime } from "~/domain/scheduling-time";

const at = (s: string) => parseVnDateTime(s)!;
const LONG_TITLE =
  "Diễn tập ứng cứu sự cố an toàn thông tin mạng năm 2026; kịch bản: tấn công mã độc, lừa đảo, rò rỉ dữ liệu";

function offering(overrides: Partial<IcsOffering> = {}): IcsOffering {
  return {
    title: LONG_TITLE,
    description:
      "Mục tiêu: phối hợp xử lý sự cố.\nChuẩn bị: máy tính xách tay, tài khoản VPN; mang theo CCCD.\\ghi chú",
    sequence: 0,
    status: "OPEN",
    sessions: [
      {
        id: "11111111-1111-4111-8111-111111111111",
        position: 1,
        title: "Lý thuyết",
        startsAt: at("2026-12-05T08:00"),
        endsAt: at("2026-12-05T11:30"),
        venue: "Hội trường Sở KH&CN, 226 Bà Triệu, Lạng Sơn",
        onlineUrl: null,
        cancelledAt: null,
      },
      {
        id: "22222222-2222-4222-8222-222222222222",
        position: 2,
        title: "Thực hành đêm",
        startsAt: at("2026-12-05T22:00"),
        endsAt: at("2026-12-06T02:00"),
        venue: "",
        onlineUrl: "https://meet.langson.gov.vn/dien-tap?room=1&x=2",
        cancelledAt: null,
      },
    ],
    ...overrides,
  };
}

function parse(text: string) {
  const comp = new ICAL.Component(ICAL.parse(text));
  return comp.getAllSubcomponents("vevent").map((v) => ({ v, e: new ICAL.Event(v) }));
}

const NOW = new Date("2026-11-01T03:04:05Z");

describe("ics writer", () => {
  it("parses with ical.js: UTC times, text and URL intact", () => {
    const text = buildCalendar({
      name: "Lịch",
      events: offeringEvents(offering(), "/offerings/x"),
      now: NOW,
    });
    const events = parse(text);
    expect(events).toHaveLength(2);
    const [a, b] = events as [(typeof events)[0], (typeof events)[0]];
    expect(a.e.uid).toBe("11111111-1111-4111-8111-111111111111@hoc-attt");
    expect(a.e.startDate.toJSDate().toISOString()).toBe("2026-12-05T01:00:00.000Z");
    expect(a.e.endDate.toJSDate().toISOString()).toBe("2026-12-05T04:30:00.000Z");
    expect(a.e.startDate.zone?.tzid).toBe("UTC");
    expect(a.e.summary).toBe(`${LONG_TITLE} — Lý thuyết`);
    expect(a.e.location).toBe("Hội trường Sở KH&CN, 226 Bà Triệu, Lạng Sơn");
    expect(a.e.description).toBe(
      "Mục tiêu: phối hợp xử lý sự cố.\nChuẩn bị: máy tính xách tay, tài khoản VPN; mang theo CCCD.\\ghi chú\n/offerings/x",
    );
    // Across midnight, Vietnam time 22:00 → 02:00 is 15:00Z → 19:00Z the same UTC day.
    expect(b.e.startDate.toJSDate().toISOString()).toBe("2026-12-05T15:00:00.000Z");
    expect(b.e.endDate.toJSDate().toISOString()).toBe("2026-12-05T19:00:00.000Z");
    expect(b.v.getFirstPropertyValue("url")).toBe("https://meet.langson.gov.vn/dien-tap?room=1&x=2");
    expect(b.v.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(a.v.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-11-01T03:04:05Z");
  });

  it("uses CRLF, folds every line at ≤ 75 octets without splitting a character", () => {
    const text = buildCalendar({ name: LONG_TITLE, events: offeringEvents(offering()), now: NOW });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n").slice(0, -1);
    const enc = new TextEncoder();
    expect(Math.max(...lines.map((l) => enc.encode(l).length))).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(" "))).toBe(true); // something was folded
    expect(text).not.toContain("\uFFFD");
  });

  it("an update keeps the UIDs and raises SEQUENCE; a cancelled session says STATUS:CANCELLED", () => {
    const before = parse(buildCalendar({ name: "x", events: offeringEvents(offering()), now: NOW }));
    const o = offering({ sequence: 3 });
    o.sessions[1] = { ...o.sessions[1]!, cancelledAt: NOW };
    const after = parse(buildCalendar({ name: "x", events: offeringEvents(o), now: NOW }));
    expect(after.map((x) => x.e.uid)).toEqual(before.map((x) => x.e.uid));
    expect(before.map((x) => x.e.sequence)).toEqual([0, 0]);
    expect(after.map((x) => x.e.sequence)).toEqual([3, 3]);
    expect(after.map((x) => x.v.getFirstPropertyValue("status"))).toEqual(["CONFIRMED", "CANCELLED"]);
    const cancelled = parse(
      buildCalendar({
        name: "x",
        events: offeringEvents(offering({ status: "CANCELLED", sequence: 4 })),
        now: NOW,
      }),
    );
    expect(cancelled.map((x) => x.v.getFirstPropertyValue("status"))).toEqual(["CANCELLED", "CANCELLED"]);
  });
});

describe("ics helpers", () => {
  it("escapes TEXT", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });
  it("folds by octets: a 3-byte character never straddles a fold", () => {
    const line = `SUMMARY:${"ệ".repeat(40)}`; // 8 + 120 octets
    const parts = foldLine(line).split("\r\n");
    expect(parts.map((p) => new TextEncoder().encode(p).length).every((n) => n <= 75)).toBe(true);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join("")).toBe(line);
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });
});
