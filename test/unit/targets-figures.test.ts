// The pure rules of target figures: percent, gap, status, roll-up, report rows.
import { describe, expect, it } from "vitest";
import { formatPercent } from "~/domain/targets";
import {
  type AgencyInfo,
  type FigureTable,
  elapsedShare,
  figureMaker,
  subtreeFigures,
  gapOf,
  listedUnder,
  percentOf,
  reportRows,
  rollUp,
  statusOf,
  toFigure,
  totalOf,
  worstFirst,
} from "~/modules/targets/figures";
import { reportingDate } from "~/modules/targets/dates";
import { monthEnds, parseDay } from "~/utils/vn-calendar";

const d = (s: string) => new Date(`${s}T00:00:00+07:00`);
const start = d("2026-01-01");
const deadline = d("2027-01-01"); // 365 days
const at = (days: number) => new Date(start.getTime() + days * 86400_000);

describe("percentOf / gapOf", () => {
  it("percent is completed ÷ audience, null without an audience", () => {
    expect(percentOf(1, 3)).toBeCloseTo(33.333, 3);
    expect(percentOf(0, 5)).toBe(0);
    expect(percentOf(0, 0)).toBeNull();
  });
  it("gap rounds the people needed up and never goes below zero", () => {
    expect(gapOf(50, 3, 0)).toBe(2); // ⌈1.5⌉
    expect(gapOf(25, 10, 1)).toBe(2); // ⌈2.5⌉ − 1
    expect(gapOf(100, 7, 4)).toBe(3);
    expect(gapOf(50, 4, 3)).toBe(0);
    expect(gapOf(100, 0, 0)).toBe(0);
    expect(gapOf(1, 1, 0)).toBe(1); // ⌈0.01⌉
  });
});

describe("statusOf", () => {
  const base = { targetPercent: 80, startsAt: start, deadline };
  it("đạt as soon as the target is reached, even before or after the deadline", () => {
    expect(statusOf({ ...base, audience: 10, completed: 8, asOf: at(10) })).toBe("DAT");
    expect(statusOf({ ...base, audience: 10, completed: 9, asOf: at(400) })).toBe("DAT");
  });
  it("chưa đạt after the deadline, not on it", () => {
    expect(statusOf({ ...base, audience: 10, completed: 7, asOf: new Date(deadline.getTime() + 1) })).toBe(
      "CHUA_DAT",
    );
    // On the deadline itself the whole target is expected: behind, not yet failed.
    expect(statusOf({ ...base, audience: 10, completed: 7, asOf: deadline })).toBe("CHAM");
  });
  it("đúng tiến độ when the percent reaches target × time elapsed, else chậm", () => {
    // Half-way (182.5 days): expected 40 %.
    const half = new Date((start.getTime() + deadline.getTime()) / 2);
    expect(statusOf({ ...base, audience: 10, completed: 4, asOf: half })).toBe("DUNG_TIEN_DO");
    expect(statusOf({ ...base, audience: 10, completed: 3, asOf: half })).toBe("CHAM");
    // Before the plan starts nothing is expected yet.
    expect(statusOf({ ...base, audience: 10, completed: 0, asOf: d("2025-06-01") })).toBe("DUNG_TIEN_DO");
  });
  it("no status without an audience", () => {
    expect(statusOf({ ...base, audience: 0, completed: 0, asOf: at(10) })).toBeNull();
  });
  it("elapsed share is clamped to 0…1 and safe when the deadline is not after the start", () => {
    expect(elapsedShare(d("2025-01-01"), start, deadline)).toBe(0);
    expect(elapsedShare(d("2028-01-01"), start, deadline)).toBe(1);
    expect(elapsedShare(at(73), start, deadline)).toBeCloseTo(0.2, 10);
    expect(elapsedShare(at(1), start, start)).toBe(1);
  });
});

