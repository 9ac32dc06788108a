// The rules behind every drill figure (kết quả diễn tập): counts, phish-prone % and report rate, the median
// time to the first report, and the roll-up over the agency tree. Pure, so they are unit-tested on their own;
// app/modules/phishing/results.server.ts feeds them from one grouped SQL query per campaign.

/** What is counted per agency (own recipients) or per subtree (rolled up). */
export type DrillCounts = {
  /** Recipient rows (people planned into the campaign). */
  recipients: number;
  /** queuedAt set and not cancelled. */
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  submitted: number;
  /** Clicked or submitted (each person once). */
  prone: number;
  reported: number;
};

export const COUNT_KEYS = [
  "recipients",
  "sent",
  "delivered",
  "opened",
  "clicked",
  "submitted",
  "prone",
  "reported",
] as const satisfies readonly (keyof DrillCounts)[];

export function zeroCounts(): DrillCounts {
  return { recipients: 0, sent: 0, delivered: 0, opened: 0, clicked: 0, submitted: 0, prone: 0, reported: 0 };
}

/** Own counts of one agency and the sorted delays (ms, reportedAt − deliveredAt) of its reporters. */
export type OwnDrill = DrillCounts & { delays: Float64Array };

export type DrillFigure = DrillCounts & {
  /** prone ÷ delivered in percent (not rounded); null when nothing was delivered. */
  pronePercent: number | null;
  /** reported ÷ delivered in percent (not rounded); null when nothing was delivered. */
  reportPercent: number | null;
  /** Median over reporters (with a delivery time) of reportedAt − deliveredAt, in ms; null without any. */
  medianReportMs: number | null;
  /** Reporters the median is taken over. */
  reporters: number;
};

export function ratePercent(part: number, delivered: number): number | null {
  return delivered > 0 ? (part * 100) / delivered : null;
}

/** Median of ascending values; the mean of the two middle ones for an even count; null when empty. */
export function medianOf(sorted: ArrayLike<number>): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Two ascending arrays as one ascending array (linear merge). */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

export function toDrillFigure(c: DrillCounts, delays: ArrayLike<number>): DrillFigure {
  return {
    recipients: c.recipients,
    sent: c.sent,
    delivered: c.delivered,
    opened: c.opened,
    clicked: c.clicked,
    submitted: c.submitted,
    prone: c.prone,
    reported: c.reported,
    pronePercent: ratePercent(c.prone, c.delivered),
    reportPercent: ratePercent(c.reported, c.delivered),
    medianReportMs: medianOf(delays),
    reporters: delays.length,
  };
}

export type DrillNode = { id: string; parentId: string | null; depth: number };

export type RolledUp = {
  /** The agency's own recipients only. */
  own: DrillFigure;
  /** The agency and everything below it (among the agencies given). */
  subtree: DrillFigure;
  /** The subtree's sorted delays, for totals over several subtrees. */
  delays: Float64Array;
};

const K = COUNT_KEYS.length;
const NONE = new Float64Array(0);

/**
 * Own counts per agency → own and subtree figures, over the agencies given (a parent outside the list ends
 * the climb). Counts are summed for every agency at once, deepest first, in flat arrays; a figure (and its
 * median, which needs the values) is made when first asked for: its subtree's own delay lists joined and
 * sorted once. A page asks for its dozen rows; the file for every agency (then each delay is sorted once per
 * level above it). Merging child by child into every ancestor had been the results page's main cost.
 */
export class DrillRollup {
  private readonly index = new Map<string, number>();
  private readonly kids: number[][];
  private readonly ownCounts: Float64Array;
  private readonly sums: Float64Array;
  private readonly ownDelays: (Float64Array | undefined)[];
  private readonly memo = new Map<number, RolledUp>();

