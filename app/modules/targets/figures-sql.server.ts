// Pieces of SQL shared by the exact figures query (figures.server.ts) and the summary one
// (figures-summary.server.ts): a target's audience filter on a person-like row `p`.
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import { Prisma } from "~/generated/prisma/client";
import type { ItRole, StaffCategory } from "~/generated/prisma/enums";

export type TargetRule = {
  id: string;
  staffCategories: StaffCategory[];
  itRoles: ItRole[];
  headOfUnitOnly: boolean;
  tags: string[];
  topics: string[];
};

/** Own (not rolled-up) audience and completed per target and agency. */
export type OwnCounts = Map<string, Map<string, { audience: number; completed: number }>>;

function enumArray(values: readonly string[], allowed: readonly string[], type: string): Prisma.Sql {
  for (const v of values) if (!allowed.includes(v)) throw new Error(`Not a ${type} value: ${v}`);
  return Prisma.raw(`'{${values.join(",")}}'::"${type}"[]`);
}

/** Person `p` matches the target's filters (empty list = anyone); tags: all of the target's. */
export function matches(t: TargetRule): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  // Enum arrays go in as literals (values checked against the enum): a parameter would need a text[]→enum[]
  // cast, which PostgreSQL does not fold and would run once per person.
  if (t.staffCategories.length)
    where.push(
      Prisma.sql`p."staffCategory" = ANY(${enumArray(t.staffCategories, STAFF_CATEGORIES, "StaffCategory")})`,
    );
  if (t.itRoles.length) where.push(Prisma.sql`p."itRole" = ANY(${enumArray(t.itRoles, IT_ROLES, "ItRole")})`);
  if (t.headOfUnitOnly) where.push(Prisma.sql`p."isHeadOfUnit"`);
  if (t.tags.length) where.push(Prisma.sql`p.tags @> ${t.tags}::text[]`);
  return Prisma.sql`(${Prisma.join(where, " AND ")})`;
}
