// Pure quiz rules: drawing and shuffling questions, mapping displayed choices back to the bank's options,
// scoring, verification codes and validity dates. No database here, so every rule is unit-tested.
// Randomness comes from Web Crypto (global in Node 20 and browsers), so the module stays isomorphic.
import type { AttemptAnswers } from "~/domain/quiz";

export type { AttemptAnswers };

export type QuestionType = "SINGLE" | "MULTIPLE" | "TRUE_FALSE";

/** One question of an attempt: `order` lists the bank's option indexes in the order they are displayed. */
export type AttemptItem = { questionId: string; order: number[] };

/** What grading needs to know about a question of the bank. */
export type AnswerKey = { id: string; type: QuestionType; answer: number[] };

/** Time allowed after the deadline for a submission already on its way (slow network, auto-submit). */
export const GRACE_MS = 30_000;

/** Uniform integer in [0, max), crypto-random unless a test passes its own. */
export type RandomInt = (max: number) => number;
// Random words are drawn 256 at a time: one Web Crypto call per attempt instead of one per shuffle step.
const pool = new Uint32Array(256);
let poolNext = pool.length;
function randomWord(): number {
  if (poolNext === pool.length) {
    crypto.getRandomValues(pool);
    poolNext = 0;
  }
  return pool[poolNext++];
}

export const cryptoRandomInt: RandomInt = (max) => {
  if (!Number.isInteger(max) || max < 1 || max > 2 ** 32) throw new RangeError(`bad range ${max}`);
  // Rejection sampling: drop the top partial block of 2^32 so every value is equally likely.
  const limit = 2 ** 32 - (2 ** 32 % max);
  for (;;) {
    const word = randomWord();
    if (word < limit) return word % max;
  }
};

/** Fisher–Yates on a copy. */
export function shuffle<T>(items: readonly T[], rand: RandomInt = cryptoRandomInt): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The items of a new attempt: `count` questions drawn from the bank without replacement, each with its
 * options shuffled. True/false keeps "Đúng, Sai" in place: reversing them only trips people up.
 */
export function drawAttemptItems(
  bank: readonly { id: string; type: QuestionType; optionCount: number }[],
  count: number,
  rand: RandomInt = cryptoRandomInt,
): AttemptItem[] {
  // Partial Fisher–Yates: only the first `count` places need settling.
  const pick = bank.slice();
  const n = Math.max(0, Math.min(count, pick.length));
  for (let i = 0; i < n; i++) {
    const j = i + rand(pick.length - i);
    [pick[i], pick[j]] = [pick[j], pick[i]];
  }
  const chosen = pick.slice(0, n);
  return chosen.map((q) => {
    const identity = Array.from({ length: q.optionCount }, (_, i) => i);
    return { questionId: q.id, order: q.type === "TRUE_FALSE" ? identity : shuffle(identity, rand) };
  });
}

/** Displayed indexes → the bank's option indexes (out-of-range entries dropped), sorted and unique. */
export function toOriginal(order: readonly number[], displayed: readonly number[]): number[] {
  const out = new Set<number>();
  for (const d of displayed) if (Number.isInteger(d) && d >= 0 && d < order.length) out.add(order[d]);
  return [...out].sort((a, b) => a - b);
}

/** The bank's option indexes → where they are displayed in this attempt, sorted. */
export function toDisplay(order: readonly number[], original: readonly number[]): number[] {
  return original
    .map((o) => order.indexOf(o))
    .filter((d) => d >= 0)
    .sort((a, b) => a - b);
}

/** Fully correct only: exactly the right set of options (so a multiple-choice half answer scores nothing). */
export function isCorrect(correctOriginal: readonly number[], chosenOriginal: readonly number[]): boolean {
  const want = new Set(correctOriginal);
  const got = new Set(chosenOriginal);
  if (want.size === 0 || want.size !== got.size) return false;
  for (const o of got) if (!want.has(o)) return false;
  return true;
}

/** Percent of questions fully correct, rounded down (9 of 11 is 81, not 82). */
export function scorePercent(correctCount: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((correctCount * 100) / total);
}

export type GradedItem = {
  questionId: string;
  chosen: number[];
  correct: number[];
  isCorrect: boolean;
};

export type Grade = {
  score: number;
  correctCount: number;
  total: number;
  passed: boolean;
  items: GradedItem[];
};

/**
 * Grades an attempt. `chosen` and `correct` in the result are DISPLAY indexes, ready for the result page.
 * A question missing from `keys` (should not happen: versions are immutable) counts as wrong.
 */
export function gradeAttempt(
  items: readonly AttemptItem[],
  answers: AttemptAnswers,
  keys: ReadonlyMap<string, AnswerKey>,
  passMark: number,
): Grade {
  let correctCount = 0;
  const graded = items.map((item) => {
    const key = keys.get(item.questionId);
    const chosenDisplay = toDisplay(item.order, toOriginal(item.order, answers[item.questionId] ?? []));
    const correctOriginal = key?.answer ?? [];
    const ok = key ? isCorrect(correctOriginal, toOriginal(item.order, chosenDisplay)) : false;
    if (ok) correctCount++;
    return {
      questionId: item.questionId,
      chosen: chosenDisplay,
      correct: toDisplay(item.order, correctOriginal),
      isCorrect: ok,
    };
  });
  const score = scorePercent(correctCount, items.length);
  return { score, correctCount, total: items.length, passed: score >= passMark, items: graded };
}

/** Whether the attempt is past its deadline and the grace period: its saved answers are final. */
export function isExpired(deadline: Date | null, now: Date = new Date()): boolean {
  return deadline !== null && now.getTime() > deadline.getTime() + GRACE_MS;
}

/** Crockford base32: no I, L, O, U, so a code read aloud or typed from paper is unambiguous. */
export const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 10;

/** A random certificate code: 10 Crockford characters = 50 bits. 256 is a multiple of 32, so no bias. */
export function newVerificationCode(
  bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(CODE_LENGTH)),
): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CROCKFORD[bytes[i] & 31];
  return code;
}

/**
 * A code as typed by someone: trimmed, upper-cased, spaces and dashes dropped, and the letters Crockford
 * reads as digits (O → 0, I/L → 1) mapped. Null when it cannot be a code.
 */
export function normalizeVerificationCode(input: unknown): string | null {
  if (typeof input !== "string" || input.length > 100) return null;
  const code = input.trim().toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CROCKFORD.includes(ch)) return null;
  return code;
}
