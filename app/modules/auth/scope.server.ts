// The caller's scope (a list of agency subtrees, or ALL) as SQL, in one place: every raw query that lists
// people or agencies for a coordinator or reviewer goes through these, so the rule "a subtree is every agency
// whose path starts with the granted one" is written once (Prisma queries use agencyWhere/personWhere).
import { Prisma } from "~/generated/prisma/client";
import { escapeLike } from "~/utils/text";
import type { Scope } from "./scope";

const subtreePatterns = (paths: readonly string[]) => paths.map((p) => `${escapeLike(p)}%`);

/** The agency aliased `agency` lies inside the scope. */
export function agencyInScopeSql(scope: Scope, agency = "a"): Prisma.Sql {
  if (scope === "ALL") return Prisma.sql`TRUE`;
  if (scope.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`${Prisma.raw(`${agency}.path`)} LIKE ANY(${subtreePatterns(scope)}::text[])`;
}

/** The person aliased `person` belongs to an agency inside the scope. */
export function personInScopeSql(scope: Scope, person = "p"): Prisma.Sql {
  if (scope === "ALL") return Prisma.sql`TRUE`;
  if (scope.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`${Prisma.raw(`${person}."agencyId"`)} IN (SELECT sa.id FROM "Agency" sa WHERE ${agencyInScopeSql(scope, "sa")})`;
}

/** The person aliased `person` belongs to the subtree rooted at the agency with this path. */
export function personInSubtreeSql(path: string, person = "p"): Prisma.Sql {
  return personInScopeSql([path], person);
}
