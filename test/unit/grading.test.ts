import { describe, expect, it } from "vitest";
import {
  CROCKFORD,
  cryptoRandomInt,
  drawAttemptItems,
  gradeAttempt,
  isCorrect,
  isExpired,
  newVerificationCode,
  normalizeVerificationCode,
  scorePercent,
  shuffle,
  toDisplay,
  toOriginal,
  type AnswerKey,
  type AttemptItem,
} from "~/modules/learning/grading";

const keys = new Map<string, AnswerKey>([
  ["s", { id: "s", type: "SINGLE", answer: [1] }],
  ["m", { id: "m", type: "MULTIPLE", answer: [0, 1, 3] }],
  ["t", { id: "t", type: "TRUE_FALSE", answer: [1] }],
]);
// Shuffled display orders: displayed position d shows bank option order[d].
const items: AttemptItem[] = [
  { questionId: "s", order: [2, 0, 3, 1] }, // correct option 1 is shown 4th (display 3)
  { questionId: "m", order: [3, 2, 1, 0] }, // correct 0,1,3 are shown at 3,2,0
  { questionId: "t", order: [0, 1] },
];

describe("index mapping", () => {
  it("maps displayed choices to bank options and back", () => {
    expect(toOriginal([2, 0, 3, 1], [3])).toEqual([1]);
    expect(toOriginal([3, 2, 1, 0], [0, 2, 3, 3])).toEqual([0, 1, 3]);
    expect(toOriginal([1, 0], [5, -1, 1.5])).toEqual([]);
    expect(toDisplay([3, 2, 1, 0], [0, 1, 3])).toEqual([0, 2, 3]);
    expect(toDisplay([2, 0, 3, 1], [1])).toEqual([3]);
  });
});

describe("isCorrect", () => {
  it("needs exactly the right set", () => {
    expect(isCorrect([1], [1])).toBe(true);
    expect(isCorrect([0, 1, 3], [3, 1, 0])).toBe(true);
    expect(isCorrect([0, 1, 3], [0, 1])).toBe(false);
    expect(isCorrect([0, 1, 3], [0, 1, 2, 3])).toBe(false);
    expect(isCorrect([1], [])).toBe(false);
    expect(isCorrect([], [])).toBe(false);
  });
});

describe("gradeAttempt", () => {
  it("grades single, multiple and true/false through shuffled orders", () => {
    const g = gradeAttempt(items, { s: [3], m: [3, 0, 2], t: [1] }, keys, 80);
    expect(g).toMatchObject({ correctCount: 3, total: 3, score: 100, passed: true });
    expect(g.items.map((i) => i.correct)).toEqual([[3], [0, 2, 3], [1]]);
    expect(g.items.map((i) => i.chosen)).toEqual([[3], [0, 2, 3], [1]]);
  });

  it("counts a display index as the option shown there, not the bank's index", () => {
    // Display 1 is bank option 0 (wrong); bank index 1 would be right, but that is not what was shown there.
    const g = gradeAttempt(items, { s: [1], m: [0, 1, 3], t: [0] }, keys, 50);
    expect(g.items.map((i) => i.isCorrect)).toEqual([false, false, false]);
    expect(g).toMatchObject({ score: 0, passed: false });
  });

  it("scores a partial multiple-choice answer as wrong and unanswered as wrong", () => {
    const g = gradeAttempt(items, { s: [3], m: [0, 2] }, keys, 60);
    expect(g.items.map((i) => i.isCorrect)).toEqual([true, false, false]);
    expect(g.score).toBe(33); // 1/3 rounded down
    expect(g.passed).toBe(false);
  });

  it("passes at exactly the pass mark", () => {
    const g = gradeAttempt(items, { s: [3], m: [0, 2, 3] }, keys, 66);
    expect(g.score).toBe(66);
    expect(g.passed).toBe(true);
    expect(gradeAttempt(items, { s: [3], m: [0, 2, 3] }, keys, 67).passed).toBe(false);
  });

  it("treats a question missing from the keys as wrong", () => {
    const g = gradeAttempt([{ questionId: "x", order: [0, 1] }], { x: [0] }, keys, 0);
    expect(g.correctCount).toBe(0);
  });
});

