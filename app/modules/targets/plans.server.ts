// Creating and editing plans and targets, and taking snapshots from the UI. Admins, and reviewers whose
// grant covers the plan's agency, may write; everyone else gets 403. Each write is audited.
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { audit } from "~/modules/audit/audit.server";
import type { Actor } from "~/modules/auth/scope";
import type { MessageKey } from "~/i18n";
import { DomainError } from "~/utils/errors";
import { formatDate } from "~/utils/format";
import type { PlanForm, TargetForm } from "./schema";
import { takeSnapshot } from "./snapshots.server";
import { PERIOD_LABEL, reportingDate } from "./dates";
import { endOfDayVn, parseDay } from "./dates";
import { canManagePlan } from "./view.server";

async function agencyPath(id: string, field: string): Promise<string> {
  const a = await db.agency.findUnique({ where: { id }, select: { path: true, active: true } });
  if (!a || !a.active) throw new DomainError("targets.agencyNotFound", { field });
  return a.path;
}

/** 403 unless the caller may manage plans of the agency at `path`. */
export function assertCanManage(actor: Actor, path: string | null): void {
  if (!canManagePlan(actor, path)) throw new DomainError("targets.agencyForbidden", { status: 403 });
}

export async function loadPlanForManager(actor: Actor, planId: string) {
  const plan = await db.trainingPlan.findUnique({
    where: { id: planId },
    include: {
      agency: { select: { path: true, name: true } },
      targets: { orderBy: [{ position: "asc" }, { code: "asc" }] },
    },
  });
  if (!plan) throw new DomainError("targets.planNotFound", { status: 404 });
  assertCanManage(actor, plan.agency.path);
  return plan;
}

function duplicate(error: unknown, message: MessageKey, field: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
    throw new DomainError(message, { field });
  throw error;
}

export async function savePlan(actor: Actor, planId: string | null, data: PlanForm) {
  const path = await agencyPath(data.agencyId, "agencyId");
  assertCanManage(actor, path);
  if (planId) await loadPlanForManager(actor, planId);
  try {
    return await db.$transaction(async (tx) => {
      const plan = planId
        ? await tx.trainingPlan.update({ where: { id: planId }, data })
        : await tx.trainingPlan.create({ data: { ...data, createdById: actor.userId } });
      await audit(
        {
          actorUserId: actor.userId,
          action: planId ? "plan.update" : "plan.create",
          entityType: "TrainingPlan",
          entityId: plan.id,
          agencyId: plan.agencyId,
          data: { documentNumber: plan.documentNumber, title: plan.title, year: plan.year },
        },
        tx,
      );
      return plan;
    });
  } catch (e) {
    duplicate(e, "targets.planDuplicate", "documentNumber");
  }
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
  try {
    return await db.$transaction(async (tx) => {
      const target = targetId
        ? await tx.target.update({ where: { id: targetId }, data })
        : await tx.target.create({ data: { ...data, planId } });
      await audit(
        {
          actorUserId: actor.userId,
          action: targetId ? "target.update" : "target.create",
          entityType: "Target",
          entityId: target.id,
          agencyId: plan.agencyId,
          data: { code: target.code, targetPercent: target.targetPercent, topics: target.topics },
        },
        tx,
      );
      return target;
    });
  } catch (e) {
    duplicate(e, "targets.codeDuplicate", "code");
  }
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
  period: "Q1" | "H1" | "Q3" | "YEAR" | "CUSTOM";
  year: number;
  date: string;
  label: string;
};

/** A manual snapshot at a reporting date (Quý I…năm of a year) or any past day. */
export async function createSnapshot(actor: Actor, input: SnapshotRequest, now = new Date()) {
  const plan = await loadPlanForManager(actor, input.plan);
  let asOf: Date;
  if (input.period === "CUSTOM") {
    const [y, m, d] = parseDay(input.date)!;
    asOf = endOfDayVn(y, m, d);
  } else asOf = reportingDate(input.period, input.year);
  // A reporting day that is still running is frozen up to now; a future one cannot be.
  if (asOf.getTime() - now.getTime() > 24 * 3600_000)
    throw new DomainError("targets.snapshotInFuture", {
      field: input.period === "CUSTOM" ? "date" : "year",
    });
  if (asOf > now) asOf = now;
  const label =
    input.label ||
    (input.period === "CUSTOM"
      ? `Ngày ${formatDate(asOf)}`
      : `${PERIOD_LABEL[input.period]} năm ${input.year}`);
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
