// Snapshots (số liệu chốt): figures frozen at a reporting date, with the agency's code, name and place in the
// tree copied, so a report sent in April reads the same in December whatever happens to the tree since.
import { LONG_TX, db, readDb } from "~/db.server";
import type { SnapshotPeriod } from "~/generated/prisma/enums";
import { DomainError } from "~/utils/errors";
import {
  type AgencyInfo,
  type Figure,
  type FigureTable,
  type TargetInfo,
  toFigure,
  toPlanInfo,
} from "./figures";
import { computePlanFigures } from "./figures.server";
import { endOfVnMonth, monthEnds } from "~/utils/vn-calendar";
import { autoSnapshotLabel } from "./dates";

const TX_OPTIONS = LONG_TX;

export type TakeSnapshotInput = {
  planId: string;
  asOf: Date;
  period: SnapshotPeriod;
  label: string;
  automatic?: boolean;
  createdById?: string | null;
};

/** Computes the figures as of `asOf` and stores them, plan × target × agency, in one transaction. */
export async function takeSnapshot(input: TakeSnapshotInput) {
  const { table } = await computePlanFigures(input.planId, { asOf: input.asOf });
  const byId = new Map(table.agencies.map((a) => [a.id, a]));
  return db.$transaction(async (tx) => {
    const snapshot = await tx.snapshot.create({
      data: {
        planId: input.planId,
        label: input.label,
        period: input.period,
        asOf: input.asOf,
        automatic: input.automatic ?? false,
        createdById: input.createdById ?? null,
      },
    });
    const rows = table.targets.flatMap((t) =>
      Object.entries(table.figures[t.id] ?? {}).map(([agencyId, f]) => {
        const a = byId.get(agencyId)!;
        return {
          snapshotId: snapshot.id,
          targetId: t.id,
          agencyId,
          agencyCode: a.code,
          agencyName: a.name,
          agencyKind: a.kind,
          parentAgencyId: a.parentId,
          depth: a.depth,
          position: a.position,
          ownAudience: f.ownAudience,
          ownCompleted: f.ownCompleted,
          audience: f.audience,
          completed: f.completed,
          targetPercent: f.targetPercent,
          status: f.status ?? "",
        };
      }),
    );
    for (let i = 0; i < rows.length; i += 5000)
      await tx.snapshotRow.createMany({ data: rows.slice(i, i + 5000) });
    return { ...snapshot, rowCount: rows.length };
  }, TX_OPTIONS);
}

/**
 * A snapshot as a FigureTable read only from its stored rows (names, tree, counts, status as they were),
 * plus the current paths of its agencies so the caller's scope can still be applied.
 */
export async function loadSnapshotTable(snapshotId: string) {
  const reader = await readDb();
  const snapshot = await reader.snapshot.findUnique({
    where: { id: snapshotId },
    include: { plan: true, rows: { orderBy: [{ position: "asc" }] } },
  });
  if (!snapshot) throw new DomainError("targets.snapshotNotFound", { status: 404 });
  const targetIds = [...new Set(snapshot.rows.map((r) => r.targetId))];
  const targetRows = await reader.target.findMany({
    where: { id: { in: targetIds } },
    orderBy: [{ position: "asc" }, { code: "asc" }],
  });
  const plan = snapshot.plan;
  const planInfo = toPlanInfo(plan);
  const agencies = new Map<string, AgencyInfo>();
  const figures: FigureTable["figures"] = {};
  const pctByTarget = new Map<string, number>();
  for (const r of snapshot.rows) {
    if (!agencies.has(r.agencyId))
      agencies.set(r.agencyId, {
        id: r.agencyId,
        code: r.agencyCode,
        name: r.agencyName,
        kind: r.agencyKind,
        parentId: r.parentAgencyId,
        depth: r.depth,
        position: r.position,
      });
    pctByTarget.set(r.targetId, r.targetPercent);
  }
  // The target percent as it was at the snapshot, not as edited since.
  const targets: TargetInfo[] = targetRows.map((t) => ({
    id: t.id,
    code: t.code,
    title: t.title,
    position: t.position,
    targetPercent: pctByTarget.get(t.id) ?? t.targetPercent,
    deadline: t.deadline,
    rootAgencyId: t.agencyId ?? plan.agencyId,
  }));
  const targetById = new Map(targets.map((t) => [t.id, t]));
  for (const r of snapshot.rows) {
    const t = targetById.get(r.targetId)!;
    const counts = {
      ownAudience: r.ownAudience,
      ownCompleted: r.ownCompleted,
      audience: r.audience,
      completed: r.completed,
    };
    const f: Figure = toFigure(
      counts,
      { ...t, targetPercent: r.targetPercent },
      planInfo,
      snapshot.asOf,
      r.status,
    );
    (figures[r.targetId] ??= {})[r.agencyId] = f;
  }
  const ids = [...agencies.keys()];
  const current = await reader.agency.findMany({
    where: { id: { in: ids } },
    select: { id: true, path: true },
  });
  const paths = new Map(current.map((a) => [a.id, a.path]));
  const table: FigureTable = {
    plan: planInfo,
    asOf: snapshot.asOf,
    snapshotId: snapshot.id,
    targets,
    agencies: [...agencies.values()].sort((a, b) => a.position - b.position),
    figures,
  };
  return {
    table,
    paths,
    snapshot: { id: snapshot.id, label: snapshot.label, period: snapshot.period, asOf: snapshot.asOf },
  };
}

