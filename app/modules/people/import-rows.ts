// Turns the raw rows of a people file into normalized rows and line/column errors. Pure: the checks that
// need the database (agencies, existing emails, scope) are in import-plan.server.ts.
import type { ItRole, StaffCategory } from "~/generated/prisma/enums";
import {
  COLUMN_LABEL,
  OPTIONAL_COLUMNS,
  REQUIRED_COLUMNS,
  MAX_DATA_ROWS,
  cellText,
  looksLikeFormula,
  mapHeader,
  parseBirthDate,
  parseItRole,
  parseStaffCategory,
  parseTags,
  parseYesNo,
  type ColumnKey,
  type HeaderMap,
  type RawCell,
  type RawRow,
} from "./import-columns";
import { type Locale, type MessageKey, type MessageParams, translate } from "~/i18n";
import {
  MAX_NAME,
  MAX_POSITION,
  MAX_STAFF_CODE,
  MAX_TAG,
  MAX_TAGS,
  STAFF_CODE,
  cleanTags,
  cleanText,
  emailSchema,
} from "~/domain/people";
import { textProblem } from "~/utils/zod-text";

/** One person from the file. Optional columns absent from the file stay undefined: they change nothing. */
export type ImportRow = {
  line: number;
  fullName: string;
  email: string;
  agencyCode: string;
  staffCategory: StaffCategory;
  position?: string;
  isHeadOfUnit?: boolean;
  itRole?: ItRole;
  tags?: string[];
  /** Present when the file has the column; null for an empty cell (no code). */
  staffCode?: string | null;
};

export type ImportError = { line: number | null; column: string | null; message: string };

export type RowsResult =
  { ok: true; rows: ImportRow[]; errors: ImportError[]; rowCount: number } | { ok: false; error: string };

// A title row or two above the header is common in government templates; look a little way down for it.
const HEADER_SEARCH_ROWS = 10;
const MAX_CELL = 500;

/** Problems of the file's rows, in the uploader's locale (the preview is shown to the one who uploaded). */
export function rowErrors(locale: Locale = "vi") {
  const m = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const columns = () =>
    m("people.rowExpectedColumns", { required: REQUIRED_COLUMNS, optional: OPTIONAL_COLUMNS });
  return {
    header: (missing: string[]) => `${m("people.rowHeader", { columns: missing.join(", ") })} ${columns()}`,
    duplicateHeader: (label: string) => `${m("people.rowDuplicateHeader", { label })} ${columns()}`,
    headerOnly: m("people.rowHeaderOnly"),
    tooManyRows: m("people.rowTooMany", {
      max: MAX_DATA_ROWS.toLocaleString(locale === "vi" ? "vi-VN" : "en-GB"),
    }),
    formula: (first: string) => m("people.rowFormula", { first }),
    tooLong: m("people.rowCellTooLong", { max: MAX_CELL }),
    nameMissing: m("people.rowNameMissing"),
    nameTooLong: m("people.rowNameTooLong", { max: MAX_NAME }),
    emailMissing: m("people.rowEmailMissing"),
    emailInvalid: (v: string) => m("people.rowEmailInvalid", { value: v }),
    emailDuplicate: (v: string, first: number, again: number) =>
      m("people.rowEmailDuplicate", { value: v, first, again }),
    agencyMissing: m("people.rowAgencyMissing"),
    staffMissing: m("people.rowStaffMissing"),
    staffInvalid: (v: string) => m("people.rowStaffInvalid", { value: v }),
    positionTooLong: m("people.rowPositionTooLong", { max: MAX_POSITION }),
    headInvalid: (v: string) => m("people.rowHeadInvalid", { value: v }),
    itInvalid: (v: string) => m("people.rowItInvalid", { value: v }),
    tagsInvalid: m("people.rowTagsInvalid", { maxTags: MAX_TAGS, maxTag: MAX_TAG }),
    birthInvalid: (v: string) => m("people.rowBirthInvalid", { value: v }),
    staffCodeInvalid: (v: string) => m("people.rowStaffCodeInvalid", { value: v }),
    staffCodeDuplicate: (v: string, first: number, again: number) =>
      m("people.rowStaffCodeDuplicate", { value: v, first, again }),
  };
}

function findHeader(
  rows: RawRow[],
  ROW_ERRORS: ReturnType<typeof rowErrors>,
): { index: number; map: HeaderMap } | { error: string } {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  let best: { missing: string[]; duplicate: string | null } | null = null;
  for (let i = 0; i < candidates.length; i++) {
    const { map, missing, duplicate } = mapHeader(candidates[i].cells);
    if (!missing.length)
      return duplicate ? { error: ROW_ERRORS.duplicateHeader(duplicate) } : { index: i, map };
    if (!best || missing.length < best.missing.length) best = { missing, duplicate };
  }
  return { error: ROW_ERRORS.header(best?.missing ?? Object.values(COLUMN_LABEL)) };
}

