// Opens a downloaded file with a real reader of its format: a file that only looks right by name fails.
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import ICAL from "ical.js";
import Papa from "papaparse";

export type FileKind = "xlsx" | "csv" | "pdf" | "ics" | "txt";

export function kindOf(fileName: string): FileKind | null {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === "xlsx" || ext === "csv" || ext === "pdf" || ext === "ics" || ext === "txt" ? ext : null;
}

/** Reads the file as `kind`; returns what is wrong with it, or null when it is a good file of that kind. */
export async function fileProblem(path: string, kind: FileKind): Promise<string | null> {
  const bytes = await readFile(path);
  if (bytes.length === 0) return "empty file";
  const text = () => bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (/^\s*<(!doctype|html)/i.test(text())) return "an HTML page, not a file";
  try {
    switch (kind) {
      case "xlsx": {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
        const ws = wb.worksheets[0];
        if (!ws) return "workbook without a sheet";
        const header = (ws.getRow(1).values as unknown[]).filter(
          (v) => v !== null && v !== undefined && v !== "",
        );
        // Report exports may put a title above the table: any non-empty row among the first few will do.
        const firstRows = [1, 2, 3, 4, 5].map(
          (n) => (ws.getRow(n).values as unknown[]).filter(Boolean).length,
        );
        return header.length || firstRows.some((n) => n > 0) ? null : "the first sheet has no header row";
      }
      case "csv": {
        const parsed = Papa.parse<string[]>(text(), { skipEmptyLines: true });
        const fatal = parsed.errors.filter((e) => e.type !== "Delimiter");
        if (fatal.length) return `CSV errors: ${fatal.map((e) => `${e.code} row ${e.row}`).join(", ")}`;
        const header = parsed.data[0] ?? [];
        return header.some((c) => c.trim() !== "") ? null : "no header row";
      }
      case "pdf":
        return bytes.subarray(0, 5).toString("latin1") === "%PDF-" ? null : "does not start with %PDF-";
      case "txt":
        return text().trim() ? null : "no text";
      case "ics": {
        const cal = new ICAL.Component(ICAL.parse(text()));
        return cal.name === "vcalendar" ? null : `top component is ${cal.name}, not vcalendar`;
      }
    }
  } catch (e) {
    return `cannot be read as ${kind}: ${(e as Error).message}`;
  }
}
