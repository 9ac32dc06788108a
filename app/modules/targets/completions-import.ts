// Rows of an imported training-records file (certificates from training held elsewhere): columns, cell
// rules and row errors in Vietnamese naming row and column. Pure; the database checks are in the .server file.
import {
  cellText,
  headerKey,
  looksLikeFormula,
  type RawCell,
  type RawRow,
} from "~/modules/people/import-columns";
import { endOfVnDay, isRealDay, startOfVnDay } from "~/utils/vn-calendar";
import { cleanLine, textProblem } from "~/utils/zod-text";
import { translate, type Locale, type MessageKey, type MessageParams } from "~/i18n";

export const MAX_COMPLETION_ROWS = 5_000;

type Key = "email" | "topics" | "courseCode" | "completedAt" | "validUntil" | "externalRef" | "note";
export const COMPLETION_COLUMNS: { key: Key; label: string; aliases: string[] }[] = [
  { key: "email", label: "Email", aliases: ["email", "e mail", "thu dien tu", "dia chi email"] },
  { key: "topics", label: "Chủ đề", aliases: ["chu de", "topics", "topic", "chu de khoa hoc"] },
  { key: "courseCode", label: "Mã khóa học", aliases: ["ma khoa hoc", "course code", "course", "khoa hoc"] },
  {
    key: "completedAt",
    label: "Ngày hoàn thành",
    aliases: ["ngay hoan thanh", "ngay cap", "completed at", "completion date", "ngay"],
  },
  {
    key: "validUntil",
    label: "Hiệu lực đến",
    aliases: ["hieu luc den", "co hieu luc den", "valid until", "het han"],
  },
  {
    key: "externalRef",
    label: "Số chứng nhận",
    aliases: [
      "so chung nhan",
      "so giay chung nhan",
      "so chung chi",
      "external ref",
      "externalref",
      "ma chung nhan",
    ],
  },
  { key: "note", label: "Ghi chú", aliases: ["ghi chu", "note", "notes"] },
];
const LABEL = Object.fromEntries(COMPLETION_COLUMNS.map((c) => [c.key, c.label])) as Record<Key, string>;
const ALIAS = new Map(COMPLETION_COLUMNS.flatMap((c) => c.aliases.map((a) => [a, c.key] as const)));

export type CompletionRow = {
  line: number;
  email: string;
  topics: string[];
  courseCode: string | null;
  completedAt: Date;
  validUntil: Date | null;
  externalRef: string;
  note: string;
};
export type RowError = { line: number | null; column: string | null; message: string };

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A calendar day from an Excel date cell, an Excel serial, or dd/mm/yyyy text; null when it is none. */
export function cellDay(cell: RawCell | undefined): [number, number, number] | null {
  if (cell instanceof Date && !Number.isNaN(cell.getTime()))
    return [cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate()];
  if (typeof cell === "number" && Number.isInteger(cell) && cell > 0) {
    const d = new Date(EXCEL_EPOCH_MS + cell * 86400_000);
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  }
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(cellText(cell));
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDay(y, mo, d) || y < 1990 || y > 2100) return null;
  return [y, mo, d];
}

