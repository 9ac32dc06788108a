// Checks normalized import rows against the database and decides, row by row, create / update / unchanged.
// Every lookup is one query for the whole file (agency codes, existing emails), never one per row.
import type { Db, Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { resolveAgencyCodes } from "~/modules/agencies/queries.server";
import { inScope, type Scope } from "~/modules/auth/scope";
import { COLUMN_LABEL } from "./import-columns";
import type { ImportError, ImportRow } from "./import-rows";
import { personColumns, type PersonRow } from "./rows";
import { translate, type Locale } from "~/i18n";

/** The full person a row leads to (optional columns absent from the file keep the stored value). */
export type PlannedPerson = Omit<PersonRow, "id"> & { line: number };
export type PlannedUpdate = PlannedPerson & { id: string; previousAgencyId: string };
export type ImportPlan = {
  creates: PlannedPerson[];
  updates: PlannedUpdate[];
  unchanged: number;
  errors: ImportError[];
};

type Existing = PersonRow & { agencyPath: string };

export const PLAN_ERRORS = {
  agencyUnknown: "people.planAgencyUnknown",
  agencyOutOfScope: "people.planAgencyOutOfScope",
  // Deliberately vague: who holds the email, and where, is not the caller's business.
  emailElsewhere: "people.planEmailElsewhere",
  // Also vague: the person holding the code may be outside the caller's scope.
  staffCodeTaken: "people.planStaffCodeTaken",
} as const;

async function existingByEmail(client: Db | Tx, emails: string[]): Promise<Map<string, Existing>> {
  if (!emails.length) return new Map();
  const found = await client.$queryRaw<Existing[]>`
    SELECT ${Prisma.raw(personColumns("p"))}, a.path AS "agencyPath"
    FROM "Person" p JOIN "Agency" a ON a.id = p."agencyId"
    WHERE p.email = ANY(${emails}::text[])`;
  return new Map(found.map((p) => [p.email, p]));
}

/** Staff code → the email of the person who holds it, for the codes in the file. */
async function holdersOfCodes(client: Db | Tx, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const found = await client.$queryRaw<{ staffCode: string; email: string }[]>`
    SELECT "staffCode", email FROM "Person" WHERE "staffCode" = ANY(${codes}::text[])`;
  return new Map(found.map((p) => [p.staffCode, p.email]));
}

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

function differs(before: Existing, after: PlannedPerson): boolean {
  return (
    before.fullName !== after.fullName ||
    before.agencyId !== after.agencyId ||
    before.staffCategory !== after.staffCategory ||
    before.position !== after.position ||
    before.isHeadOfUnit !== after.isHeadOfUnit ||
    before.itRole !== after.itRole ||
    !sameTags(before.tags, after.tags) ||
    before.staffCode !== after.staffCode
  );
}

export async function planImport(
  client: Db | Tx,
  scope: Scope,
  rows: ImportRow[],
  locale: Locale = "vi",
): Promise<ImportPlan> {
  // Sequential on purpose: inside a transaction both go down the same connection anyway.
  const agencies = await resolveAgencyCodes(
    rows.map((r) => r.agencyCode),
    client,
  );
  const existing = await existingByEmail(
    client,
    rows.map((r) => r.email),
  );
  const holders = await holdersOfCodes(
    client,
    rows.flatMap((r) => (r.staffCode ? [r.staffCode] : [])),
  );
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, errors: [] };
  for (const row of rows) {
    const errors: ImportError[] = [];
    const agency = agencies.get(row.agencyCode.trim());
    if (!agency)
      errors.push({
        line: row.line,
        column: COLUMN_LABEL.agencyCode,
        message: translate(locale, PLAN_ERRORS.agencyUnknown, { code: row.agencyCode }),
      });
    else if (!inScope(scope, agency.path)) {
      errors.push({
        line: row.line,
        column: COLUMN_LABEL.agencyCode,
        message: translate(locale, PLAN_ERRORS.agencyOutOfScope, { code: row.agencyCode }),
      });
    }
    const before = existing.get(row.email);
    if (before && !inScope(scope, before.agencyPath)) {
      errors.push({
        line: row.line,
        column: COLUMN_LABEL.email,
        message: translate(locale, PLAN_ERRORS.emailElsewhere),
      });
    }
    // A code held by someone else stays theirs: to move a code, clear it there first (unique per person).
    const holder = row.staffCode ? holders.get(row.staffCode) : undefined;
    if (holder !== undefined && holder !== row.email) {
      errors.push({
        line: row.line,
        column: COLUMN_LABEL.staffCode,
        message: translate(locale, PLAN_ERRORS.staffCodeTaken, { code: row.staffCode! }),
      });
    }
    if (errors.length || !agency) {
      plan.errors.push(...errors);
      continue;
    }
    const after: PlannedPerson = {
      line: row.line,
      fullName: row.fullName,
      email: row.email,
      agencyId: agency.id,
      staffCategory: row.staffCategory,
      position: row.position ?? before?.position ?? "",
      isHeadOfUnit: row.isHeadOfUnit ?? before?.isHeadOfUnit ?? false,
      itRole: row.itRole ?? before?.itRole ?? "NONE",
      tags: row.tags ?? before?.tags ?? [],
      staffCode: row.staffCode !== undefined ? row.staffCode : (before?.staffCode ?? null),
    };
    if (!before) plan.creates.push(after);
    else if (differs(before, after))
      plan.updates.push({ ...after, id: before.id, previousAgencyId: before.agencyId });
    else plan.unchanged++;
  }
  return plan;
}
