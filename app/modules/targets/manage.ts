// Who may manage plans (create and edit plans and targets, take snapshots), decided here only: admins
// everywhere, reviewers in the subtrees of their grants. Coordinators and learners only view figures.
import { type Actor, inScope, isAdmin, type Scope } from "~/modules/auth/scope";

/** The subtrees whose plans the caller manages: "ALL" for admins, the reviewer grants' paths otherwise. */
export function planManagerScope(actor: Actor): Scope {
  if (isAdmin(actor)) return "ALL";
  return actor.grants.filter((g) => g.role === "REVIEWER" && g.agencyPath).map((g) => g.agencyPath as string);
}

/**
 * The caller may manage the plan whose agency has this path; with null, whether they may manage plans at
 * all (the plan pages' own guard).
 */
export function canManagePlan(actor: Actor, planAgencyPath: string | null): boolean {
  const scope = planManagerScope(actor);
  if (planAgencyPath === null) return scope === "ALL" || scope.length > 0;
  return inScope(scope, planAgencyPath);
}

/** What an action on a plan needs (app/modules/targets/intents.ts maps each intent to one). */
export type PlanPermission = "managePlan";

/** The caller holds the permission on the plan whose agency has this path. */
export function hasPlanPermission(actor: Actor, planAgencyPath: string, permission: PlanPermission): boolean {
  switch (permission) {
    case "managePlan":
      return canManagePlan(actor, planAgencyPath);
  }
}
