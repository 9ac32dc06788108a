// The people import template: the columns the import reads, one sample row, and (in Excel) drop-down
// lists for the coded columns so a coordinator picks a valid staff category, IT role and agency code.
// Agency codes are the caller's own scope: a template never lists agencies the caller cannot import into.
import ExcelJS from "exceljs";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import type { Scope } from "~/modules/auth/scope";
import { addRangeValidation, toCsv } from "~/utils/spreadsheet.server";
import { COLUMNS, type ColumnKey, MAX_DATA_ROWS } from "./import-columns";
import { IT_ROLE_LABELS, IT_ROLES, STAFF_CATEGORIES, STAFF_CATEGORY_LABELS } from "~/domain/staff";

export const TEMPLATE_FILE_STEM = "mau-danh-sach-can-bo";
/** The hidden sheet holding the agency list: a list of codes can exceed Excel's 255-character inline limit. */
export const LISTS_SHEET = "DanhMuc";

const WIDTH: Record<ColumnKey, number> = {
  fullName: 28,
  email: 34,
  agencyCode: 16,
  staffCategory: 18,
  position: 24,
  isHeadOfUnit: 16,
  itRole: 16,
  tags: 24,
  staffCode: 16,
  birthDate: 14,
};

function sampleRow(agencyCode: string): Record<ColumnKey, string> {
  return {
    fullName: "Nguyễn Văn An",
    email: "an.nguyen@donvi.gov.vn",
    agencyCode,
    staffCategory: STAFF_CATEGORY_LABELS.CONG_CHUC,
    position: "Chuyên viên",
    isHeadOfUnit: "không",
    itRole: IT_ROLE_LABELS.PART_TIME,
    tags: "",
    staffCode: "",
    birthDate: "15/06/1990",
  };
}

async function templateData(scope: Scope) {
  const agencies = await listAgencyOptions(scope);
  const sample = sampleRow(agencies[0]?.code ?? "");
  return { agencies, headers: COLUMNS.map((c) => c.label), sample: COLUMNS.map((c) => sample[c.key]) };
}

export async function peopleTemplateCsv(scope: Scope): Promise<string> {
  const { headers, sample } = await templateData(scope);
  return toCsv(headers, [sample]);
}

function list(values: string[]) {
  return `"${values.join(",")}"`;
}

export async function peopleTemplateXlsx(scope: Scope): Promise<ArrayBuffer> {
  const { agencies, headers, sample } = await templateData(scope);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Học ATTT";
  const ws = wb.addWorksheet("Cán bộ", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = COLUMNS.map((c, i) => ({ header: headers[i], width: WIDTH[c.key] }));
  ws.getRow(1).font = { bold: true };
  // Text cells: Excel would otherwise turn 15/06/1990 into a date serial or drop a code's leading zero.
  ws.addRow(sample);
  for (let col = 1; col <= COLUMNS.length; col++) ws.getColumn(col).numFmt = "@";

  const lists = wb.addWorksheet(LISTS_SHEET, { state: "hidden" });
  lists.columns = [
    { header: "Mã đơn vị", width: 16 },
    { header: "Tên đơn vị", width: 48 },
  ];
  for (const a of agencies) lists.addRow([a.code, a.name]);

  const last = MAX_DATA_ROWS + 1;
  const letter = (key: ColumnKey) => ws.getColumn(COLUMNS.findIndex((c) => c.key === key) + 1).letter;
  const rule = (key: ColumnKey, formula: string, allowBlank: boolean, error: string) =>
    addRangeValidation(ws, `${letter(key)}2:${letter(key)}${last}`, {
      type: "list",
      allowBlank,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Giá trị không hợp lệ",
      error,
    });
  rule(
    "agencyCode",
    `${LISTS_SHEET}!$A$2:$A$${Math.max(2, agencies.length + 1)}`,
    false,
    "Chọn một mã đơn vị trong danh sách (các đơn vị bạn phụ trách).",
  );
  rule(
    "staffCategory",
    list(STAFF_CATEGORIES.map((s) => STAFF_CATEGORY_LABELS[s])),
    false,
    "Chọn Cán bộ, Công chức, Viên chức hoặc Người lao động.",
  );
  rule(
    "itRole",
    list(IT_ROLES.map((r) => IT_ROLE_LABELS[r])),
    true,
    "Chọn Không, Chuyên trách hoặc Kiêm nhiệm.",
  );
  rule("isHeadOfUnit", list(["có", "không"]), true, "Chọn có hoặc không.");
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
