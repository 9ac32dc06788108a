// The rules behind every target figure (chỉ tiêu): percent, gap, status and the roll-up over the agency tree.
// Pure, so they are unit-tested on their own; figures.server.ts feeds them from one grouped SQL query and
// snapshots.server.ts from stored rows, so the dashboard, reports and snapshots cannot disagree.
import { FIGURE_STATUSES, type FigureStatus } from "~/domain/targets";
import type { AgencyKind } from "~/generated/prisma/enums";

export type { FigureStatus };

/** completed ÷ audience in percent (0–100, not rounded); null when nobody is in the audience. */
export function percentOf(completed: number, audience: number): number | null {
  return audience > 0 ? (completed * 100) / audience : null;
}

/** People still to train to reach the target: max(0, ⌈targetPercent × audience / 100⌉ − completed). */
export function gapOf(targetPercent: number, audience: number, completed: number): number {
  // Integer ceiling, so 50 % of 3 people is 2 without floating-point surprises.
  const needed = Math.floor((targetPercent * audience + 99) / 100);
  return Math.max(0, needed - completed);
}

/** Share of the plan's time used up at `asOf`: 0 at the start, 1 at (and after) the deadline. */
export function elapsedShare(asOf: Date, startsAt: Date, deadline: Date): number {
  const span = deadline.getTime() - startsAt.getTime();
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (asOf.getTime() - startsAt.getTime()) / span));
}

export type StatusInput = {
  audience: number;
  completed: number;
  targetPercent: number;
  asOf: Date;
  startsAt: Date;
  deadline: Date;
};

/**
 * đạt when the target is reached; past the deadline otherwise chưa đạt; before it đúng tiến độ when the
 * percent is at least the target scaled by the time elapsed, else chậm. No audience, no status.
 */
export function statusOf(f: StatusInput): FigureStatus | null {
  if (f.audience <= 0) return null;
  // Compared as integers (completed × 100 vs. target × audience) so 1/3 of 3 is exactly 33.33… %.
  if (f.completed * 100 >= f.targetPercent * f.audience) return "DAT";
  if (f.asOf.getTime() > f.deadline.getTime()) return "CHUA_DAT";
  const expected = f.targetPercent * elapsedShare(f.asOf, f.startsAt, f.deadline);
  return f.completed * 100 >= expected * f.audience - 1e-9 ? "DUNG_TIEN_DO" : "CHAM";
}

export type AgencyInfo = {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
  parentId: string | null;
  depth: number;
  /** Index in tree order (parent first, siblings in Vietnamese order). */
  position: number;
};

export type Counts = { ownAudience: number; ownCompleted: number; audience: number; completed: number };

/**
 * Own counts per agency → own + everything below, over the agencies given (a parent outside the list ends
 * the climb). Deepest first, so each node is final before it is added to its parent.
 */
export function rollUp(
  agencies: readonly Pick<AgencyInfo, "id" | "parentId" | "depth">[],
  own: ReadonlyMap<string, { audience: number; completed: number }>,
): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const a of agencies) {
    const o = own.get(a.id) ?? { audience: 0, completed: 0 };
    out.set(a.id, {
      ownAudience: o.audience,
      ownCompleted: o.completed,
      audience: o.audience,
      completed: o.completed,
    });
  }
  const deepestFirst = [...agencies].sort((x, y) => y.depth - x.depth);
  for (const a of deepestFirst) {
    const parent = a.parentId ? out.get(a.parentId) : undefined;
    if (!parent) continue;
    const c = out.get(a.id)!;
    parent.audience += c.audience;
    parent.completed += c.completed;
  }
  return out;
}

export type Figure = Counts & {
  targetPercent: number;
  percent: number | null;
  gap: number;
  status: FigureStatus | null;
};

export type TargetInfo = {
  id: string;
  code: string;
  title: string;
  position: number;
  targetPercent: number;
  deadline: Date;
  rootAgencyId: string;
};

export type PlanInfo = {
  id: string;
  title: string;
  documentNumber: string;
  issuer: string;
  year: number;
  agencyId: string;
  startsAt: Date;
};

/** The plan as a figure table carries it (from a plan row with more columns). */
export function toPlanInfo(p: PlanInfo): PlanInfo {
  return {
    id: p.id,
    title: p.title,
    documentNumber: p.documentNumber,
    issuer: p.issuer,
    year: p.year,
    agencyId: p.agencyId,
    startsAt: p.startsAt,
  };
}

