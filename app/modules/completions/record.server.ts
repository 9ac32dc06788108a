// The one writer of Completion rows. Every source (a passed quiz, a class or drill attended, a record
// imported from elsewhere) goes through recordCompletion / completionInsertSql / recordImportedCompletions /
// removeCompletion, always inside the caller's transaction (or statement), so whatever else must change with a completion (a certificate,
// a registration, later a per-person summary) changes in the same transaction, and the validity date is
// computed one way: the Vietnamese calendar date plus the course's months (app/utils/vn-calendar.ts).
import { randomUUID } from "node:crypto";
import type { Tx } from "~/db.server";
import { type CompletionSource, Prisma } from "~/generated/prisma/client";
import { addMonthsVn } from "~/utils/vn-calendar";

export type CompletionInput = {
  personId: string;
  source: CompletionSource;
  completedAt: Date;
  topics: readonly string[];
  courseId?: string | null;
  versionId?: string | null;
  /** Months of validity from completedAt on the Vietnamese calendar; 0 or null: no expiry. */
  validityMonths?: number | null;
  /** An explicit end of validity (imported records carry their own); wins over validityMonths. */
  validUntil?: Date | null;
  attemptId?: string | null;
  score?: number | null;
  externalRef?: string | null;
  note?: string;
  recordedById?: string | null;
};

/** When a completion stops counting: an explicit date, else completedAt + months (Vietnam calendar). */
export function completionValidUntil(
  input: Pick<CompletionInput, "completedAt" | "validityMonths" | "validUntil">,
) {
  if (input.validUntil !== undefined) return input.validUntil;
  return input.validityMonths ? addMonthsVn(input.completedAt, input.validityMonths) : null;
}

function row(input: CompletionInput) {
  return {
    personId: input.personId,
    source: input.source,
    completedAt: input.completedAt,
    topics: [...new Set(input.topics)],
    courseId: input.courseId ?? null,
    versionId: input.versionId ?? null,
    validUntil: completionValidUntil(input),
    attemptId: input.attemptId ?? null,
    score: input.score ?? null,
    externalRef: input.externalRef ?? null,
    note: (input.note ?? "").slice(0, 500),
    recordedById: input.recordedById ?? null,
  };
}

/** Writes one completion in the caller's transaction and returns its id and end of validity. */
export async function recordCompletion(tx: Tx, input: CompletionInput) {
  const data = { id: randomUUID(), ...row(input) };
  await tx.completion.create({ data });
  return { id: data.id, validUntil: data.validUntil };
}

/**
 * recordCompletion as a statement's part, for a writer that makes the completion in the same statement as
 * what causes it (the quiz's claim, grade.server.ts: one data-modifying CTE instead of a transaction's round
 * trips): `INSERT INTO "Completion" … SELECT … FROM <from>`, one row per row of `from` (none when it is
 * empty), returning "id". The same row and validity as recordCompletion; `id` is the caller's, so it knows
 * the completion's id before the statement runs.
 */
export function completionInsertSql(id: string, input: CompletionInput, from: Prisma.Sql): Prisma.Sql {
  const r = row(input);
  return Prisma.sql`
    INSERT INTO "Completion" ("id", "personId", "source", "completedAt", "topics", "courseId", "versionId",
                              "validUntil", "attemptId", "score", "externalRef", "note", "recordedById")
    SELECT ${id}::uuid, ${r.personId}::uuid, ${r.source}::"CompletionSource", ${r.completedAt}::timestamptz,
           ${r.topics}::text[], ${r.courseId}::uuid, ${r.versionId}::uuid, ${r.validUntil}::timestamptz,
           ${r.attemptId}::uuid, ${r.score}::int, ${r.externalRef}::text, ${r.note}::text,
           ${r.recordedById}::uuid
    FROM ${from}
    RETURNING "id"`;
}

/**
 * Imported records are keyed by person + externalRef (a certificate number): a new key is created, a known
 * one updated in place, so importing the same file twice adds nothing.
 */
export async function recordImportedCompletions(
  tx: Tx,
  creates: readonly CompletionInput[],
  updates: readonly CompletionInput[],
) {
  if (creates.length)
    await tx.completion.createMany({
      data: creates.map((c) => row({ ...c, source: "IMPORTED" })),
      skipDuplicates: true,
    });
  for (const u of updates) {
    if (!u.externalRef) throw new Error("An imported completion needs its externalRef to be updated");
    const {
      personId: _p,
      externalRef: _e,
      source: _s,
      attemptId: _a,
      ...data
    } = row({ ...u, source: "IMPORTED" });
    await tx.completion.update({
      where: { personId_externalRef: { personId: u.personId, externalRef: u.externalRef } },
      data,
    });
  }
}

/** Withdraws a completion that no longer holds (attendance corrected), with its certificate. */
export async function removeCompletion(tx: Tx, completionId: string) {
  await tx.certificate.deleteMany({ where: { completionId } });
  await tx.completion.delete({ where: { id: completionId } });
}

/** A drill's score corrected after the completion was recorded. */
export async function setCompletionScore(tx: Tx, completionId: string, score: number) {
  await tx.completion.update({ where: { id: completionId }, data: { score } });
}
