// The plan pages' guards and choices. Every loader and action that manages plans goes through
// canManagePlan (./manage.ts): requirePlanManager for the page, assertCanManage / loadPlanForManager for a
// plan, mayManagePlan for a "manage" link on a page anyone in scope may view.
import { db } from "~/db.server";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import type { Actor } from "~/modules/auth/scope";
import { DomainError } from "~/utils/errors";
import { forbidden } from "~/utils/http.server";
import { canManagePlan, hasPlanPermission, type PlanPermission, planManagerScope } from "./manage";

/** Admins and reviewers manage plans; coordinators and learners are refused (403). */
export function requirePlanManager(actor: Actor): void {
  if (!canManagePlan(actor, null)) forbidden("targets.manageForbidden");
}

/** 403 unless the caller may manage plans of the agency at `path`. */
export function assertCanManage(actor: Actor, path: string): void {
  if (!canManagePlan(actor, path)) throw new DomainError("targets.agencyForbidden", { status: 403 });
}

/** 403 unless the caller holds the permission an intent needs on this plan. */
export function requirePlanPermission(
  actor: Actor,
  plan: { agency: { path: string } },
  permission: PlanPermission,
): void {
  if (!hasPlanPermission(actor, plan.agency.path, permission))
    throw new DomainError("targets.agencyForbidden", { status: 403 });
}

/** A plan with its targets, for someone who may manage it (404 when missing, 403 outside their grants). */
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

/** Whether the caller may manage this plan (to offer the link or the form). */
export async function mayManagePlan(actor: Actor, planId: string): Promise<boolean> {
  const plan = await db.trainingPlan.findUnique({
    where: { id: planId },
    select: { agency: { select: { path: true } } },
  });
  return plan ? canManagePlan(actor, plan.agency.path) : false;
}

/** The plans the caller manages, newest year first, with their counts (the plans list). */
export async function listManagedPlans(actor: Actor) {
  const plans = await db.trainingPlan.findMany({
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    include: {
      agency: { select: { name: true, path: true } },
      _count: { select: { targets: true, snapshots: true } },
    },
  });
  return plans.filter((p) => canManagePlan(actor, p.agency.path));
}

/** Agencies a plan may cover: the whole tree for admins, the reviewer's subtrees otherwise. */
export async function planAgencyOptions(actor: Actor, under?: string) {
  const options = await listAgencyOptions(planManagerScope(actor));
  return indentedAgencyOptions(under ? options.filter((o) => o.path.startsWith(under)) : options);
}

/** Topics offered for a target: those of the courses, plus any already used by targets. */
export async function topicChoices(): Promise<string[]> {
  const [courses, targets] = await Promise.all([
    db.course.findMany({ select: { topics: true } }),
    db.target.findMany({ select: { topics: true } }),
  ]);
  return [...new Set([...courses, ...targets].flatMap((c) => c.topics))].sort();
}
