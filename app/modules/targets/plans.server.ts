// Creating and editing plans and targets, and taking snapshots from the UI. Admins, and reviewers whose
// grant covers the plan's agency, may write (./manage.ts); everyone else gets 403. Each write is audited.
import { db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { PlanForm, SnapshotPeriodChoice, TargetForm } from "~/domain/targets";
import { audit, type AuditInput } from "~/modules/audit/audit.server";
import type { Actor } from "~/modules/auth/scope";
import type { MessageKey } from "~/i18n";
import { DomainError } from "~/utils/errors";
import { endOfVnDay, parseDay } from "~/utils/vn-calendar";
import { defaultSnapshotLabel, reportingDate } from "./dates";
import { assertCanManage, loadPlanForManager } from "./manage.server";
import { takeSnapshot } from "./snapshots.server";

async function agencyPath(id: string, field: string): Promise<string> {
  const a = await db.agency.findUnique({ where: { id }, select: { path: true, active: true } });
  if (!a || !a.active) throw new DomainError("targets.agencyNotFound", { field });
  return a.path;
}

/** What savePlan and saveTarget tell saveAudited about their entity. */
type Saved<T> = {
  /** The row's id when it is edited, null when it is created. */
  id: string | null;
  create: (tx: Tx) => Promise<T>;
  update: (tx: Tx, id: string) => Promise<T>;
  /** The audit event's entity ("plan.create", "plan.update" on a TrainingPlan). */
  entity: { action: "plan" | "target"; type: "TrainingPlan" | "Target" };
  audited: (row: T) => Pick<AuditInput, "agencyId" | "data">;
  /** A taken unique key (document number, target code) becomes this error on that field. */
  taken: { message: MessageKey; field: string };
};

/** Creates or updates a plan or a target and writes its audit event, in one transaction. */
async function saveAudited<T extends { id: string }>(actor: Actor, s: Saved<T>): Promise<T> {
  const { id, entity } = s;
  try {
    return await db.$transaction(async (tx) => {
      const row = id ? await s.update(tx, id) : await s.create(tx);
      await audit(
        {
          actorUserId: actor.userId,
          action: `${entity.action}.${id ? "update" : "create"}`,
          entityType: entity.type,
          entityId: row.id,
          ...s.audited(row),
        },
        tx,
      );
      return row;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError(s.taken.message, { field: s.taken.field });
    throw error;
  }
}

export async function savePlan(actor: Actor, planId: string | null, data: PlanForm) {
  assertCanManage(actor, await agencyPath(data.agencyId, "agencyId"));
  if (planId) await loadPlanForManager(actor, planId);
  return saveAudited(actor, {
    id: planId,
    create: (tx) => tx.trainingPlan.create({ data: { ...data, createdById: actor.userId } }),
    update: (tx, id) => tx.trainingPlan.update({ where: { id }, data }),
    entity: { action: "plan", type: "TrainingPlan" },
    audited: (plan) => ({
      agencyId: plan.agencyId,
      data: { documentNumber: plan.documentNumber, title: plan.title, year: plan.year },
    }),
    taken: { message: "targets.planDuplicate", field: "documentNumber" },
  });
}

export async function saveTarget(actor: Actor, planId: string, targetId: string | null, data: TargetForm) {
  const plan = await loadPlanForManager(actor, planId);
  if (data.agencyId) {
    const path = await agencyPath(data.agencyId, "agencyId");
    if (!path.startsWith(plan.agency.path))
      throw new DomainError("targets.agencyOutsidePlan", { field: "agencyId" });
  }
  if (targetId && !plan.targets.some((t) => t.id === targetId))
    throw new DomainError("targets.targetNotFound", { status: 404 });
  return saveAudited(actor, {
    id: targetId,
    create: (tx) => tx.target.create({ data: { ...data, planId } }),
    update: (tx, id) => tx.target.update({ where: { id }, data }),
    entity: { action: "target", type: "Target" },
    audited: (target) => ({
      agencyId: plan.agencyId,
      data: { code: target.code, targetPercent: target.targetPercent, topics: target.topics },
    }),
    taken: { message: "targets.codeDuplicate", field: "code" },
  });
}

export async function setTargetActive(actor: Actor, planId: string, targetId: string, active: boolean) {
  const plan = await loadPlanForManager(actor, planId);
  if (!plan.targets.some((t) => t.id === targetId))
    throw new DomainError("targets.targetNotFound", { status: 404 });
  await db.$transaction(async (tx) => {
    await tx.target.update({ where: { id: targetId }, data: { active } });
    await audit(
      {
        actorUserId: actor.userId,
        action: active ? "target.activate" : "target.deactivate",
        entityType: "Target",
        entityId: targetId,
        agencyId: plan.agencyId,
      },
      tx,
    );
  });
}

export type SnapshotRequest = {
  plan: string;
  period: SnapshotPeriodChoice;
  year: number;
  date: string;
  label: string;
};

/** A manual snapshot at a reporting date (Quý I…năm of a year) or any past day. */
export async function createSnapshot(actor: Actor, input: SnapshotRequest, now = new Date()) {
  const plan = await loadPlanForManager(actor, input.plan);
  let asOf =
    input.period === "CUSTOM" ? endOfVnDay(parseDay(input.date)!) : reportingDate(input.period, input.year);
  // A reporting day that is still running is frozen up to now; a future one cannot be.
  if (asOf.getTime() - now.getTime() > 24 * 3600_000)
    throw new DomainError("targets.snapshotInFuture", {
      field: input.period === "CUSTOM" ? "date" : "year",
    });
  if (asOf > now) asOf = now;
  const label = input.label || defaultSnapshotLabel(input.period, input.year, asOf);
  const snapshot = await takeSnapshot({
    planId: plan.id,
    asOf,
    period: input.period,
    label,
    createdById: actor.userId,
  });
  await audit({
    actorUserId: actor.userId,
    action: "snapshot.create",
    entityType: "Snapshot",
    entityId: snapshot.id,
    agencyId: plan.agencyId,
    data: { label, asOf: asOf.toISOString(), rows: snapshot.rowCount },
  });
  return snapshot;
}
