// Spreadsheet exports. Cells that a spreadsheet would run as a formula are neutralised (CSV/formula injection).
import ExcelJS from "exceljs";

const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a quote so "=HYPERLINK(...)" is shown as text, never evaluated. */
export function neutraliseCell(value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  const s = String(value);
  return FORMULA_START.test(s) ? `'${s}` : s;
}

export async function xlsxResponse(
  fileName: string,
  sheetName: string,
  columns: { header: string; width?: number }[],
  rows: unknown[][],
): Promise<Response> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Học ATTT";
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 20 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(neutraliseCell));
  return xlsxFileResponse(fileName, (await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A workbook already written (templates with validation lists, several sheets) as a download. */
export function xlsxFileResponse(fileName: string, buffer: ArrayBuffer): Response {
  return new Response(buffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${fileName}"`,
    },
  });
}

/** A CSV text already built (see toCsv) as a download. */
export function csvTextResponse(fileName: string, text: string): Response {
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
    },
  });
}

function csvField(value: unknown): string {
  const cell = neutraliseCell(value);
  const text = cell === null ? "" : cell instanceof Date ? cell.toISOString() : String(cell);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV for Excel: UTF-8 with BOM, CRLF, every text cell neutralised against formula injection. */
export function toCsv(headers: string[], rows: unknown[][]): string {
  return "\uFEFF" + [headers, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export function csvResponse(fileName: string, headers: string[], rows: unknown[][]): Response {
  return csvTextResponse(fileName, toCsv(headers, rows));
}

// ExcelJS 4.4 writes a validation over a whole range ("C2:C50001") as one <dataValidation sqref>, but its
// typings only know the per-cell setter, which would mean one object per cell of a 50,000-row template.
type RangeValidations = { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } };

/** A data-validation rule (e.g. a drop-down list) over a range of cells. */
export function addRangeValidation(ws: ExcelJS.Worksheet, range: string, rule: ExcelJS.DataValidation) {
  (ws as unknown as RangeValidations).dataValidations.add(range, rule);
}
