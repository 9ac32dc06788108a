// Bulk import of people from CSV/XLSX in two steps: preview (check everything, store the normalized rows)
// and apply (check again against today's database, then write every row in one transaction or none).
import { createHash } from "node:crypto";
import { peopleChanged } from "~/modules/events/people-changed.server";
import { LONG_TX, db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/modules/audit/audit.server";
import type { Scope } from "~/modules/auth/scope";
import { DomainError } from "~/utils/errors";
import { parsePeopleFile } from "./import-file.server";
import { planImport, type ImportPlan } from "./import-plan.server";
import { readImportRows, type ImportError, type ImportRow } from "./import-rows";
import { writeCreates, writeUpdates } from "./import-write.server";
import { isUuid } from "~/utils/uuid";
import { translate, type Locale } from "~/i18n";

export { parsePeopleFile, type ParsedFile } from "./import-file.server";
export type { ImportError, ImportRow } from "./import-rows";

export type ImportStatus = "PREVIEW" | "APPLIED";
export type ImportSummary = {
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  rowCount: number;
  errors: ImportError[];
};
/** What the preview page shows; the rows themselves stay in the database, not in the page. */
export type ImportPreview = {
  id: string;
  fileName: string;
  status: ImportStatus;
  createdAt: Date;
  summary: ImportSummary;
};
export type ImportCounts = { created: number; updated: number; unchanged: number };
export type ApplyResult =
  { ok: true; counts: ImportCounts; preview: ImportPreview } | { ok: false; preview: ImportPreview };

// Enough to fix a file by; a file with 50,000 broken rows has one problem repeated, not 50,000.
const MAX_ERRORS_SHOWN = 1_000;
const TX_OPTIONS = LONG_TX;

export const IMPORT_ERRORS = {
  noScope: "people.importNoScope",
  notFound: "people.importNotFound",
  applied: "people.importApplied",
  hasErrors: "people.importHasErrors",
  changed: "people.importChanged",
} as const;

function summarize(
  rowCount: number,
  readErrors: ImportError[],
  plan: ImportPlan,
  locale: Locale,
): ImportSummary {
  const all = [...readErrors, ...plan.errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const errors = all.slice(0, MAX_ERRORS_SHOWN);
  if (all.length > errors.length) {
    errors.push({
      line: null,
      column: null,
      message: translate(locale, "people.importMoreErrors", { count: all.length - errors.length }),
    });
  }
  return {
    toCreate: plan.creates.length,
    toUpdate: plan.updates.length,
    unchanged: plan.unchanged,
    rowCount,
    errors,
  };
}

function toPreview(
  row: { id: string; fileName: string; status: string; createdAt: Date },
  summary: ImportSummary,
): ImportPreview {
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status as ImportStatus,
    createdAt: row.createdAt,
    summary,
  };
}

export async function previewPeopleImport(args: {
  scope: Scope;
  fileName: string;
  bytes: Uint8Array;
  actorUserId: string;
  /** The uploader's: the problems are stored as they will be shown to them. */
  locale?: Locale;
}): Promise<ImportPreview> {
  const { scope, fileName, bytes, actorUserId, locale = "vi" } = args;
  if (scope !== "ALL" && scope.length === 0) throw new DomainError(IMPORT_ERRORS.noScope, { status: 403 });
  const parsed = await parsePeopleFile(fileName, bytes, locale);
  if (!parsed.ok)
    throw new DomainError("people.importFileProblem", { params: { reason: parsed.error }, field: "file" });
  const read = readImportRows(parsed.rows, parsed.truncated, locale);
  if (!read.ok)
    throw new DomainError("people.importFileProblem", { params: { reason: read.error }, field: "file" });
  const plan = await planImport(db, scope, read.rows, locale);
  const summary = summarize(read.rowCount, read.errors, plan, locale);
  const stored = await db.peopleImport.create({
    data: {
      createdById: actorUserId,
      fileName: fileName.slice(0, 255),
      fileHash: createHash("sha256").update(bytes).digest("hex"),
      // Only rows that passed the file checks; a preview with any error cannot be applied anyway.
      rows: read.rows as unknown as Prisma.InputJsonValue,
      summary: summary as unknown as Prisma.InputJsonValue,
    },
  });
  return toPreview(stored, summary);
}

/** Thrown inside the transaction to roll back the status change when re-checking finds errors. */
class Rejected extends Error {
  constructor(public summary: ImportSummary) {
    super("import rejected");
  }
}

export async function applyPeopleImport(args: {
  scope: Scope;
  importId: string;
  actorUserId: string;
  locale?: Locale;
}): Promise<ApplyResult> {
  const { scope, importId, actorUserId, locale = "vi" } = args;
  const found = isUuid(importId) ? await db.peopleImport.findUnique({ where: { id: importId } }) : null;
  // Someone else's import is "not found" too: ids of other users' uploads reveal nothing.
  if (!found || found.createdById !== actorUserId)
    throw new DomainError(IMPORT_ERRORS.notFound, { status: 404 });
  if (found.status !== "PREVIEW") throw new DomainError(IMPORT_ERRORS.applied, { status: 409 });
  const stored = found.summary as unknown as ImportSummary;
  if (stored.errors.length) return { ok: false, preview: toPreview(found, stored) };
  const rows = found.rows as unknown as ImportRow[];

  try {
    return await db.$transaction(async (tx) => {
      // Claim the import first: a second apply of the same import waits on this row lock, then finds it taken.
      const claimed = await tx.peopleImport.updateMany({
        where: { id: importId, createdById: actorUserId, status: "PREVIEW" },
        data: { status: "APPLIED", appliedAt: new Date() },
      });
      if (claimed.count !== 1) throw new DomainError(IMPORT_ERRORS.applied, { status: 409 });
      // Agencies, scope and emails may have changed since the preview; check again, inside the transaction.
      const plan = await planImport(tx, scope, rows, locale);
      const summary = summarize(rows.length, [], plan, locale);
      if (plan.errors.length) throw new Rejected(summary);
      await writePlan(tx, plan, { importId, fileName: found.fileName, actorUserId });
      // Imported hires and changes join standing assignments in the same transaction.
      if (plan.creates.length || plan.updates.length) await peopleChanged({ tx });
      const applied = await tx.peopleImport.update({
        where: { id: importId },
        data: { summary: summary as unknown as Prisma.InputJsonValue },
      });
      const counts = {
        created: plan.creates.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged,
      };
      return { ok: true as const, counts, preview: toPreview(applied, summary) };
    }, TX_OPTIONS);
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, preview: toPreview(found, error.summary) };
    if ((error as { code?: string }).code === "P2002")
      throw new DomainError(IMPORT_ERRORS.changed, { status: 409 });
    throw error;
  }
}

async function writePlan(
  tx: Tx,
  plan: ImportPlan,
  meta: { importId: string; fileName: string; actorUserId: string },
) {
  const now = new Date();
  await writeCreates(tx, plan.creates, now);
  await writeUpdates(tx, plan.updates, now);
  await audit(
    {
      actorUserId: meta.actorUserId,
      action: "people.import",
      entityType: "PeopleImport",
      entityId: meta.importId,
      data: {
        fileName: meta.fileName,
        created: plan.creates.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged,
      },
    },
    tx,
  );
}
