// Every figure of every target on the hand-built tree of targets-fixture.ts, against values worked out by
// hand. Plan: 01/01/2026 → deadline 31/12/2026 (T5: 30/06/2026). U2 is merged into U1 before figuring, so U2's
// people count at U1 at every date; x1f moved X1 → S2 on 01/08/2026.
//
// Time elapsed: A = 30/09/2026 (end of day) is 273 of 365 days → 74.79 %; B = 30/06/2026 is 181 of 365 → 49.59 %.
// Expected percent = target × elapsed: 100 % targets 74.79 (A) / 49.59 (B); T4 (50 %) 37.40 (A) / 24.79 (B).
// T5's deadline is 30/06: at B (= deadline) the whole target (75 %) is expected; at A it is past: đạt/chưa đạt.
//
// Audiences at A (active people, CBCCVC = CB/CC/VC, LD excluded):
//   T1/T4 (CBCCVC): P {p1,p2}=2; S1 {s1a,s1b,s1c}=3; U1 {u1a,u1b,u1c,u1d,u1e + u2a,u2b,u2c,u2e}=9 (u2d inactive);
//          X1 {x1a,x1b,x1c,x1d,x1g}=5 (x1f gone); X2 {x2a..x2e}=5 (x2f inactive); S2 {s2a..f,h,i + x1f}=9.
//          At B x1f is still in X1: X1 = 6, S2 = 8.
//   T2 (heads): p1, s1a, u1a, u2a (at U1), x1a, x2a, s2a.      T3 (IT): s1b, u1c, u2b (U1), x1d, x2e, s2e.
//   T5 (S1 subtree, tag doi-ung-cuu-su-co): s1b (S1), u2b, u2e (U1). x2e and s2h have the tag but are outside S1.
import { beforeAll, describe, expect, it } from "vitest";
import { mergeAgencies } from "~/modules/agencies/agencies.server";
import type { FigureStatus } from "~/domain/targets";
import type { Figure } from "~/modules/targets/figures";
import { computePlanFigures } from "~/modules/targets/figures.server";
import { AS_OF_A, AS_OF_B, buildTargetsWorld } from "./targets-fixture";

type World = Awaited<ReturnType<typeof buildTargetsWorld>>;
let w: World;

beforeAll(async () => {
  w = await buildTargetsWorld();
  await mergeAgencies(w.agencies.U2.id, w.agencies.U1.id, null);
});

type Expected = [
  ownAudience: number,
  ownCompleted: number,
  audience: number,
  completed: number,
  percent: number | null,
  gap: number,
  status: FigureStatus | null,
];
type Agency = keyof World["agencies"];

function check(figures: Record<string, Figure>, agency: Agency, e: Expected) {
  const f = figures[w.agencies[agency].id];
  expect(f, `figure for ${agency}`).toBeDefined();
  expect(
    [f.ownAudience, f.ownCompleted, f.audience, f.completed, f.gap, f.status],
    `figure for ${agency}`,
  ).toEqual([e[0], e[1], e[2], e[3], e[5], e[6]]);
  if (e[4] === null) expect(f.percent).toBeNull();
  else expect(f.percent!).toBeCloseTo(e[4], 2);
}

async function figuresAt(asOf?: Date) {
  const { table } = await computePlanFigures(w.plan.id, asOf ? { asOf } : {});
  const t = w.targets;
  return {
    table,
    T1: table.figures[t.T1.id],
    T2: table.figures[t.T2.id],
    T3: table.figures[t.T3.id],
    T4: table.figures[t.T4.id],
    T5: table.figures[t.T5.id],
  };
}

type TargetKey = "T1" | "T2" | "T3" | "T4" | "T5";
/** A figure worked out by hand: on date A or B, of a target, at an agency. */
type Row = [date: "A" | "B", target: TargetKey, agency: Agency, ...expected: Expected];