/** Figures of one target × one agency from counts; status stored in a snapshot wins over recomputing. */
export function toFigure(
  c: Counts,
  target: Pick<TargetInfo, "targetPercent" | "deadline">,
  plan: Pick<PlanInfo, "startsAt">,
  asOf: Date,
  storedStatus?: string | null,
): Figure {
  const status =
    storedStatus !== undefined
      ? (FIGURE_STATUSES.find((s) => s === storedStatus) ?? null)
      : statusOf({
          ...c,
          targetPercent: target.targetPercent,
          asOf,
          startsAt: plan.startsAt,
          deadline: target.deadline,
        });
  return {
    ...c,
    targetPercent: target.targetPercent,
    percent: percentOf(c.completed, c.audience),
    gap: gapOf(target.targetPercent, c.audience, c.completed),
    status,
  };
}

/**
 * toFigure for many agencies of one target at one instant (the same rules; the time share is worked out
 * once): a national tree has 10,000 agencies × every target on each dashboard request.
 */
export function figureMaker(
  target: Pick<TargetInfo, "targetPercent" | "deadline">,
  plan: Pick<PlanInfo, "startsAt">,
  asOf: Date,
): (ownAudience: number, ownCompleted: number, audience: number, completed: number) => Figure {
  const targetPercent = target.targetPercent;
  const past = asOf.getTime() > target.deadline.getTime();
  const expected = targetPercent * elapsedShare(asOf, plan.startsAt, target.deadline);
  return (ownAudience, ownCompleted, audience, completed) => {
    let status: FigureStatus | null = null;
    if (audience > 0) {
      if (completed * 100 >= targetPercent * audience) status = "DAT";
      else if (past) status = "CHUA_DAT";
      else status = completed * 100 >= expected * audience - 1e-9 ? "DUNG_TIEN_DO" : "CHAM";
    }
    return {
      ownAudience,
      ownCompleted,
      audience,
      completed,
      targetPercent,
      percent: percentOf(completed, audience),
      gap: gapOf(targetPercent, audience, completed),
      status,
    };
  };
}

/**
 * rollUp + figureMaker over arrays, for the agencies with `inSubtree[i]` (in the order given): `parent[i]`
 * is the index of agency i's parent (−1: none), `deepestFirst` the indexes by depth, deepest first; the
 * climb stops at `rootIndex` and at a parent outside the subtree, as rollUp's does.
 */
export function subtreeFigures(
  agencies: readonly Pick<AgencyInfo, "id">[],
  tree: { parent: Int32Array; deepestFirst: Int32Array },
  inSubtree: Uint8Array,
  rootIndex: number,
  own: ReadonlyMap<string, { audience: number; completed: number }>,
  make: ReturnType<typeof figureMaker>,
): Record<string, Figure> {
  const n = agencies.length;
  const ownA = new Float64Array(n);
  const ownC = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!inSubtree[i]) continue;
    const o = own.get(agencies[i]!.id);
    if (o) {
      ownA[i] = o.audience;
      ownC[i] = o.completed;
    }
  }
  const sumA = ownA.slice();
  const sumC = ownC.slice();
  for (const i of tree.deepestFirst) {
    if (!inSubtree[i] || i === rootIndex) continue;
    const p = tree.parent[i]!;
    if (p < 0 || !inSubtree[p]) continue;
    sumA[p]! += sumA[i]!;
    sumC[p]! += sumC[i]!;
  }
  const out: Record<string, Figure> = {};
  for (let i = 0; i < n; i++)
    if (inSubtree[i]) out[agencies[i]!.id] = make(ownA[i]!, ownC[i]!, sumA[i]!, sumC[i]!);
  return out;
}

/** Everything a dashboard or report reads: live figures and a snapshot's rows both take this shape. */
export type FigureTable = {
  plan: PlanInfo;
  asOf: Date;
  snapshotId: string | null;
  targets: TargetInfo[];
  /** Every agency that appears, in tree order. */
  agencies: AgencyInfo[];
  /** targetId → agencyId → figure (agencies of the target's subtree only). */
  figures: Record<string, Record<string, Figure>>;
};

/**
 * The agency a target's card shows: the target's root when the table has its figure, else the first top
 * agency of the (scope-restricted) table that has one. `has`: the table has this agency's figure.
 */