const ag = (
  id: string,
  parentId: string | null,
  depth: number,
  kind: AgencyInfo["kind"],
  position: number,
): AgencyInfo => ({
  id,
  code: id,
  name: `Đơn vị ${id}`,
  kind,
  parentId,
  depth,
  position,
});
// P → S (→ U), G → (X1, X2); S has people of its own.
const agencies = [
  ag("P", null, 0, "PROVINCE", 0),
  ag("S", "P", 1, "DEPARTMENT", 1),
  ag("U", "S", 2, "UNIT", 2),
  ag("G", "P", 1, "GROUP", 3),
  ag("X1", "G", 2, "COMMUNE", 4),
  ag("X2", "G", 2, "COMMUNE", 5),
];
const own = new Map([
  ["P", { audience: 2, completed: 2 }],
  ["S", { audience: 3, completed: 1 }],
  ["U", { audience: 5, completed: 1 }],
  ["X1", { audience: 4, completed: 3 }],
  ["X2", { audience: 6, completed: 0 }],
]);

describe("rollUp", () => {
  it("adds every descendant once; agencies without people are zero", () => {
    const r = rollUp(agencies, own);
    expect(r.get("U")).toEqual({ ownAudience: 5, ownCompleted: 1, audience: 5, completed: 1 });
    expect(r.get("S")).toEqual({ ownAudience: 3, ownCompleted: 1, audience: 8, completed: 2 });
    expect(r.get("G")).toEqual({ ownAudience: 0, ownCompleted: 0, audience: 10, completed: 3 });
    expect(r.get("P")).toEqual({ ownAudience: 2, ownCompleted: 2, audience: 20, completed: 7 });
  });
});

function table(): FigureTable {
  const rolled = rollUp(agencies, own);
  const target = {
    id: "T",
    code: "T",
    title: "T",
    position: 0,
    targetPercent: 50,
    deadline,
    rootAgencyId: "P",
  };
  const plan = {
    id: "PL",
    title: "",
    documentNumber: "",
    issuer: "",
    year: 2026,
    agencyId: "P",
    startsAt: start,
  };
  const asOf = at(100);
  const figures: FigureTable["figures"] = { T: {} };
  for (const a of agencies) {
    const c = rolled.get(a.id)!;
    figures.T[a.id] = {
      ...c,
      targetPercent: 50,
      percent: percentOf(c.completed, c.audience),
      gap: gapOf(50, c.audience, c.completed),
      status: statusOf({ ...c, targetPercent: 50, asOf, startsAt: start, deadline }),
    };
  }
  return { plan, asOf, snapshotId: null, targets: [target], agencies, figures };
}

describe("report rows", () => {
  it("list the agency's own staff first, then its children, adding up to its figure", () => {
    const rows = reportRows(table(), "T", "P", "ALL");
    expect(rows.map((r) => [r.agency.id, r.ownOnly, r.figure.audience, r.figure.completed])).toEqual([
      ["P", true, 2, 2],
      ["S", false, 8, 2],
      ["G", false, 10, 3],
    ]);
    const total = totalOf(rows, table().targets[0], table().plan, table().asOf);
    expect([total.audience, total.completed, total.gap]).toEqual([20, 7, 3]);
  });
  it("a kind filter looks through GROUP nodes and drops the own-staff row", () => {
    expect(listedUnder(table(), "P", "COMMUNE").map((a) => a.id)).toEqual(["X1", "X2"]);
    expect(listedUnder(table(), "P", "DEPARTMENT").map((a) => a.id)).toEqual(["S"]);
    expect(reportRows(table(), "T", "P", "COMMUNE").map((r) => r.agency.id)).toEqual(["X1", "X2"]);
  });
  it("worst first: lowest percent, nobody-in-audience last", () => {
    const t = table();
    t.figures.T.G = { ...t.figures.T.G, audience: 0, completed: 0, percent: null };
    const rows = worstFirst(reportRows(t, "T", "P", "ALL"));
    expect(rows.map((r) => r.agency.id)).toEqual(["S", "P", "G"]);
  });
});

