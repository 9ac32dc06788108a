// The pure rules of drill results: rates, medians, the sorted merge and the roll-up over the agency tree.
import { describe, expect, it } from "vitest";
import {
  type OwnDrill,
  clickTargetMet,
  durationParts,
  medianOf,
  mergeSorted,
  percent1,
  ratePercent,
  reportTargetMet,
  rollUpDrill,
  totalOfSubtrees,
  zeroCounts,
} from "~/domain/phishing-results";

const f64 = (...xs: number[]) => Float64Array.from(xs);
const own = (c: Partial<OwnDrill>): OwnDrill => ({ ...zeroCounts(), delays: f64(), ...c });

describe("rates and medians", () => {
  it("rates are part ÷ delivered, null without deliveries", () => {
    expect(ratePercent(1, 3)).toBeCloseTo(33.333, 3);
    expect(ratePercent(0, 0)).toBeNull();
    expect(percent1(ratePercent(1, 3))).toBe(33.3);
    expect(percent1(ratePercent(2, 3))).toBe(66.7);
    expect(percent1(null)).toBeNull();
  });

  it("median: middle value, mean of the two middle ones, null when empty", () => {
    expect(medianOf(f64())).toBeNull();
    expect(medianOf(f64(5))).toBe(5);
    expect(medianOf(f64(1, 2, 10))).toBe(2);
    expect(medianOf(f64(1, 2, 10, 20))).toBe(6);
  });

  it("mergeSorted keeps the order and every value", () => {
    expect([...mergeSorted(f64(1, 4, 9), f64(2, 3, 10, 11))]).toEqual([1, 2, 3, 4, 9, 10, 11]);
    expect([...mergeSorted(f64(), f64(2))]).toEqual([2]);
    expect([...mergeSorted(f64(3, 3), f64(3))]).toEqual([3, 3, 3]);
  });

  it("targets compare as integers: 1 of 10 is exactly 10 %", () => {
    expect(clickTargetMet({ prone: 1, delivered: 10 }, 10)).toBe(true);
    expect(clickTargetMet({ prone: 2, delivered: 10 }, 10)).toBe(false);
    expect(clickTargetMet({ prone: 0, delivered: 0 }, 10)).toBeNull();
    expect(reportTargetMet({ reported: 3, delivered: 10 }, 30)).toBe(true);
    expect(reportTargetMet({ reported: 2, delivered: 10 }, 30)).toBe(false);
    // 1 of 3 is 33.33… %: below a 34 % report target, above a 33 % one.
    expect(reportTargetMet({ reported: 1, delivered: 3 }, 34)).toBe(false);
    expect(reportTargetMet({ reported: 1, delivered: 3 }, 33)).toBe(true);
  });

  it("durations split into days, hours and minutes, rounded to the minute", () => {
    expect(durationParts(90 * 60_000)).toEqual([0, 1, 30]);
    expect(durationParts(29_999)).toEqual([0, 0, 0]);
    expect(durationParts(30_000)).toEqual([0, 0, 1]);
    expect(durationParts((26 * 60 + 5) * 60_000)).toEqual([1, 2, 5]);
  });
});

describe("rollUpDrill", () => {
  // P → S1 → U1, U2; P → S2. P has staff of its own.
  const agencies = [
    { id: "P", parentId: null, depth: 0 },
    { id: "S1", parentId: "P", depth: 1 },
    { id: "U1", parentId: "S1", depth: 2 },
    { id: "U2", parentId: "S1", depth: 2 },
    { id: "S2", parentId: "P", depth: 1 },
  ];
  const counts = new Map<string, OwnDrill>([
    ["P", own({ recipients: 1, sent: 1, delivered: 1, reported: 1, delays: f64(50) })],
    [
      "U1",
      own({ recipients: 3, sent: 3, delivered: 3, clicked: 1, prone: 1, reported: 2, delays: f64(10, 40) }),
    ],
    ["U2", own({ recipients: 2, sent: 2, delivered: 1, submitted: 1, prone: 1 })],
    ["S2", own({ recipients: 4, sent: 4, delivered: 4, opened: 2, reported: 1, delays: f64(20) })],
  ]);
  const r = rollUpDrill(agencies, counts);

  it("sums counts up the tree and keeps own counts apart", () => {
    expect(r.get("S1")!.subtree).toMatchObject({ recipients: 5, delivered: 4, prone: 2, reported: 2 });
    expect(r.get("S1")!.own.recipients).toBe(0);
    expect(r.get("P")!.subtree).toMatchObject({
      recipients: 10,
      sent: 10,
      delivered: 9,
      prone: 2,
      reported: 4,
    });
    expect(r.get("P")!.own).toMatchObject({ recipients: 1, reported: 1, medianReportMs: 50 });
  });

  it("medians are exact at every level (values merged, not medians of medians)", () => {
    expect(r.get("U1")!.subtree.medianReportMs).toBe(25);
    expect(r.get("U2")!.subtree.medianReportMs).toBeNull();
    expect(r.get("S1")!.subtree.medianReportMs).toBe(25);
    // P: 10, 20, 40, 50 → 30 (a median of the medians 25, 20, 50 would be 25).
    expect(r.get("P")!.subtree.medianReportMs).toBe(30);
    expect(r.get("P")!.subtree.reporters).toBe(4);
    expect([...r.get("P")!.delays]).toEqual([10, 20, 40, 50]);
  });

  it("rates at each level", () => {
    expect(r.get("S1")!.subtree.pronePercent).toBe(50);
    expect(r.get("P")!.subtree.pronePercent).toBeCloseTo(22.222, 3);
    expect(r.get("S2")!.subtree.reportPercent).toBe(25);
  });

  it("a total of disjoint subtrees merges their delays", () => {
    const t = totalOfSubtrees([r.get("U1")!, r.get("S2")!]);
    expect(t).toMatchObject({ recipients: 7, delivered: 7, reported: 3, medianReportMs: 20 });
  });

  it("an agency whose parent is not listed is a top (the climb stops)", () => {
    const part = rollUpDrill(agencies.slice(1, 4), counts);
    expect(part.get("S1")!.subtree.recipients).toBe(5);
    expect(part.has("P")).toBe(false);
  });
});