export function readCompletionRows(
  raw: RawRow[],
  opts: { knownTopics: ReadonlySet<string>; now: Date; locale?: Locale },
): { rows: CompletionRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  // Written in the uploader's locale: the preview is shown to the one who uploaded.
  const m = (key: MessageKey, params?: MessageParams) => translate(opts.locale ?? "vi", key, params);
  const headerIndex = raw.findIndex((r) =>
    r.cells.some((c) => ALIAS.get(headerKey(cellText(c))) === "email"),
  );
  if (headerIndex < 0)
    return {
      rows: [],
      errors: [{ line: null, column: null, message: m("targets.importNoHeader") }],
    };
  const map: Partial<Record<Key, number>> = {};
  raw[headerIndex].cells.forEach((c, i) => {
    const key = ALIAS.get(headerKey(cellText(c)));
    if (key && map[key] === undefined) map[key] = i;
  });
  const missing: string[] = [];
  if (map.topics === undefined && map.courseCode === undefined)
    missing.push(m("targets.importTopicsOrCourse"));
  if (map.completedAt === undefined) missing.push(LABEL.completedAt);
  if (map.externalRef === undefined) missing.push(LABEL.externalRef);
  if (missing.length)
    return {
      rows: [],
      errors: [
        {
          line: raw[headerIndex].line,
          column: null,
          message: m("targets.importMissingColumns", { columns: missing.join(", ") }),
        },
      ],
    };
  const data = raw.slice(headerIndex + 1).filter((r) => r.cells.some((c) => cellText(c) !== ""));
  if (data.length > MAX_COMPLETION_ROWS)
    return {
      rows: [],
      errors: [
        {
          line: null,
          column: null,
          message: m("targets.importTooManyRows", { rows: data.length, max: MAX_COMPLETION_ROWS }),
        },
      ],
    };
  const rows: CompletionRow[] = [];
  const seen = new Map<string, number>();
  for (const r of data) {
    const cell = (k: Key) => (map[k] === undefined ? undefined : r.cells[map[k]!]);
    const err = (k: Key | null, message: string) =>
      errors.push({ line: r.line, column: k ? LABEL[k] : null, message });
    const before = errors.length;
    for (const k of Object.keys(map) as Key[]) {
      const problem = textProblem(cellText(cell(k)).replace(/[\t\n\r]+/g, " "));
      if (looksLikeFormula(cell(k))) err(k, m("targets.importFormula"));
      else if (problem) err(k, m(problem));
    }
    if (errors.length > before) continue;
    const email = cellText(cell("email")).toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) err("email", m("people.emailInvalid"));
    const topics = cellText(cell("topics"))
      .split(/[,;\s]+/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    const courseCode = cellText(cell("courseCode")) || null;
    if (!topics.length && !courseCode)
      err(map.topics !== undefined ? "topics" : "courseCode", m("targets.importTopicsRequired"));
    const unknown = topics.filter((t) => !opts.knownTopics.has(t));
    if (unknown.length)
      err(
        "topics",
        m("targets.importUnknownTopics", {
          unknown: unknown.join(", "),
          known: [...opts.knownTopics].sort().join(", "),
        }),
      );
    const done = cellDay(cell("completedAt"));
    const completedAt = done ? startOfVnDay(done) : null;
    if (!completedAt) err("completedAt", m("targets.importCompletedFormat"));
    else if (completedAt > opts.now) err("completedAt", m("targets.importCompletedFuture"));
    const validCell = cellText(cell("validUntil"));
    const valid = validCell ? cellDay(cell("validUntil")) : null;
    const validUntil = valid ? endOfVnDay(valid) : null;
    if (validCell && !valid) err("validUntil", m("targets.importValidFormat"));
    else if (validUntil && completedAt && validUntil <= completedAt)
      err("validUntil", m("targets.importValidBeforeCompleted"));
    const externalRef = cleanLine(cellText(cell("externalRef")));
    if (!externalRef) err("externalRef", m("targets.importRefRequired"));
    else if (externalRef.length > 100) err("externalRef", m("targets.importRefTooLong", { max: 100 }));
    const note = cleanLine(cellText(cell("note")));
    if (note.length > 500) err("note", m("targets.importNoteTooLong", { max: 500 }));
    const key = `${email}\u0000${externalRef}`;
    if (email && externalRef && seen.has(key))
      err("externalRef", m("targets.importDuplicateRow", { line: seen.get(key)! }));
    seen.set(key, r.line);
    if (errors.length > before) continue;
    rows.push({
      line: r.line,
      email,
      topics,
      courseCode,
      completedAt: completedAt!,
      validUntil,
      externalRef,
      note,
    });
  }
  return { rows, errors };
}