describe("dates", () => {
  it("formats percents the Vietnamese way", () => {
    expect(formatPercent(200 / 3)).toBe("66,7");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(50, "en")).toBe("50.0");
  });
  it("reads real days only, dd/mm/yyyy (and yyyy-mm-dd from old links)", () => {
    expect(parseDay("31/03/2026")).toEqual([2026, 3, 31]);
    expect(parseDay("31/02/2026")).toBeNull();
    expect(parseDay("2026-03-31")).toEqual([2026, 3, 31]);
    expect(parseDay("03/31/2026")).toBeNull();
  });
  it("reporting dates end their day in Vietnam", () => {
    expect(reportingDate("Q1", 2026).toISOString()).toBe("2026-03-31T16:59:59.999Z");
    expect(reportingDate("YEAR", 2026).toISOString()).toBe("2026-12-31T16:59:59.999Z");
  });
  it("month ends between two instants", () => {
    const ends = monthEnds(d("2026-01-01"), d("2026-04-15"));
    expect(ends.map((e) => e.toISOString())).toEqual([
      "2026-01-31T16:59:59.999Z",
      "2026-02-28T16:59:59.999Z",
      "2026-03-31T16:59:59.999Z",
    ]);
  });
});

describe("figureMaker and subtreeFigures (the dashboard's fast path)", () => {
  const startsAt = new Date("2026-01-01T00:00:00+07:00");
  const deadline = new Date("2026-12-31T23:59:59+07:00");
  it("gives toFigure's figure for every count, target and instant", () => {
    const instants = [startsAt, new Date("2026-06-30T12:00:00Z"), deadline, new Date("2027-01-05T00:00:00Z")];
    for (const targetPercent of [25, 50, 75, 100])
      for (const asOf of instants) {
        const make = figureMaker({ targetPercent, deadline }, { startsAt }, asOf);
        for (let audience = 0; audience <= 7; audience++)
          for (let completed = 0; completed <= audience; completed++) {
            const c = { ownAudience: audience, ownCompleted: completed, audience: audience + 3, completed };
            expect(make(c.ownAudience, c.ownCompleted, c.audience, c.completed)).toEqual(
              toFigure(c, { targetPercent, deadline }, { startsAt }, asOf),
            );
          }
      }
  });

  it("rolls up like rollUp, cut off at the root and at a parent outside the subtree", () => {
    // r ─ a ─ a1 ; r ─ b ; x (outside) ─ x1
    const list = [
      { id: "r", parentId: null, depth: 0 },
      { id: "a", parentId: "r", depth: 1 },
      { id: "a1", parentId: "a", depth: 2 },
      { id: "b", parentId: "r", depth: 1 },
      { id: "x", parentId: null, depth: 0 },
      { id: "x1", parentId: "x", depth: 1 },
    ];
    const own = new Map([
      ["r", { audience: 1, completed: 1 }],
      ["a", { audience: 2, completed: 0 }],
      ["a1", { audience: 4, completed: 3 }],
      ["b", { audience: 8, completed: 8 }],
      ["x1", { audience: 16, completed: 1 }],
    ]);
    const index = new Map(list.map((a, i) => [a.id, i]));
    const tree = {
      parent: Int32Array.from(list, (a) => (a.parentId ? index.get(a.parentId)! : -1)),
      deepestFirst: Int32Array.from(list.keys()).sort((x, y) => list[y]!.depth - list[x]!.depth),
    };
    const make = figureMaker({ targetPercent: 100, deadline }, { startsAt }, deadline);
    // Subtree of "a" only: a's parent r is outside it.
    const inA = Uint8Array.from(list, (a) => (a.id === "a" || a.id === "a1" ? 1 : 0));
    const got = subtreeFigures(list, tree, inA, 1, own, make);
    const rolled = rollUp(
      list.filter((a) => inA[index.get(a.id)!]).map((a) => (a.id === "a" ? { ...a, parentId: null } : a)),
      own,
    );
    expect(Object.keys(got)).toEqual(["a", "a1"]);
    for (const [id, c] of rolled)
      expect(got[id]).toEqual(toFigure(c, { targetPercent: 100, deadline }, { startsAt }, deadline));
    expect([got.a!.audience, got.a!.completed]).toEqual([6, 3]);
    const all = subtreeFigures(list, tree, new Uint8Array(list.length).fill(1), 0, own, make);
    expect([all.r!.audience, all.r!.completed, all.x!.audience]).toEqual([15, 12, 16]);
  });
});
