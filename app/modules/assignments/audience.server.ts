// Who an assignment reaches, as SQL: the same rule for a preview, the first fill and the standing refresh.
// Everything here is set-based (INSERT … SELECT / UPDATE … FROM), so 30,000 people take one statement.
import { LONG_TX, db, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { AssignmentData } from "./schema";

type Rule = Pick<
  AssignmentData,
  "agencyId" | "includeSubagencies" | "staffCategories" | "itRoles" | "headOfUnitOnly" | "tags"
>;

/**
 * Condition on person `p` for a rule given as values (preview, create). Tags match when the person has ANY
 * of them; empty lists do not filter. Does not include `p.active`; callers add it.
 */
export function ruleSql(rule: Rule): Prisma.Sql {
  if (!rule.agencyId) return Prisma.sql`FALSE`;
  const where: Prisma.Sql[] = [
    rule.includeSubagencies
      ? Prisma.sql`p."agencyId" IN (SELECT ag.id FROM "Agency" ag
          WHERE ag.path LIKE (SELECT r.path || '%' FROM "Agency" r WHERE r.id = ${rule.agencyId}::uuid))`
      : Prisma.sql`p."agencyId" = ${rule.agencyId}::uuid`,
  ];
  if (rule.staffCategories.length)
    where.push(Prisma.sql`p."staffCategory" = ANY(${rule.staffCategories}::text[]::"StaffCategory"[])`);
  if (rule.itRoles.length) where.push(Prisma.sql`p."itRole" = ANY(${rule.itRoles}::text[]::"ItRole"[])`);
  if (rule.headOfUnitOnly) where.push(Prisma.sql`p."isHeadOfUnit"`);
  if (rule.tags.length) where.push(Prisma.sql`p.tags && ${rule.tags}::text[]`);
  return Prisma.join(where, " AND ");
}

/**
 * The same rule read from the columns of assignment `a` (standing refresh). The agency part is expanded
 * once per assignment in the CTE `aa` (assignment × audience agency, a few hundred rows), so people are
 * matched with a hash join instead of a per-person subquery; the person part is checked here.
 */
const AUDIENCE_AGENCIES = Prisma.sql`aa AS (
  SELECT a.id AS "assignmentId", ag.id AS "agencyId"
  FROM "Assignment" a
  JOIN "Agency" r ON r.id = a."agencyId"
  JOIN "Agency" ag ON ag.id = r.id OR (a."includeSubagencies" AND ag.path LIKE r.path || '%')
  WHERE a.standing AND a.status = 'ACTIVE'
)`;
const PERSON_MATCHES = Prisma.sql`(
  p.active
  AND (cardinality(a."staffCategories") = 0 OR p."staffCategory" = ANY(a."staffCategories"))
  AND (cardinality(a."itRoles") = 0 OR p."itRole" = ANY(a."itRoles"))
  AND (NOT a."headOfUnitOnly" OR p."isHeadOfUnit")
  AND (cardinality(a.tags) = 0 OR p.tags && a.tags)
)`;

/** Active people reached by a rule and/or named: count and the first names (Vietnamese order), one query. */
export async function countAudience(
  rule: Rule,
  personIds: string[],
  client: typeof db | Tx = db,
): Promise<{ count: number; sample: string[] }> {
  const rows = await client.$queryRaw<{ fullName: string; total: number }[]>`
    SELECT p."fullName", (count(*) OVER ())::int AS total
    FROM "Person" p
    WHERE p.active AND ((${ruleSql(rule)}) OR p.id = ANY(${personIds}::uuid[]))
    ORDER BY p."sortKey" COLLATE "C", p.id
    LIMIT 10`;
  return { count: rows[0]?.total ?? 0, sample: rows.map((r) => r.fullName) };
}

/**
 * First fill of a new assignment: named people (source NAMED) first, then the rule's audience (RULE) with
 * ON CONFLICT DO NOTHING, so nobody is listed twice and a named person is never removed by a later refresh.
 * Returns the number of member rows.
 */
export async function fillMembers(
  tx: Tx,
  assignmentId: string,
  rule: Rule,
  personIds: string[],
  dueAt: Date,
  now: Date,
): Promise<number> {
  let count = 0;
  if (personIds.length)
    count += await tx.$executeRaw`
      INSERT INTO "AssignmentMember" (id, "assignmentId", "personId", source, "assignedAt", "dueAt")
      SELECT gen_random_uuid(), ${assignmentId}::uuid, p.id, 'NAMED'::"MemberSource", ${now}, ${dueAt}
      FROM "Person" p WHERE p.active AND p.id = ANY(${personIds}::uuid[])
      ON CONFLICT ("assignmentId", "personId") DO NOTHING`;
  if (rule.agencyId)
    count += await tx.$executeRaw`
      INSERT INTO "AssignmentMember" (id, "assignmentId", "personId", source, "assignedAt", "dueAt")
      SELECT gen_random_uuid(), ${assignmentId}::uuid, p.id, 'RULE'::"MemberSource", ${now}, ${dueAt}
      FROM "Person" p WHERE p.active AND ${ruleSql(rule)}
      ON CONFLICT ("assignmentId", "personId") DO NOTHING`;
  return count;
}

/**
 * Keeps every ACTIVE standing assignment true to its rule. Call it after any write that can change who
 * matches (person created/moved/edited/deactivated, people import, agency merge), passing the people
 * touched (`personIds`) or nothing to recheck everyone. Set-based and idempotent:
 * - people who now match and have no row get a RULE row, due now + dueDays (or the fixed dueAt when it is
 *   later than now, else now + 7 days);
 * - RULE members who no longer match get removedAt = now (the row and its history are kept);
 * - removed members who match again get removedAt cleared (and the later of their old and new due dates).
 * NAMED members are never removed.
 */
export async function refreshStandingAssignments(
  opts: { personIds?: string[]; now?: Date; client?: typeof db | Tx } = {},
): Promise<{ added: number; removed: number }> {
  const now = opts.now ?? new Date();
  const client = opts.client ?? db;
  const people = opts.personIds ? Prisma.sql`AND p.id = ANY(${opts.personIds}::uuid[])` : Prisma.empty;
  const memberPeople = opts.personIds
    ? Prisma.sql`AND m."personId" = ANY(${opts.personIds}::uuid[])`
    : Prisma.empty;
  if (opts.personIds && opts.personIds.length === 0) return { added: 0, removed: 0 };
  const dueFor = Prisma.sql`CASE
      WHEN a."dueDays" IS NOT NULL THEN ${now}::timestamptz + a."dueDays" * interval '1 day'
      WHEN a."dueAt" > ${now}::timestamptz THEN a."dueAt"
      ELSE ${now}::timestamptz + interval '7 days' END`;
  const run = async (tx: typeof db | Tx) => {
    const added = await tx.$executeRaw`
      WITH ${AUDIENCE_AGENCIES}
      INSERT INTO "AssignmentMember" AS m (id, "assignmentId", "personId", source, "assignedAt", "dueAt")
      SELECT gen_random_uuid(), a.id, p.id, 'RULE'::"MemberSource", ${now}::timestamptz, ${dueFor}
      FROM aa
      JOIN "Assignment" a ON a.id = aa."assignmentId"
      JOIN "Person" p ON p."agencyId" = aa."agencyId"
      WHERE ${PERSON_MATCHES} ${people}
        AND NOT EXISTS (SELECT 1 FROM "AssignmentMember" x
                        WHERE x."assignmentId" = a.id AND x."personId" = p.id AND x."removedAt" IS NULL)
      ON CONFLICT ("assignmentId", "personId") DO UPDATE
        SET "removedAt" = NULL, "dueAt" = GREATEST(m."dueAt", EXCLUDED."dueAt")
        WHERE m."removedAt" IS NOT NULL`;
    const removed = await tx.$executeRaw`
      WITH ${AUDIENCE_AGENCIES}
      UPDATE "AssignmentMember" m SET "removedAt" = ${now}::timestamptz
      FROM "Assignment" a, "Person" p
      WHERE a.id = m."assignmentId" AND p.id = m."personId"
        AND a.standing AND a.status = 'ACTIVE'
        AND m.source = 'RULE' AND m."removedAt" IS NULL ${memberPeople}
        AND NOT (${PERSON_MATCHES}
          AND EXISTS (SELECT 1 FROM aa WHERE aa."assignmentId" = a.id AND aa."agencyId" = p."agencyId"))`;
    return { added, removed };
  };
  return client === db ? db.$transaction((tx) => run(tx), LONG_TX) : run(client);
}
