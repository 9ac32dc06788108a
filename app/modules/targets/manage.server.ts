// Loader/action plumbing shared by the plan pages: who may manage, the agency choices, the topic choices.
import { db } from "~/db.server";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { type Actor, hasRole, isAdmin } from "~/modules/auth/scope";
import { forbidden } from "~/utils/http.server";

/** Admins and reviewers manage plans; coordinators and learners are refused (403). */
export function requirePlanManager(actor: Actor): void {
  if (!isAdmin(actor) && !hasRole(actor, "REVIEWER")) forbidden("targets.manageForbidden");
}

/** Agencies a plan may cover: the whole tree for admins, the reviewer's subtrees otherwise. */
export async function planAgencyOptions(actor: Actor, under?: string) {
  const scope = isAdmin(actor)
    ? ("ALL" as const)
    : actor.grants.filter((g) => g.role === "REVIEWER" && g.agencyPath).map((g) => g.agencyPath as string);
  const options = await listAgencyOptions(scope);
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
