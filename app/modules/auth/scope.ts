// Who may see and change what. Pure functions over the caller's grants; the server guards build on them.
import type { Role } from "~/generated/prisma/enums";

export type Grant = { role: Role; agencyId: string | null; agencyPath: string | null };

export type Actor = {
  userId: string;
  email: string;
  personId: string | null;
  fullName: string;
  locale: "vi" | "en";
  mustChangePassword: boolean;
  grants: Grant[];
};

/** "ALL" for admins, else the materialized paths of the agency subtrees this role reaches. */
export type Scope = "ALL" | string[];

export function hasRole(actor: Actor, role: Role): boolean {
  if (role === "LEARNER") return actor.personId !== null || actor.grants.some((g) => g.role === "LEARNER");
  return actor.grants.some((g) => g.role === role);
}

export function isAdmin(actor: Actor): boolean {
  return hasRole(actor, "ADMIN");
}

function pathsFor(actor: Actor, roles: Role[]): Scope {
  if (isAdmin(actor)) return "ALL";
  const paths = actor.grants
    .filter((g) => roles.includes(g.role) && g.agencyPath)
    .map((g) => g.agencyPath as string);
  // Drop paths already covered by a broader grant.
  return paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
}

/** Subtrees where the caller may change people and imports (coordinators, admins). */
export function manageScope(actor: Actor): Scope {
  return pathsFor(actor, ["COORDINATOR"]);
}

/** Subtrees the caller may read (coordinators, reviewers, admins). */
export function viewScope(actor: Actor): Scope {
  return pathsFor(actor, ["COORDINATOR", "REVIEWER"]);
}

/** Subtrees where the caller runs phishing drills (PHISHING_MANAGER grants; admins everywhere). */
export function phishingScope(actor: Actor): Scope {
  return pathsFor(actor, ["PHISHING_MANAGER"]);
}

/** Subtrees whose drill results the caller may read: drill managers, coordinators, reviewers, admins. */
export function phishingViewScope(actor: Actor): Scope {
  return pathsFor(actor, ["PHISHING_MANAGER", "COORDINATOR", "REVIEWER"]);
}

/** Subtrees whose suspicious-mail reports (the IT queue) the caller handles: drill managers, coordinators, admins. */
export function phishingReportScope(actor: Actor): Scope {
  return pathsFor(actor, ["PHISHING_MANAGER", "COORDINATOR"]);
}

export function inScope(scope: Scope, agencyPath: string): boolean {
  return scope === "ALL" || scope.some((p) => agencyPath.startsWith(p));
}

/** Prisma `where` for agencies inside a scope. */
export function agencyWhere(scope: Scope) {
  if (scope === "ALL") return {};
  if (scope.length === 0) return { id: { in: [] as string[] } };
  return { OR: scope.map((p) => ({ path: { startsWith: p } })) };
}

/** Prisma `where` for people whose agency is inside a scope. */
export function personWhere(scope: Scope) {
  return scope === "ALL" ? {} : { agency: agencyWhere(scope) };
}

/** The home page a user lands on after signing in, by their strongest role. */
export function homePath(actor: Actor): string {
  if (isAdmin(actor)) return "/admin";
  if (hasRole(actor, "COORDINATOR")) return "/people";
  if (hasRole(actor, "PHISHING_MANAGER")) return "/phishing";
  if (hasRole(actor, "REVIEWER")) return "/reports";
  return "/learn";
}
