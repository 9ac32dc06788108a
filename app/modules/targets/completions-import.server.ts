// Imported training records (Completion source IMPORTED): preview, then apply in one transaction, written by
// the one writer of completions (recordImportedCompletions). The file is read with the people import's
// parser; coordinators reach only people of their subtree; idempotent on (person, số chứng nhận):
// re-importing a file changes nothing.
import { LONG_TX, db } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { type CompletionInput, recordImportedCompletions } from "~/modules/completions/record.server";
import { personWhere, type Scope } from "~/modules/auth/scope";
import { parsePeopleFile } from "~/modules/people/import-file.server";
import { type CompletionRow, type RowError, readCompletionRows } from "./completions-import";
import { topicChoices } from "./manage.server";
import { translate, type Locale } from "~/i18n";

export const MAX_COMPLETION_FILE_BYTES = 2 * 1024 * 1024;

type Planned = CompletionRow & {
  personId: string;
  courseId: string | null;
  action: "create" | "update" | "unchanged";
};
export type CompletionPreview = {
  fileName: string;
  counts: { create: number; update: number; unchanged: number };
  errors: RowError[];
  sample: {
    line: number;
    email: string;
    topics: string;
    completedAt: string;
    externalRef: string;
    action: string;
  }[];
};

const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

type ImportInput = { scope: Scope; fileName: string; bytes: Uint8Array; now?: Date; locale?: Locale };

async function plan({ scope, fileName, bytes, now = new Date(), locale = "vi" }: ImportInput) {
  if (bytes.byteLength > MAX_COMPLETION_FILE_BYTES)
    return {
      planned: [],
      errors: [{ line: null, column: null, message: translate(locale, "targets.importFileTooLarge") }],
    };
  const parsed = await parsePeopleFile(fileName, bytes, locale);
  if (!parsed.ok) return { planned: [], errors: [{ line: null, column: null, message: parsed.error }] };
  const courses = await db.course.findMany({ select: { id: true, code: true, topics: true } });
  const knownTopics = new Set(await topicChoices());
  const { rows, errors } = readCompletionRows(parsed.rows, { knownTopics, now, locale });
  const people = await db.person.findMany({
    where: { email: { in: [...new Set(rows.map((r) => r.email))] }, ...personWhere(scope) },
    select: { id: true, email: true },
  });
  const personByEmail = new Map(people.map((p) => [p.email, p.id]));
  const courseByCode = new Map(courses.map((c) => [c.code.toLowerCase(), c]));
  const existing = await db.completion.findMany({
    where: { personId: { in: people.map((p) => p.id) }, externalRef: { in: rows.map((r) => r.externalRef) } },
  });
  const existingByKey = new Map(existing.map((c) => [`${c.personId}\u0000${c.externalRef}`, c]));
  const planned: Planned[] = [];
  for (const r of rows) {
    const personId = personByEmail.get(r.email);
    // Outside the caller's subtree reads exactly like unknown: a coordinator learns nothing about others.
    if (!personId) {
      errors.push({
        line: r.line,
        column: "Email",
        message: translate(locale, "targets.importPersonNotFound"),
      });
      continue;
    }
    const course = r.courseCode ? courseByCode.get(r.courseCode.toLowerCase()) : undefined;
    if (r.courseCode && !course) {
      errors.push({
        line: r.line,
        column: "Mã khóa học",
        message: translate(locale, "targets.importCourseUnknown", { code: r.courseCode }),
      });
      continue;
    }
    const topics = [...new Set([...r.topics, ...(course?.topics ?? [])])].sort();
    const old = existingByKey.get(`${personId}\u0000${r.externalRef}`);
    const action = !old
      ? "create"
      : old.topics.slice().sort().join(",") === topics.join(",") &&
          sameDay(old.completedAt, r.completedAt) &&
          sameDay(old.validUntil, r.validUntil) &&
          old.note === r.note &&
          (old.courseId ?? null) === (course?.id ?? null)
        ? "unchanged"
        : "update";
    planned.push({ ...r, topics, personId, courseId: course?.id ?? null, action });
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { planned, errors };
}

function summarise(fileName: string, planned: Planned[], errors: RowError[]): CompletionPreview {
  const count = (a: Planned["action"]) => planned.filter((p) => p.action === a).length;
  return {
    fileName,
    counts: { create: count("create"), update: count("update"), unchanged: count("unchanged") },
    errors,
    sample: planned.slice(0, 20).map((p) => ({
      line: p.line,
      email: p.email,
      topics: p.topics.join(", "),
      completedAt: p.completedAt.toISOString(),
      externalRef: p.externalRef,
      action: p.action,
    })),
  };
}

export async function previewCompletionsImport(input: ImportInput): Promise<CompletionPreview> {
  const { planned, errors } = await plan(input);
  return summarise(input.fileName, planned, errors);
}

/** Re-reads and re-checks the file, then writes everything or nothing. */
export async function applyCompletionsImport(
  input: ImportInput & { actorUserId: string },
): Promise<{ ok: true; created: number; updated: number } | { ok: false; preview: CompletionPreview }> {
  const { planned, errors } = await plan(input);
  if (errors.length) return { ok: false, preview: summarise(input.fileName, planned, errors) };
  const completion = (p: Planned): CompletionInput => ({
    personId: p.personId,
    source: "IMPORTED",
    externalRef: p.externalRef,
    topics: p.topics,
    courseId: p.courseId,
    completedAt: p.completedAt,
    validUntil: p.validUntil,
    note: p.note,
    recordedById: input.actorUserId,
  });
  const creates = planned.filter((p) => p.action === "create").map(completion);
  const updates = planned.filter((p) => p.action === "update").map(completion);
  await db.$transaction(
    async (tx) => {
      await recordImportedCompletions(tx, creates, updates);
      await audit(
        {
          actorUserId: input.actorUserId,
          action: "completion.import",
          entityType: "Completion",
          data: { fileName: input.fileName, created: creates.length, updated: updates.length },
        },
        tx,
      );
    },
    { maxWait: LONG_TX.maxWait, timeout: LONG_TX.timeout },
  );
  return { ok: true, created: creates.length, updated: updates.length };
}
