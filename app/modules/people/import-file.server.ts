// Reads an uploaded people file (CSV or XLSX) into rows of raw cells, or one file-level error in the uploader's
// locale.
// Never throws on bad input: a corrupt or hostile file is an answer to show, not a crash.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { type Locale, type MessageKey, type MessageParams, translate } from "~/i18n";
import { MAX_DATA_ROWS, MAX_FILE_BYTES, type RawCell, type RawRow } from "./import-columns";

// Header search and blank lines need a little room beyond the data rows before we stop reading.
const MAX_READ_ROWS = MAX_DATA_ROWS + 1_000;

export type ParsedFile =
  { ok: true; format: "csv" | "xlsx"; rows: RawRow[]; truncated: boolean } | { ok: false; error: string };
type Parsed = ParsedFile | { ok: false; key: MessageKey; params?: MessageParams };

const fail = (key: MessageKey, params?: MessageParams): Parsed => ({ ok: false, key, params });

// File-level problems as message keys; parsePeopleFile writes them in the uploader's locale.
export const FILE_ERRORS = {
  empty: "people.fileEmpty",
  tooLarge: "people.fileTooLarge",
  type: "people.fileType",
  xls: "people.fileXls",
  csvEncoding: "people.fileCsvEncoding",
  xlsxCorrupt: "people.fileXlsxCorrupt",
  xlsxTooBig: "people.fileXlsxTooBig",
} as const satisfies Record<string, MessageKey>;

export async function parsePeopleFile(
  fileName: string,
  bytes: Uint8Array,
  locale: Locale = "vi",
): Promise<ParsedFile> {
  const parsed = await parseAny(fileName, bytes);
  return "key" in parsed ? { ok: false, error: translate(locale, parsed.key, parsed.params) } : parsed;
}

async function parseAny(fileName: string, bytes: Uint8Array): Promise<Parsed> {
  if (bytes.byteLength === 0) return fail(FILE_ERRORS.empty);
  if (bytes.byteLength > MAX_FILE_BYTES)
    return fail(FILE_ERRORS.tooLarge, {
      size: (bytes.byteLength / 1024 / 1024).toFixed(1).replace(".", ","),
    });
  const ext = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext === "csv" || ext === "txt") return parseCsv(bytes);
  if (ext === "xlsx") return parseXlsx(bytes);
  if (ext === "xls") return fail(FILE_ERRORS.xls);
  return fail(FILE_ERRORS.type);
}

function hasControlBytes(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x09 || (c > 0x0d && c < 0x20)) return true;
  }
  return false;
}

function decodeText(bytes: Uint8Array): string | null {
  // Excel's "Unicode text" is UTF-16 LE with a BOM; everything else must be UTF-8 (the BOM is dropped).
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
  try {
    const text = new TextDecoder(utf16 ? "utf-16le" : "utf-8", { fatal: true }).decode(bytes);
    // NUL or other control bytes mean binary content that happens to be valid UTF-8.
    return hasControlBytes(text) ? null : text;
  } catch {
    return null;
  }
}

function parseCsv(bytes: Uint8Array): Parsed {
  const text = decodeText(bytes);
  if (text === null) return fail(FILE_ERRORS.csvEncoding);
  if (text.trim() === "") return fail(FILE_ERRORS.empty);
  // Empty lines are kept so record n is row n in Excel; blank rows are skipped later, by the validator.
  const result = Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimitersToGuess: [",", ";", "\t", "|"],
    preview: MAX_READ_ROWS + 1,
  });
  const rows = result.data.map((cells, i) => ({ line: i + 1, cells: cells as RawCell[] }));
  // Papa reports a trailing newline as one empty record.
  while (rows.length && rows[rows.length - 1].cells.every((c) => c === "")) rows.pop();
  const truncated = rows.length > MAX_READ_ROWS;
  return { ok: true, format: "csv", rows: rows.slice(0, MAX_READ_ROWS), truncated };
}

// A 50,000-row sheet inflates to ~40 MB of XML; far more than that is a zip bomb, not a staff list.
const MAX_INFLATED_BYTES = 150 * 1024 * 1024;

/**
 * Total uncompressed size the zip's central directory declares, or null when there is no readable
 * directory (not a zip). Checked before ExcelJS inflates anything: it spools sheets to a temp file
 * when shared strings come later in the archive, so a bomb would otherwise fill the disk.
 */
export function zipInflatedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment (< 64 KB).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null;
    const size = view.getUint32(offset + 24, true);
    // 0xFFFFFFFF means the real size is in a ZIP64 field: more than 4 GB, a bomb by definition.
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
  return total;
}

type ExcelValue = ExcelJS.CellValue | undefined;

/** An ExcelJS value → a raw cell. A formula becomes "=…" so the formula rule refuses it like typed text. */
function excelCell(value: ExcelValue): RawCell {
  if (value === null || value === undefined) return null;
  if (
    typeof value === "string" ||
    typeof value === "number" ||
    typeof value === "boolean" ||
    value instanceof Date
  )
    return value;
  if (typeof value === "object") {
    if ("formula" in value && value.formula) return `=${value.formula}`;
    if ("sharedFormula" in value && value.sharedFormula) return `=${value.sharedFormula}`;
    if ("richText" in value && Array.isArray(value.richText))
      return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return null;
  }
  return String(value);
}

async function parseXlsx(bytes: Uint8Array): Promise<Parsed> {
  const inflated = zipInflatedSize(bytes);
  if (inflated === null) return fail(FILE_ERRORS.xlsxCorrupt);
  if (inflated > MAX_INFLATED_BYTES) return fail(FILE_ERRORS.xlsxTooBig);
  // Streamed so a small file that inflates to millions of rows (a zip bomb) is cut off, not held in memory.
  const source = Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: "cache",
    styles: "cache", // needed to tell date cells from plain numbers
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const rows: RawRow[] = [];
  let truncated = false;
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = Array.isArray(row.values) ? row.values : [];
        // ExcelJS row values are 1-based and sparse.
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(excelCell(values[i]));
        if (cells.every((c) => c === null || c === "")) continue;
        rows.push({ line: row.number, cells });
        if (rows.length > MAX_READ_ROWS) {
          truncated = true;
          break;
        }
      }
      // The first sheet with content is the list; later sheets (notes, lookups) are not read.
      if (rows.length || truncated) break;
    }
  } catch {
    return fail(FILE_ERRORS.xlsxCorrupt);
  } finally {
    source.destroy();
  }
  if (sheets === 0) return fail(FILE_ERRORS.xlsxCorrupt);
  if (!rows.length) return fail(FILE_ERRORS.empty);
  return { ok: true, format: "xlsx", rows: rows.slice(0, MAX_READ_ROWS), truncated };
}