export function cardTop(
  table: Pick<FigureTable, "agencies">,
  target: Pick<TargetInfo, "rootAgencyId">,
  has: (agencyId: string) => boolean,
): string | undefined {
  if (has(target.rootAgencyId)) return target.rootAgencyId;
  return table.agencies.find((a) => a.parentId === null && has(a.id))?.id;
}

export function childrenOf(table: Pick<FigureTable, "agencies">, agencyId: string): AgencyInfo[] {
  return table.agencies.filter((a) => a.parentId === agencyId);
}

/** Path from the top of the table down to `agencyId` (inclusive), for the breadcrumb. */
export function ancestry(table: Pick<FigureTable, "agencies">, agencyId: string): AgencyInfo[] {
  const byId = new Map(table.agencies.map((a) => [a.id, a]));
  const out: AgencyInfo[] = [];
  for (let a = byId.get(agencyId); a; a = a.parentId ? byId.get(a.parentId) : undefined) {
    out.unshift(a);
    if (out.length > 64) break; // a cycle would be a data error; never loop forever
  }
  return out;
}

export type KindFilter = "ALL" | "DEPARTMENT" | "COMMUNE";

/**
 * The agencies listed under `agencyId`: its children, or with a kind filter the nearest descendants of that
 * kind, looking through GROUP nodes ("UBND các xã, phường") and anything else of another kind.
 */
export function listedUnder(table: Pick<FigureTable, "agencies">, agencyId: string, kind: KindFilter) {
  const kids = new Map<string, AgencyInfo[]>();
  for (const a of table.agencies) {
    if (!a.parentId) continue;
    const list = kids.get(a.parentId);
    if (list) list.push(a);
    else kids.set(a.parentId, [a]);
  }
  if (kind === "ALL") return kids.get(agencyId) ?? [];
  const out: AgencyInfo[] = [];
  const walk = (id: string) => {
    for (const c of kids.get(id) ?? []) {
      if (c.kind === kind) out.push(c);
      else if (c.kind === "GROUP") walk(c.id);
    }
  };
  walk(agencyId);
  return out;
}

export type ReportRow = { agency: AgencyInfo; figure: Figure; ownOnly: boolean };

/**
 * Rows of a report under `agencyId`: one per listed agency (subtree figures) and, when the agency has staff
 * of its own and no kind filter applies, a first row for them, so the rows add up to the agency's figure.
 */
export function reportRows(
  table: FigureTable,
  targetId: string,
  agencyId: string,
  kind: KindFilter,
): ReportRow[] {
  const figures = table.figures[targetId] ?? {};
  const rows: ReportRow[] = [];
  const self = table.agencies.find((a) => a.id === agencyId);
  const own = figures[agencyId];
  if (kind === "ALL" && self && own && own.ownAudience > 0) {
    const target = table.targets.find((t) => t.id === targetId)!;
    const c = { ownAudience: own.ownAudience, ownCompleted: own.ownCompleted };
    const f = toFigure(
      { ...c, audience: c.ownAudience, completed: c.ownCompleted },
      target,
      table.plan,
      table.asOf,
    );
    rows.push({ agency: self, figure: f, ownOnly: true });
  }
  for (const a of listedUnder(table, agencyId, kind)) {
    const f = figures[a.id];
    if (f) rows.push({ agency: a, figure: f, ownOnly: false });
  }
  return rows;
}

/** Lowest percent first; agencies with nobody in the audience last; then tree order. */
export function worstFirst<T extends { agency: AgencyInfo; figure: Figure }>(rows: T[]): T[] {
  return [...rows].sort((x, y) => {
    const px = x.figure.percent ?? Number.POSITIVE_INFINITY;
    const py = y.figure.percent ?? Number.POSITIVE_INFINITY;
    return px - py || x.agency.position - y.agency.position;
  });
}

/** The "Tổng cộng" row: sums of the rows, the rate of the sums. */
export function totalOf(
  rows: readonly ReportRow[],
  target: Pick<TargetInfo, "targetPercent" | "deadline">,
  plan: Pick<PlanInfo, "startsAt">,
  asOf: Date,
): Figure {
  const c = { ownAudience: 0, ownCompleted: 0, audience: 0, completed: 0 };
  for (const r of rows) {
    c.audience += r.figure.audience;
    c.completed += r.figure.completed;
  }
  return toFigure(c, target, plan, asOf);
}