const FIGURES: Row[] = [
  // A, T1 ATTT cơ bản (CBCCVC, 100 %).
  // Completed: P p1; S1 s1a (s1c expired 01/09); U1 u1a, u1b, u2a, u2c; X1 x1a (x1b only 15/10);
  // X2 x2a, x2c (twice, once); S2 s2a, s2b (30/09 12:00), x1f (s2c expired). All below 74.79 % → chậm.
  ["A", "T1", "U1", 9, 4, 9, 4, 44.44, 5, "CHAM"],
  ["A", "T1", "S1", 3, 1, 12, 5, 41.67, 7, "CHAM"],
  ["A", "T1", "X1", 5, 1, 5, 1, 20, 4, "CHAM"],
  ["A", "T1", "X2", 5, 2, 5, 2, 40, 3, "CHAM"],
  ["A", "T1", "G", 0, 0, 10, 3, 30, 7, "CHAM"],
  ["A", "T1", "S2", 9, 3, 9, 3, 33.33, 6, "CHAM"],
  // P: own 2/1 + S1 12/5 + G 10/3 + S2 9/3 = 33/12; gap = 33 − 12.
  ["A", "T1", "P", 2, 1, 33, 12, 36.36, 21, "CHAM"],
  // A, T2 lãnh đạo (heads, 100 %).
  // Done: p1, u1a (01/08), u2a, s2a. Not: s1a (none), x1a (none), x2a (expired 01/07).
  ["A", "T2", "P", 1, 1, 7, 4, 57.14, 3, "CHAM"],
  ["A", "T2", "S1", 1, 0, 3, 2, 66.67, 1, "CHAM"],
  ["A", "T2", "U1", 2, 2, 2, 2, 100, 0, "DAT"],
  ["A", "T2", "X1", 1, 0, 1, 0, 0, 1, "CHAM"],
  ["A", "T2", "X2", 1, 0, 1, 0, 0, 1, "CHAM"],
  ["A", "T2", "G", 0, 0, 2, 0, 0, 2, "CHAM"],
  ["A", "T2", "S2", 1, 1, 1, 1, 100, 0, "DAT"],
  // A, T3 CNTT (full/part-time IT, 100 %).
  // Done: s1b, u2b (20/08), s2e. Not: u1c, x1d (none), x2e (expired 31/08). P has no IT staff of its own.
  ["A", "T3", "P", 0, 0, 6, 3, 50, 3, "CHAM"],
  ["A", "T3", "S1", 1, 1, 3, 2, 66.67, 1, "CHAM"],
  ["A", "T3", "U1", 2, 1, 2, 1, 50, 1, "CHAM"],
  ["A", "T3", "X1", 1, 0, 1, 0, 0, 1, "CHAM"],
  ["A", "T3", "X2", 1, 0, 1, 0, 0, 1, "CHAM"],
  ["A", "T3", "G", 0, 0, 2, 0, 0, 2, "CHAM"],
  ["A", "T3", "S2", 1, 1, 1, 1, 100, 0, "DAT"],
  // A, T4 kỹ năng số (CBCCVC, 50 %): gap rounds the needed people up.
  // Done: p2, u1d (01/07), x1c, x1d, s2d, s2f (08/08); x2g is LD. Expected 37.40 %.
  ["A", "T4", "P", 2, 1, 33, 6, 18.18, 11, "CHAM"], // ⌈16.5⌉ = 17 − 6
  ["A", "T4", "S1", 3, 0, 12, 1, 8.33, 5, "CHAM"], // 6 − 1
  ["A", "T4", "U1", 9, 1, 9, 1, 11.11, 4, "CHAM"], // ⌈4.5⌉ = 5 − 1
  ["A", "T4", "X1", 5, 2, 5, 2, 40, 1, "DUNG_TIEN_DO"], // 40 ≥ 37.40; ⌈2.5⌉ = 3 − 2
  ["A", "T4", "X2", 5, 0, 5, 0, 0, 3, "CHAM"],
  ["A", "T4", "G", 0, 0, 10, 2, 20, 3, "CHAM"],
  ["A", "T4", "S2", 9, 2, 9, 2, 22.22, 3, "CHAM"],
  // A, T5 (S1 subtree, tag, two topics, 75 %, deadline 30/06 passed): only S1's subtree has figures.
  // Done: s1b (chuyên sâu), u2b (chuyên sâu 20/08); u2e's data analysis is only on 05/10.
  ["A", "T5", "S1", 1, 1, 3, 2, 66.67, 1, "CHUA_DAT"], // ⌈2.25⌉ = 3 − 2
  ["A", "T5", "U1", 2, 1, 2, 1, 50, 1, "CHUA_DAT"],
  // B, T1: x1f counts at X1; later and expired completions do not.
  // Done: p1; s1a, s1c (valid till 01/09); u1a, u2a, u2c (u1b only 15/07); x1a, x1f; x2a, x2c; s2a.
  ["B", "T1", "X1", 6, 2, 6, 2, 33.33, 4, "CHAM"],
  ["B", "T1", "S2", 8, 1, 8, 1, 12.5, 7, "CHAM"],
  ["B", "T1", "U1", 9, 3, 9, 3, 33.33, 6, "CHAM"],
  ["B", "T1", "S1", 3, 2, 12, 5, 41.67, 7, "CHAM"],
  ["B", "T1", "G", 0, 0, 11, 4, 36.36, 7, "CHAM"],
  ["B", "T1", "P", 2, 1, 33, 11, 33.33, 22, "CHAM"],
  // B, T2: đúng tiến độ where the percent reaches 49.59 %.
  // Done: p1, u2a, x2a (valid till 01/07), s2a. u1a only on 01/08.
  ["B", "T2", "U1", 2, 1, 2, 1, 50, 1, "DUNG_TIEN_DO"],
  ["B", "T2", "S1", 1, 0, 3, 1, 33.33, 2, "CHAM"],
  ["B", "T2", "X2", 1, 1, 1, 1, 100, 0, "DAT"],
  ["B", "T2", "G", 0, 0, 2, 1, 50, 1, "DUNG_TIEN_DO"],
  ["B", "T2", "P", 1, 1, 7, 4, 57.14, 3, "DUNG_TIEN_DO"],
  // B, T3 and T4.
  // T3 done: s1b, x2e (valid till 31/08), s2e (15/06). u2b only on 20/08.
  ["B", "T3", "U1", 2, 0, 2, 0, 0, 2, "CHAM"],
  ["B", "T3", "G", 0, 0, 2, 1, 50, 1, "DUNG_TIEN_DO"],
  ["B", "T3", "P", 0, 0, 6, 3, 50, 3, "DUNG_TIEN_DO"],
  // T4 done: p2, x1c, x1d, s2d. Expected 24.79 %.
  ["B", "T4", "X1", 6, 2, 6, 2, 33.33, 1, "DUNG_TIEN_DO"],
  ["B", "T4", "G", 0, 0, 11, 2, 18.18, 4, "CHAM"], // ⌈5.5⌉ = 6 − 2
  ["B", "T4", "S2", 8, 1, 8, 1, 12.5, 3, "CHAM"],
  ["B", "T4", "P", 2, 1, 33, 4, 12.12, 13, "CHAM"],
  // B, T5 on its deadline day: the full 75 % is expected, not yet chưa đạt.
  ["B", "T5", "S1", 1, 1, 3, 1, 33.33, 2, "CHAM"],
  ["B", "T5", "U1", 2, 0, 2, 0, 0, 2, "CHAM"],
];

