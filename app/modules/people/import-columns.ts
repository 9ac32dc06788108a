// Columns of the people import file and how each cell is read. Pure: unit-tested without a database.
import type { ItRole, StaffCategory } from "~/generated/prisma/enums";
import { foldVietnamese } from "~/utils/text";

/** A cell as read from the file: CSV gives strings; XLSX also numbers, booleans and dates. */
export type RawCell = string | number | boolean | Date | null;
/** One row as the user sees it in Excel: `line` 1 is the first row of the sheet. */
export type RawRow = { line: number; cells: RawCell[] };

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DATA_ROWS = 50_000;

export type ColumnKey =
  | "fullName"
  | "email"
  | "agencyCode"
  | "staffCategory"
  | "position"
  | "isHeadOfUnit"
  | "itRole"
  | "tags"
  | "staffCode"
  | "birthDate";

type ColumnDef = { key: ColumnKey; label: string; required: boolean; aliases: string[] };

// The column names of the template, in its order (Vietnamese in every locale).
const LABELS: Record<ColumnKey, string> = {
  fullName: "Họ và tên",
  email: "Email",
  agencyCode: "Mã đơn vị",
  staffCategory: "Đối tượng",
  position: "Chức vụ",
  isHeadOfUnit: "Người đứng đầu",
  itRole: "Vai trò CNTT",
  tags: "Nhãn",
  staffCode: "Mã cán bộ",
  birthDate: "Ngày sinh",
};
const REQUIRED = new Set<ColumnKey>(["fullName", "email", "agencyCode", "staffCategory"]);

// Aliases are compared after headerKey(): lower-case, no diacritics, punctuation as spaces.
const ALIASES: Record<ColumnKey, string[]> = {
  fullName: ["ho va ten", "ho ten", "hoten", "full name", "fullname", "name"],
  email: ["email", "e mail", "thu dien tu", "dia chi email", "dia chi thu dien tu", "mail"],
  agencyCode: ["ma don vi", "ma dv", "ma co quan", "agency code", "agencycode", "agency"],
  staffCategory: ["doi tuong", "phan loai", "loai can bo", "staff category", "staffcategory", "category"],
  position: ["chuc vu", "chuc danh", "position", "job title", "title"],
  isHeadOfUnit: ["nguoi dung dau", "dung dau", "head of unit", "is head of unit", "isheadofunit", "head"],
  itRole: ["vai tro cntt", "cntt", "it role", "itrole"],
  tags: ["nhan", "tags", "tag", "labels"],
  staffCode: ["ma can bo", "ma cb", "ma cbccvc", "ma so can bo", "ma nhan vien", "staff code", "staffcode"],
  birthDate: ["ngay sinh", "ngay thang nam sinh", "date of birth", "birth date", "birthdate", "dob"],
};

export const COLUMNS: readonly ColumnDef[] = (Object.keys(LABELS) as ColumnKey[]).map((key) => ({
  key,
  label: LABELS[key],
  required: REQUIRED.has(key),
  aliases: ALIASES[key],
}));

export const COLUMN_LABEL: Readonly<Record<ColumnKey, string>> = LABELS;

export function headerKey(text: string): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const ALIAS = new Map<string, ColumnKey>(COLUMNS.flatMap((c) => c.aliases.map((a) => [a, c.key] as const)));

// The file's column names (Vietnamese in every locale: they are the template's headers).
export const REQUIRED_COLUMNS = COLUMNS.filter((c) => c.required)
  .map((c) => c.label)
  .join(", ");
export const OPTIONAL_COLUMNS = COLUMNS.filter((c) => !c.required)
  .map((c) => c.label)
  .join(", ");

export type HeaderMap = Partial<Record<ColumnKey, number>>;

/**
 * Which cell index holds each known column. Unknown columns (STT, Đơn vị, Trạng thái of our own export)
 * are ignored, so an exported file can be edited and imported back.
 */
