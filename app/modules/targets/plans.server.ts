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

/**
 * Writes a plan or a target and its audit event in one transaction; a taken unique key (document number,
 * target code) becomes an error on that field.
 */
async function writeAudited<T extends { id: string }>(
  actor: Actor,
  write: (tx: Tx) => Promise<T>,
  event: (row: T) => Omit<AuditInput, "actorUserId" | "entityId">,
  taken: { message: MessageKey; field: string },
): Promise<T> {
  try {
    return await db.$transaction(async (tx) => {
      const row = await write(tx);
      await audit({ actorUserId: actor.userId, entityId: row.id, ...event(row) }, tx);
      return row;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError(taken.message, { field: taken.field });
    throw error;
  }
}

export async function savePlan(actor: Actor, planId: string | null, data: PlanForm) {
  assertCanManage(actor, await agencyPath(data.agencyId, "agencyId"));
  if (planId) await loadPlanForManager(actor, planId);
  return writeAudited(
    actor,
    (tx) =>
      planId
        ? tx.trainingPlan.update({ where: { id: planId }, data })
        : tx.trainingPlan.create({ data: { ...data, createdById: actor.userId } }),
    (plan) => ({
      action: planId ? "plan.update" : "plan.create",
      entityType: "TrainingPlan",
      agencyId: plan.agencyId,
      data: { documentNumber: plan.documentNumber, title: plan.title, year: plan.year },
    }),
    { message: "targets.planDuplicate", field: "documentNumber" },
  );
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
  return writeAudited(
    actor,
    (tx) =>
      targetId
        ? tx.target.update({ where: { id: targetId }, data })
        : tx.target.create({ data: { ...data, planId } }),
    (target) => ({
      action: targetId ? "target.update" : "target.create",
      entityType: "Target",
      agencyId: plan.agencyId,
      data: { code: target.code, targetPercent: target.targetPercent, topics: target.topics },
    }),
    { message: "targets.codeDuplicate", field: "code" },
  );
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