export async function listSnapshots(planId: string) {
  const rows = await (
    await readDb()
  ).snapshot.findMany({
    where: { planId },
    orderBy: [{ asOf: "desc" }, { createdAt: "desc" }],
    select: { id: true, label: true, period: true, asOf: true, automatic: true, createdAt: true },
  });
  return rows;
}

/**
 * Creates the missing automatic month-end snapshots of every active plan, from the plan's start to the last
 * month that has ended by `now` (and not past the plan's last deadline). Idempotent: an automatic snapshot
 * at the same instant is never taken twice. For the scheduler (monthly) and the seed.
 */
export async function ensureMonthlySnapshots(now: Date = new Date()): Promise<number> {
  const plans = await db.trainingPlan.findMany({
    where: { active: true },
    select: { id: true, startsAt: true, targets: { where: { active: true }, select: { deadline: true } } },
  });
  let created = 0;
  for (const plan of plans) {
    if (!plan.targets.length) continue;
    const lastDeadline = new Date(Math.max(...plan.targets.map((t) => t.deadline.getTime())));
    const until = new Date(Math.min(now.getTime(), endOfVnMonth(lastDeadline).getTime()));
    const have = await db.snapshot.findMany({
      where: { planId: plan.id, automatic: true },
      select: { asOf: true },
    });
    const taken = new Set(have.map((s) => s.asOf.getTime()));
    for (const asOf of monthEnds(plan.startsAt, until)) {
      if (taken.has(asOf.getTime())) continue;
      await takeSnapshot({
        planId: plan.id,
        asOf,
        period: "CUSTOM",
        label: autoSnapshotLabel(asOf),
        automatic: true,
      });
      created++;
    }
  }
  return created;
}

/** A point of the trend: a snapshot (its label) or, last, today's live figure (no label: the page names it). */
export type TrendPoint = { asOf: Date; label: string | null; percent: number | null; live: boolean };

/** The focus agency's percent for one target at each snapshot of the plan (oldest first), then today. */
export async function trendPoints(
  planId: string,
  targetId: string,
  agencyId: string,
  liveFigure: Figure | undefined,
  now: Date,
): Promise<TrendPoint[]> {
  // Raw: the dashboard's every view reads this, and the query builder cost more CPU than the query.
  const rows = await (
    await readDb()
  ).$queryRaw<{ audience: number; completed: number; asOf: Date; label: string }[]>`
    SELECT r.audience, r.completed, s."asOf", s.label
    FROM "SnapshotRow" r JOIN "Snapshot" s ON s.id = r."snapshotId"
    WHERE r."targetId" = ${targetId}::uuid AND r."agencyId" = ${agencyId}::uuid AND s."planId" = ${planId}::uuid`;
  const points: TrendPoint[] = rows
    .map((r) => ({
      asOf: r.asOf,
      label: r.label,
      percent: r.audience > 0 ? (r.completed * 100) / r.audience : null,
      live: false,
    }))
    .sort((a, b) => a.asOf.getTime() - b.asOf.getTime());
  if (liveFigure) points.push({ asOf: now, label: null, percent: liveFigure.percent, live: true });
  return points;
}