export function mapHeader(cells: RawCell[]): { map: HeaderMap; missing: string[]; duplicate: string | null } {
  const map: HeaderMap = {};
  let duplicate: string | null = null;
  cells.forEach((cell, index) => {
    const key = ALIAS.get(headerKey(cellText(cell)));
    if (!key) return;
    if (map[key] !== undefined) duplicate ??= COLUMN_LABEL[key];
    else map[key] = index;
  });
  const missing = COLUMNS.filter((c) => c.required && map[c.key] === undefined).map((c) => c.label);
  return { map, missing, duplicate };
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** The text of a cell, trimmed. Dates read as dd/mm/yyyy, the way a Vietnamese user typed them. */
export function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return "";
    return `${pad2(cell.getUTCDate())}/${pad2(cell.getUTCMonth() + 1)}/${cell.getUTCFullYear()}`;
  }
  return String(cell)
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .trim();
}

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula (and tab / CR can smuggle one in), so such
 * text is refused rather than stored: it would reach every later export. Only text cells: a number cell
 * such as -1 is no formula.
 */
export function looksLikeFormula(cell: RawCell | undefined): boolean {
  if (typeof cell !== "string") return false;
  const stripped = cell.replace(/^[\u200b-\u200d\ufeff]+/, "");
  return /^[\t\r]/.test(stripped) || /^[=+\-@]/.test(stripped.trim());
}

const STAFF: Record<string, StaffCategory> = {
  "can bo": "CAN_BO",
  "cong chuc": "CONG_CHUC",
  "vien chuc": "VIEN_CHUC",
  "nguoi lao dong": "NGUOI_LAO_DONG",
  "lao dong": "NGUOI_LAO_DONG",
  "lao dong hop dong": "NGUOI_LAO_DONG",
};
const IT: Record<string, ItRole> = {
  "": "NONE",
  khong: "NONE",
  none: "NONE",
  "chuyen trach": "FULL_TIME",
  "full time": "FULL_TIME",
  "kiem nhiem": "PART_TIME",
  "part time": "PART_TIME",
};
const YES = new Set(["co", "x", "1", "true", "yes", "y", "dung"]);
const NO = new Set(["", "khong", "0", "false", "no", "n", "sai"]);

/** "Công chức", "cong chuc", "CONG_CHUC" → CONG_CHUC; null when it is none of the four. */
export function parseStaffCategory(text: string): StaffCategory | null {
  return STAFF[headerKey(text)] ?? null;
}

/** "Chuyên trách", "kiem nhiem", "PART_TIME", empty (→ NONE); null when unknown. */
export function parseItRole(text: string): ItRole | null {
  return IT[headerKey(text)] ?? null;
}

/** có/không, x, 1/0, true/false (and an Excel boolean or number cell); null when unknown. */
export function parseYesNo(cell: RawCell | undefined): boolean | null {
  if (typeof cell === "boolean") return cell;
  const key = headerKey(cellText(cell));
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}

/** Tags separated by ; or , */
export function parseTags(text: string): string[] {
  return text.split(/[;,]/);
}

// Excel's day 0 is 1899-12-30 (it counts the fictional 29/02/1900).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A birth date from an Excel date cell, an Excel serial number, dd/mm/yyyy (also - or .) or yyyy-mm-dd.
 * "ok: false" for anything else, including impossible dates (31/02) and years outside 1900..today.
 */
export function parseBirthDate(
  cell: RawCell | undefined,
  today = new Date(),
): { ok: true; value: Date | null } | { ok: false } {
  let date: Date | null = null;
  if (cell === null || cell === undefined || cellText(cell) === "") return { ok: true, value: null };
  if (cell instanceof Date) date = cell;
  else if (typeof cell === "number")
    date = Number.isInteger(cell) && cell > 0 ? new Date(EXCEL_EPOCH_MS + cell * DAY_MS) : null;
  else {
    const text = cellText(cell);
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    const [d, m, y] = dmy ? [dmy[1], dmy[2], dmy[3]] : ymd ? [ymd[3], ymd[2], ymd[1]] : [];
    if (d && m && y) {
      const candidate = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      // Date.UTC rolls 31/02 over to March; a date that does not survive the round trip does not exist.
      const exists =
        candidate.getUTCFullYear() === Number(y) &&
        candidate.getUTCMonth() === Number(m) - 1 &&
        candidate.getUTCDate() === Number(d);
      date = exists ? candidate : null;
    }
  }
  if (!date || Number.isNaN(date.getTime())) return { ok: false };
  if (date.getUTCFullYear() < 1900 || date.getTime() > today.getTime()) return { ok: false };
  return { ok: true, value: date };
}