  constructor(
    agencies: readonly DrillNode[],
    own: ReadonlyMap<string, OwnDrill>,
    /** The agencies' parent indexes and deepest-first order, when the caller has them (PlanTree). */
    tree?: { parent: Int32Array; deepestFirst: Int32Array },
  ) {
    const n = agencies.length;
    agencies.forEach((a, i) => this.index.set(a.id, i));
    const parent =
      tree?.parent ??
      Int32Array.from(agencies, (a) => (a.parentId ? (this.index.get(a.parentId) ?? -1) : -1));
    const order =
      tree?.deepestFirst ??
      Int32Array.from(agencies.keys()).sort((x, y) => agencies[y]!.depth - agencies[x]!.depth);
    this.kids = Array.from({ length: n }, () => []);
    for (let i = 0; i < n; i++) if (parent[i]! >= 0) this.kids[parent[i]!]!.push(i);
    this.ownCounts = new Float64Array(n * K);
    this.ownDelays = new Array<Float64Array | undefined>(n);
    for (const [id, o] of own) {
      const i = this.index.get(id);
      if (i === undefined) continue;
      for (let k = 0; k < K; k++) this.ownCounts[i * K + k] = o[COUNT_KEYS[k]!];
      if (o.delays.length) this.ownDelays[i] = o.delays;
    }
    this.sums = this.ownCounts.slice();
    for (const i of order) {
      const p = parent[i]!;
      if (p < 0) continue;
      for (let k = 0; k < K; k++) this.sums[p * K + k]! += this.sums[i * K + k]!;
    }
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  get(id: string): RolledUp | undefined {
    const i = this.index.get(id);
    if (i === undefined) return undefined;
    let r = this.memo.get(i);
    if (!r) {
      const parts: Float64Array[] = [];
      const stack = [i];
      while (stack.length) {
        const x = stack.pop()!;
        const d = this.ownDelays[x];
        if (d) parts.push(d);
        for (const c of this.kids[x]!) stack.push(c);
      }
      const delays = joinSorted(parts);
      r = {
        own: toDrillFigure(this.countsAt(this.ownCounts, i), this.ownDelays[i] ?? NONE),
        subtree: toDrillFigure(this.countsAt(this.sums, i), delays),
        delays,
      };
      this.memo.set(i, r);
    }
    return r;
  }

  private countsAt(from: Float64Array, i: number): DrillCounts {
    const c = zeroCounts();
    for (let k = 0; k < K; k++) c[COUNT_KEYS[k]!] = from[i * K + k]!;
    return c;
  }
}

export function rollUpDrill(
  agencies: readonly DrillNode[],
  own: ReadonlyMap<string, OwnDrill>,
  tree?: { parent: Int32Array; deepestFirst: Int32Array },
): DrillRollup {
  return new DrillRollup(agencies, own, tree);
}

/** Sorted lists as one sorted list: the only one as it is, two merged, more joined and sorted. */
function joinSorted(parts: readonly Float64Array[]): Float64Array {
  if (parts.length === 0) return new Float64Array(0);
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) return mergeSorted(parts[0]!, parts[1]!);
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.sort();
}

/** The figure of several disjoint subtrees together (a caller whose scope holds two sở of one campaign). */
export function totalOfSubtrees(parts: readonly Pick<RolledUp, "subtree" | "delays">[]): DrillFigure {
  const counts = zeroCounts();
  for (const p of parts) for (const k of COUNT_KEYS) counts[k] += p.subtree[k];
  return toDrillFigure(counts, joinSorted(parts.map((p) => p.delays).filter((d) => d.length)));
}

/** Phish-prone % at most the target (compared as integers: prone × 100 ≤ target × delivered). */
export function clickTargetMet(f: Pick<DrillCounts, "prone" | "delivered">, target: number): boolean | null {
  if (f.delivered <= 0) return null;
  return f.prone * 100 <= target * f.delivered;
}

/** Report rate at least the target (reported × 100 ≥ target × delivered). */
export function reportTargetMet(
  f: Pick<DrillCounts, "reported" | "delivered">,
  target: number,
): boolean | null {
  if (f.delivered <= 0) return null;
  return f.reported * 100 >= target * f.delivered;
}

/** Whole minutes (rounded half up) of a duration, for tables and files; null stays null. */
export function minutesOf(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 60_000);
}

/** Duration as [days, hours, minutes] (rounded to the minute), for the "2 giờ 5 phút" text. */
export function durationParts(ms: number): [number, number, number] {
  const total = Math.round(ms / 60_000);
  return [Math.floor(total / 1440), Math.floor((total % 1440) / 60), total % 60];
}

/** Percent rounded to one decimal as a number (the file's cells), integer-safe for .x5 values. */
export function percent1(p: number | null): number | null {
  return p === null ? null : Math.round(p * 10) / 10;
}
