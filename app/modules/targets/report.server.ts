// Report tables as files: XLSX laid out like a government report (title rows, STT | Đơn vị | Tổng số | Đã
// hoàn thành | Tỷ lệ (%) | Chỉ tiêu (%) | Đánh giá, a "Tổng cộng" row) and CSV, in the reader's locale
// (Vietnamese unless they chose English). Live figures or a snapshot's
// stored rows give the same file, so a report can be regenerated from a snapshot at any time.
import ExcelJS from "exceljs";
import { csvResponse, neutraliseCell } from "~/utils/spreadsheet.server";
import { formatDate } from "~/utils/format";
import { isMessageKey, type Locale, type MessageKey, type MessageParams, translate } from "~/i18n";
import {
  type Figure,
  type FigureTable,
  type KindFilter,
  type ReportRow,
  reportRows,
  totalOf,
} from "./figures";

/** The reader's words for a target status ("Đạt", "Chậm"…); "—" where there is none. */
export function statusLabel(locale: Locale, s: string | null): string {
  if (!s) return "—";
  const key = `tg.status.${s}`;
  return isMessageKey(key) ? translate(locale, key) : s;
}

const HEADER_KEYS = [
  "tg.stt",
  "tg.agency",
  "tg.audience",
  "tg.completed",
  "tg.percent",
  "tg.targetPercent",
  "tg.status",
] as const satisfies readonly MessageKey[];

/** The report table's column heads in the reader's locale (Vietnamese for a Vietnamese reader). */
export const reportHeaders = (locale: Locale) => HEADER_KEYS.map((k) => translate(locale, k));

export type Report = {
  table: FigureTable;
  targetId: string;
  agencyId: string;
  kind: KindFilter;
  snapshotLabel: string | null;
  /** The reader's locale: the report is printed in it. */
  locale: Locale;
};

export type ReportModel = {
  locale: Locale;
  headers: string[];
  issuer: string;
  title: string;
  planLine: string;
  asOfLine: string;
  agencyName: string;
  agencyLine: string;
  rows: ReportRow[];
  total: Figure;
  targetPercent: number;
};

const round1 = (p: number | null) => (p === null ? null : Math.round(p * 10) / 10);

export function rowLabel(locale: Locale, r: ReportRow): string {
  return r.ownOnly ? translate(locale, "tg.ownStaff", { name: r.agency.name }) : r.agency.name;
}

/** What every rendering (page, XLSX, CSV) of a report shows. Rows in tree order, like a paper report. */
export function reportModel(r: Report): ReportModel {
  const target = r.table.targets.find((t) => t.id === r.targetId)!;
  const agency = r.table.agencies.find((a) => a.id === r.agencyId)!;
  const rows = reportRows(r.table, r.targetId, r.agencyId, r.kind);
  const total = totalOf(rows, target, r.table.plan, r.table.asOf);
  const t = (key: MessageKey, vars?: MessageParams) => translate(r.locale, key, vars);
  const date = formatDate(r.table.asOf);
  return {
    locale: r.locale,
    headers: reportHeaders(r.locale),
    issuer: r.table.plan.issuer,
    title: t("rep.title", { target: target.title.toLocaleUpperCase("vi") }),
    planLine: t("rep.planLine", { title: r.table.plan.title, documentNumber: r.table.plan.documentNumber }),
    asOfLine: r.snapshotLabel
      ? t("rep.asOfSnapshotLine", { date, label: r.snapshotLabel })
      : t("rep.asOfLine", { date }),
    agencyName: agency.name,
    agencyLine: t("rep.agencyLine", { name: agency.name }),
    rows,
    total,
    targetPercent: target.targetPercent,
  };
}

function cells(m: ReportModel): (string | number | null)[][] {
  const body = m.rows.map((r, i) => [
    i + 1,
    rowLabel(m.locale, r),
    r.figure.audience,
    r.figure.completed,
    round1(r.figure.percent),
    r.figure.targetPercent,
    statusLabel(m.locale, r.figure.status),
  ]);
  body.push([
    null,
    translate(m.locale, "tg.total"),
    m.total.audience,
    m.total.completed,
    round1(m.total.percent),
    m.targetPercent,
    statusLabel(m.locale, m.total.status),
  ]);
  return body;
}

export function fileStem(m: ReportModel, asOf: Date): string {
  return `bao-cao-chi-tieu-${formatDate(asOf).split("/").reverse().join("")}`;
}

export async function reportXlsx(r: Report): Promise<Response> {
  const m = reportModel(r);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Học ATTT";
  const ws = wb.addWorksheet(translate(m.locale, "rep.sheet"), {
    pageSetup: { orientation: "portrait", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [6, 48, 12, 14, 11, 12, 16].map((width) => ({ width }));
  const titleRow = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) => {
    const row = ws.addRow([neutraliseCell(text)]);
    ws.mergeCells(row.number, 1, row.number, 7);
    row.getCell(1).font = { bold: opts.bold ?? false, size: opts.size ?? 11, name: "Times New Roman" };
    row.getCell(1).alignment = {
      horizontal: opts.center === false ? "left" : "center",
      vertical: "middle",
      wrapText: true,
    };
    return row;
  };
  titleRow(m.issuer.toLocaleUpperCase("vi"), { bold: true, center: false });
  titleRow(m.title, { bold: true, size: 13 }).height = 36;
  titleRow(m.planLine);
  titleRow(m.asOfLine, { center: true });
  titleRow(m.agencyLine);
  ws.addRow([]);
  const thin = { style: "thin" as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const header = ws.addRow(m.headers);
  header.eachCell((c) => {
    c.font = { bold: true, name: "Times New Roman" };
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    c.border = border;
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
  });
  header.height = 32;
  const data = cells(m);
  data.forEach((values, i) => {
    const row = ws.addRow(values.map(neutraliseCell));
    const isTotal = i === data.length - 1;
    for (let c = 1; c <= 7; c++) {
      const cell = row.getCell(c);
      cell.border = border;
      cell.font = { bold: isTotal, name: "Times New Roman" };
      if (c === 5) cell.numFmt = "0.0";
      if (c !== 2) cell.alignment = { horizontal: "center" };
    }
  });
  ws.views = [{ state: "frozen", ySplit: header.number }];
  const buffer = await wb.xlsx.writeBuffer();
  return new Response(buffer as ArrayBuffer, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${fileStem(m, r.table.asOf)}.xlsx"`,
    },
  });
}

export function reportCsv(r: Report): Response {
  const m = reportModel(r);
  return csvResponse(`${fileStem(m, r.table.asOf)}.csv`, m.headers, cells(m));
}
