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
  const counts = zeroCounts();
  for (const k of COUNT_KEYS) counts[k] = c[k];
  return {
    ...counts,
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

/**
 * Own counts per agency → own and subtree figures, over the agencies given (a parent outside the list ends
 * the climb). Deepest first, so each node is final before it is added to its parent; the subtree's delays are
 * the children's sorted lists merged, so every median is exact.
 */
export function rollUpDrill(
  agencies: readonly DrillNode[],
  own: ReadonlyMap<string, OwnDrill>,
): Map<string, RolledUp> {
  const sums = new Map<string, { counts: DrillCounts; delays: Float64Array }>();
  for (const a of agencies) {
    const o = own.get(a.id);
    const counts = zeroCounts();
    if (o) for (const k of COUNT_KEYS) counts[k] = o[k];
    sums.set(a.id, { counts, delays: o?.delays ?? new Float64Array(0) });
  }
  const deepestFirst = [...agencies].sort((x, y) => y.depth - x.depth);
  for (const a of deepestFirst) {
    const parent = a.parentId ? sums.get(a.parentId) : undefined;
    if (!parent) continue;
    const c = sums.get(a.id)!;
    for (const k of COUNT_KEYS) parent.counts[k] += c.counts[k];
    parent.delays = mergeSorted(parent.delays, c.delays);
  }
  const out = new Map<string, RolledUp>();
  for (const a of agencies) {
    const o = own.get(a.id);
    const s = sums.get(a.id)!;
    out.set(a.id, {
      own: toDrillFigure(o ?? zeroCounts(), o?.delays ?? []),
      subtree: toDrillFigure(s.counts, s.delays),
      delays: s.delays,
    });
  }
  return out;
}

/** The figure of several disjoint subtrees together (a caller whose scope holds two sở of one campaign). */
export function totalOfSubtrees(parts: readonly Pick<RolledUp, "subtree" | "delays">[]): DrillFigure {
  const counts = zeroCounts();
  let delays: Float64Array = new Float64Array(0);
  for (const p of parts) {
    for (const k of COUNT_KEYS) counts[k] += p.subtree[k];
    delays = mergeSorted(delays, p.delays);
  }
  return toDrillFigure(counts, delays);
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