describe("scorePercent", () => {
  it("rounds down", () => {
    expect(scorePercent(9, 11)).toBe(81);
    expect(scorePercent(2, 3)).toBe(66);
    expect(scorePercent(1, 3)).toBe(33);
    expect(scorePercent(10, 10)).toBe(100);
    expect(scorePercent(0, 10)).toBe(0);
    expect(scorePercent(0, 0)).toBe(0);
    expect(scorePercent(7, 8)).toBe(87);
  });
});

describe("drawing", () => {
  const bank = [
    ...Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, type: "SINGLE" as const, optionCount: 4 })),
    ...Array.from({ length: 10 }, (_, i) => ({ id: `t${i}`, type: "TRUE_FALSE" as const, optionCount: 2 })),
  ];

  it("draws distinct questions, permutes options, keeps Đúng/Sai in place", () => {
    for (let run = 0; run < 50; run++) {
      const drawn = drawAttemptItems(bank, 8);
      expect(drawn).toHaveLength(8);
      expect(new Set(drawn.map((d) => d.questionId)).size).toBe(8);
      for (const d of drawn) {
        if (d.questionId.startsWith("t")) expect(d.order).toEqual([0, 1]);
        else expect([...d.order].sort()).toEqual([0, 1, 2, 3]);
      }
    }
  });

  it("draws at most the bank", () => {
    expect(drawAttemptItems(bank.slice(0, 3), 10)).toHaveLength(3);
  });

  it("spreads draws and option orders over the bank", () => {
    const seen = new Map<string, number>();
    const firstOption = new Map<number, number>();
    for (let run = 0; run < 2000; run++) {
      for (const d of drawAttemptItems(bank, 5)) {
        seen.set(d.questionId, (seen.get(d.questionId) ?? 0) + 1);
        if (d.questionId.startsWith("s")) firstOption.set(d.order[0], (firstOption.get(d.order[0]) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(20);
    for (const n of seen.values()) expect(n).toBeGreaterThan(350); // expected 500 each
    expect(firstOption.size).toBe(4);
  });

  it("shuffle and cryptoRandomInt stay in range", () => {
    expect(shuffle([1, 2, 3], () => 0)).toEqual([2, 3, 1]);
    for (let i = 0; i < 1000; i++) {
      const n = cryptoRandomInt(7);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(7);
    }
    expect(() => cryptoRandomInt(0)).toThrow();
  });
});

describe("deadlines", () => {
  it("allows a 30 s grace period", () => {
    const deadline = new Date("2026-03-01T10:00:00Z");
    expect(isExpired(null)).toBe(false);
    expect(isExpired(deadline, new Date("2026-03-01T10:00:30Z"))).toBe(false);
    expect(isExpired(deadline, new Date("2026-03-01T10:00:30.001Z"))).toBe(true);
  });
});

describe("verification codes", () => {
  it("are 10 unambiguous Crockford characters", () => {
    expect(CROCKFORD).not.toMatch(/[ILOU]/);
    const codes = new Set(Array.from({ length: 1000 }, () => newVerificationCode()));
    expect(codes.size).toBe(1000);
    for (const c of codes) expect(c).toMatch(/^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}$/);
    expect(newVerificationCode(new Uint8Array([0, 31, 32, 255, 10, 18, 20, 22, 27, 1]))).toBe("0Z0ZAJMPV1");
  });

  it("normalise what people type", () => {
    expect(normalizeVerificationCode("  abcd-efgh-jk ")).toBe("ABCDEFGHJK");
    expect(normalizeVerificationCode("o1il0abcde")).toBe("0111" + "0ABCDE");
    expect(normalizeVerificationCode("ABCDEFGHJ")).toBeNull();
    expect(normalizeVerificationCode("ABCDEFGHJU")).toBeNull();
    expect(normalizeVerificationCode("'; DROP TABLE x")).toBeNull();
    expect(normalizeVerificationCode(undefined)).toBeNull();
    expect(normalizeVerificationCode(42)).toBeNull();
    expect(normalizeVerificationCode("x".repeat(10_000))).toBeNull();
  });
});
