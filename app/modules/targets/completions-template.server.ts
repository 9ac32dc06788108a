// The training-records import template: the columns the import reads and one sample row; in Excel, drop-down
// lists of the course codes and topics the import accepts (held on a hidden sheet, they outgrow 255 chars).
import ExcelJS from "exceljs";
import { db } from "~/db.server";
import { addRangeValidation, toCsv } from "~/utils/spreadsheet.server";
import { COMPLETION_COLUMNS } from "./completions-import";

export const COMPLETIONS_TEMPLATE_STEM = "mau-ket-qua-dao-tao";
export const LISTS_SHEET = "DanhMuc";
const LAST_ROW = 5_001; // the import takes at most 5,000 rows

async function templateData() {
  const courses = await db.course.findMany({
    select: { code: true, topics: true },
    orderBy: { code: "asc" },
  });
  const targets = await db.target.findMany({ select: { topics: true } });
  const topics = [...new Set([...courses, ...targets].flatMap((c) => c.topics))].sort();
  const course = courses[0];
  const sample: Record<(typeof COMPLETION_COLUMNS)[number]["key"], string> = {
    email: "an.nguyen@donvi.gov.vn",
    topics: course?.topics[0] ?? topics[0] ?? "",
    courseCode: course?.code ?? "",
    completedAt: "15/03/2026",
    validUntil: "15/03/2028",
    externalRef: "GCN-2026-0001",
    note: "Lớp do cơ quan khác tổ chức",
  };
  return {
    courses: courses.map((c) => c.code),
    topics,
    headers: COMPLETION_COLUMNS.map((c) => c.label),
    sample: COMPLETION_COLUMNS.map((c) => sample[c.key]),
  };
}

export async function completionsTemplateCsv(): Promise<string> {
  const { headers, sample } = await templateData();
  return toCsv(headers, [sample]);
}

export async function completionsTemplateXlsx(): Promise<ArrayBuffer> {
  const { courses, topics, headers, sample } = await templateData();
  const wb = new ExcelJS.Workbook();
  wb.creator = "Học ATTT";
  const ws = wb.addWorksheet("Kết quả đào tạo", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = headers.map((h) => ({ header: h, width: h === "Ghi chú" ? 32 : 20 }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(sample);
  for (let col = 1; col <= headers.length; col++) ws.getColumn(col).numFmt = "@";
  const lists = wb.addWorksheet(LISTS_SHEET, { state: "hidden" });
  lists.columns = [
    { header: "Mã khóa học", width: 24 },
    { header: "Chủ đề", width: 24 },
  ];
  for (let i = 0; i < Math.max(courses.length, topics.length); i++)
    lists.addRow([courses[i] ?? null, topics[i] ?? null]);
  const col = (key: string) => ws.getColumn(COMPLETION_COLUMNS.findIndex((c) => c.key === key) + 1).letter;
  addRangeValidation(ws, `${col("courseCode")}2:${col("courseCode")}${LAST_ROW}`, {
    type: "list",
    allowBlank: true,
    formulae: [`${LISTS_SHEET}!$A$2:$A$${Math.max(2, courses.length + 1)}`],
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "Giá trị không hợp lệ",
    error: "Chọn một mã khóa học trong danh sách, hoặc để trống và ghi chủ đề.",
  });
  // Several topics may share a cell ("attt-co-ban, attt-chuyen-sau"): the list suggests, it does not forbid.
  addRangeValidation(ws, `${col("topics")}2:${col("topics")}${LAST_ROW}`, {
    type: "list",
    allowBlank: true,
    formulae: [`${LISTS_SHEET}!$B$2:$B$${Math.max(2, topics.length + 1)}`],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: "Chủ đề lạ",
    error: "Chủ đề này không có trong danh sách; nhiều chủ đề thì ngăn cách bằng dấu phẩy.",
  });
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