/** Reads and checks every data row; a file-level problem (header, size) is one error instead. */
export function readImportRows(raw: RawRow[], truncated = false, locale: Locale = "vi"): RowsResult {
  const ROW_ERRORS = rowErrors(locale);
  if (truncated) return { ok: false, error: ROW_ERRORS.tooManyRows };
  const header = findHeader(raw, ROW_ERRORS);
  if ("error" in header) return { ok: false, error: header.error };
  const rows: ImportRow[] = [];
  const errors: ImportError[] = [];
  const firstLineOfEmail = new Map<string, number>();
  const firstLineOfCode = new Map<string, number>();
  let dataRows = 0;
  for (const { line, cells } of raw.slice(header.index + 1)) {
    const cellOf = (key: ColumnKey): RawCell | undefined => {
      const i = header.map[key];
      return i === undefined ? undefined : cells[i];
    };
    const keys = Object.keys(header.map) as ColumnKey[];
    if (keys.every((k) => cellText(cellOf(k)) === "")) continue;
    if (++dataRows > MAX_DATA_ROWS) return { ok: false, error: ROW_ERRORS.tooManyRows };

    const rowErrors: ImportError[] = [];
    const err = (key: ColumnKey, message: string) =>
      rowErrors.push({ line, column: COLUMN_LABEL[key], message });
    // Formula-looking or oversized cells are refused before any reading, so their text is never kept.
    for (const key of keys) {
      const cell = cellOf(key);
      if (looksLikeFormula(cell)) err(key, ROW_ERRORS.formula(cellText(cell).charAt(0) || "="));
      else if (cellText(cell).length > MAX_CELL) err(key, ROW_ERRORS.tooLong);
      else {
        const problem = textProblem(cleanText(cellText(cell)));
        if (problem) err(key, translate(locale, problem));
      }
    }
    const bad = new Set(rowErrors.map((e) => e.column));
    const text = (key: ColumnKey) => (bad.has(COLUMN_LABEL[key]) ? null : cleanText(cellText(cellOf(key))));

    const fullName = text("fullName");
    if (fullName === "") err("fullName", ROW_ERRORS.nameMissing);
    else if (fullName && fullName.length > MAX_NAME) err("fullName", ROW_ERRORS.nameTooLong);

    const emailText = text("email");
    let email: string | null = null;
    if (emailText === "") err("email", ROW_ERRORS.emailMissing);
    else if (emailText !== null) {
      const parsed = emailSchema.safeParse(emailText);
      if (!parsed.success) err("email", ROW_ERRORS.emailInvalid(emailText));
      else {
        email = parsed.data;
        const first = firstLineOfEmail.get(email);
        if (first !== undefined) err("email", ROW_ERRORS.emailDuplicate(email, first, line));
        else firstLineOfEmail.set(email, line);
      }
    }

    const agencyCode = text("agencyCode");
    if (agencyCode === "") err("agencyCode", ROW_ERRORS.agencyMissing);

    const staffText = text("staffCategory");
    const staffCategory = staffText ? parseStaffCategory(staffText) : null;
    if (staffText === "") err("staffCategory", ROW_ERRORS.staffMissing);
    else if (staffText !== null && !staffCategory) err("staffCategory", ROW_ERRORS.staffInvalid(staffText));

    const row: Partial<ImportRow> = { line };
    if (header.map.position !== undefined) {
      const position = text("position");
      if (position && position.length > MAX_POSITION) err("position", ROW_ERRORS.positionTooLong);
      else if (position !== null) row.position = position;
    }
    if (header.map.isHeadOfUnit !== undefined && !bad.has(COLUMN_LABEL.isHeadOfUnit)) {
      const head = parseYesNo(cellOf("isHeadOfUnit"));
      if (head === null) err("isHeadOfUnit", ROW_ERRORS.headInvalid(cellText(cellOf("isHeadOfUnit"))));
      else row.isHeadOfUnit = head;
    }
    const itText = header.map.itRole !== undefined ? text("itRole") : null;
    if (itText !== null) {
      const itRole = parseItRole(itText);
      if (!itRole) err("itRole", ROW_ERRORS.itInvalid(itText));
      else row.itRole = itRole;
    }
    const tagsText = header.map.tags !== undefined ? text("tags") : null;
    if (tagsText !== null) {
      const tags = cleanTags(parseTags(tagsText));
      if (tags.length > MAX_TAGS || tags.some((t) => t.length > MAX_TAG)) err("tags", ROW_ERRORS.tagsInvalid);
      else row.tags = tags;
    }
    const codeText = header.map.staffCode !== undefined ? text("staffCode") : null;
    if (codeText !== null) {
      if (codeText === "") row.staffCode = null;
      else if (codeText.length > MAX_STAFF_CODE || !STAFF_CODE.test(codeText))
        err("staffCode", ROW_ERRORS.staffCodeInvalid(codeText));
      else {
        const first = firstLineOfCode.get(codeText);
        if (first !== undefined) err("staffCode", ROW_ERRORS.staffCodeDuplicate(codeText, first, line));
        else {
          firstLineOfCode.set(codeText, line);
          row.staffCode = codeText;
        }
      }
    }
    // Birth date is checked so a wrong column is caught, but not kept: the platform has no use for it.
    if (
      header.map.birthDate !== undefined &&
      !bad.has(COLUMN_LABEL.birthDate) &&
      !parseBirthDate(cellOf("birthDate")).ok
    ) {
      err("birthDate", ROW_ERRORS.birthInvalid(cellText(cellOf("birthDate"))));
    }

    if (rowErrors.length) errors.push(...rowErrors);
    else
      rows.push({
        ...row,
        fullName: fullName!,
        email: email!,
        agencyCode: agencyCode!,
        staffCategory: staffCategory!,
      } as ImportRow);
  }
  if (dataRows === 0) return { ok: false, error: ROW_ERRORS.headerOnly };
  return { ok: true, rows, errors, rowCount: dataRows };
}