describe("target figures as of 30/09/2026 (A) and 30/06/2026 (B, before x1f's move)", () => {
  // One test a date and target, so that a failure says which.
  const groups = new Map<string, Row[]>();
  for (const row of FIGURES) {
    const key = `${row[1]} at ${row[0]}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  it.each([...groups])("%s", async (_, rows) => {
    const figures = await figuresAt(rows[0][0] === "A" ? AS_OF_A : AS_OF_B);
    for (const [, target, agency, ...e] of rows) check(figures[target], agency, e);
  });

  it("T5 at A has figures only in S1's subtree", async () => {
    const { T5 } = await figuresAt(AS_OF_A);
    expect(Object.keys(T5).sort()).toEqual([w.agencies.S1.id, w.agencies.U1.id].sort());
  });

  it("agencies at A: merged U2 is gone from the tree, U1 carries its people", async () => {
    const { table } = await figuresAt(AS_OF_A);
    const ids = table.agencies.map((a) => a.id);
    expect(ids).not.toContain(w.agencies.U2.id);
    expect(ids).toHaveLength(7);
  });
});

describe("live figures (now)", () => {
  it("read current agencies and every completion so far", async () => {
    const { T1, T5 } = await figuresAt();
    // As at A plus x1b (15/10) at X1; statuses depend on today's date, so only counts are checked here.
    const counts = (f: Figure) => [f.ownAudience, f.ownCompleted, f.audience, f.completed];
    expect(counts(T1[w.agencies.X1.id])).toEqual([5, 2, 5, 2]);
    expect(counts(T1[w.agencies.S2.id])).toEqual([9, 3, 9, 3]);
    expect(counts(T1[w.agencies.U1.id])).toEqual([9, 4, 9, 4]);
    expect(counts(T1[w.agencies.P.id])).toEqual([2, 1, 33, 13]);
    // u2e's data-analysis course (05/10) now counts.
    expect(counts(T5[w.agencies.S1.id])).toEqual([1, 1, 3, 3]);
  });
});
