// The download routes of issue 10: assignment progress and the two import templates are resource routes
// answering a file (status, type, disposition, content that parses), scoped to the caller's subtree.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { createAssignment } from "~/modules/assignments/assignments.server";
import { loader as progressPageLoader } from "~/routes/assignments.$assignmentId";
import { loader as progressCsv } from "~/routes/assignments.$assignmentId.progress[.]csv";
import { loader as progressXlsx } from "~/routes/assignments.$assignmentId.progress[.]xlsx";
import { action as peopleImportAction } from "~/routes/people.import";
import { loader as peopleTemplateCsv } from "~/routes/people.import.template[.]csv";
import { loader as peopleTemplateXlsx } from "~/routes/people.import.template[.]xlsx";
import { loader as completionsTemplateCsv } from "~/routes/targets.completions.import.template[.]csv";
import { loader as completionsTemplateXlsx } from "~/routes/targets.completions.import.template[.]xlsx";
import { makeCourseVersion } from "../fixtures/courses";
import { buildWorld, call, get, upload } from "./helpers/world";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
let w: Awaited<ReturnType<typeof buildWorld>>;
let assignmentId: string;
let courseCode: string;

beforeAll(async () => {
  w = await buildWorld();
  const fx = await makeCourseVersion({ topics: ["attt-co-ban"] });
  courseCode = fx.course.code;
  const created = await createAssignment(
    [w.a.path],
    { courseId: fx.course.id, agencyId: w.a.id, includeSubagencies: true, dueDays: 30 },
    w.coordA.user.id,
  );
  assignmentId = created.id;
});

type Loader = Parameters<typeof call>[0];

/** Calls a download loader and checks what every file answer must carry; returns the body bytes. */
async function download(loader: Loader, url: string, cookie: string, type: string, fileName: RegExp) {
  const res = await call(loader, get(url, cookie), { assignmentId });
  expect(res.status).toBe(200);
  expect(res.response, "a file Response, not page data").not.toBeNull();
  expect(res.response!.headers.get("Content-Type")).toContain(type);
  const disposition = res.response!.headers.get("Content-Disposition") ?? "";
  expect(disposition).toMatch(/^attachment; filename="[^"]+"$/);
  expect(disposition).toMatch(fileName);
  return Buffer.from(await res.response!.arrayBuffer());
}

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const rowValues = (ws: ExcelJS.Worksheet, n: number) =>
  (ws.getRow(n).values as unknown[]).slice(1).map((v) => (v === undefined || v === null ? "" : String(v)));

function csvRows(bytes: Buffer) {
  const text = bytes.toString("utf8");
  expect(text.charCodeAt(0), "BOM so Excel reads UTF-8").toBe(0xfeff);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe("assignment progress downloads", () => {
  it("progress.xlsx holds every member of the coordinator's subtree, with the header row", async () => {
    const url = `/assignments/${assignmentId}/progress.xlsx`;
    const bytes = await download(progressXlsx, url, w.coordA.cookie, XLSX, /tien-do-.+\.xlsx/);
    const ws = (await workbook(bytes)).worksheets[0];
    expect(rowValues(ws, 1)).toEqual([
      "STT",
      "Họ và tên",
      "Email",
      "Đơn vị",
      "Trạng thái",
      "Hạn",
      "Ngày hoàn thành",
    ]);
    const names = Array.from({ length: ws.rowCount - 1 }, (_, i) => rowValues(ws, i + 2)[1]);
    expect(names).toContain("Nguyễn Văn An");
    expect(names).toContain("Trần Thị Bình");
    expect(names).not.toContain("Lê Văn Cường"); // agency B
  });

  it("progress.csv parses with the same header and filters by state", async () => {
    const all = csvRows(
      await download(
        progressCsv,
        `/assignments/${assignmentId}/progress.csv`,
        w.coordA.cookie,
        "text/csv",
        /\.csv"/,
      ),
    );
    expect(all[0]).toEqual(["STT", "Họ và tên", "Email", "Đơn vị", "Trạng thái", "Hạn", "Ngày hoàn thành"]);
    expect(all.length).toBeGreaterThan(2);
    const done = csvRows(
      await download(
        progressCsv,
        `/assignments/${assignmentId}/progress.csv?status=HOAN_THANH`,
        w.coordA.cookie,
        "text/csv",
        /\.csv"/,
      ),
    );
    expect(done).toHaveLength(1); // header only: nobody has finished
  });

  it("a coordinator of another agency gets 404, a learner 403, for both formats", async () => {
    for (const loader of [progressXlsx, progressCsv]) {
      const url = `/assignments/${assignmentId}/progress.x`;
      expect((await call(loader, get(url, w.coordB.cookie), { assignmentId })).status).toBe(404);
      expect((await call(loader, get(url, w.learner.cookie), { assignmentId })).status).toBe(403);
    }
  });

  it("the old ?export= link on the page sends the browser to the file route instead of failing", async () => {
    const res = await call(
      progressPageLoader,
      get(`/assignments/${assignmentId}?export=csv&status=QUA_HAN`, w.coordA.cookie),
      { assignmentId },
    );
    expect(res.status).toBe(302);
    expect(res.response!.headers.get("Location")).toBe(
      `/assignments/${assignmentId}/progress.csv?status=QUA_HAN`,
    );
  });
});

describe("people import template", () => {
  it("XLSX: header row, a sample row, drop-down lists; agency codes only from the caller's scope", async () => {
    const bytes = await download(
      peopleTemplateXlsx,
      "/people/import/template.xlsx",
      w.coordA.cookie,
      XLSX,
      /mau-danh-sach-can-bo\.xlsx/,
    );
    const wb = await workbook(bytes);
    const ws = wb.worksheets[0];
    expect(rowValues(ws, 1).slice(0, 4)).toEqual(["Họ và tên", "Email", "Mã đơn vị", "Đối tượng"]);
    expect(rowValues(ws, 2).slice(0, 4)).toEqual([
      "Nguyễn Văn An",
      "an.nguyen@donvi.gov.vn",
      "A",
      "Công chức",
    ]);
    const header = rowValues(ws, 1);
    const cell = (label: string, row = 2) => ws.getCell(row, header.indexOf(label) + 1);
    expect(cell("Đối tượng").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"Cán bộ,Công chức,Viên chức,Người lao động"'],
    });
    expect(cell("Vai trò CNTT", 500).dataValidation).toMatchObject({
      type: "list",
      formulae: ['"Không,Chuyên trách,Kiêm nhiệm"'],
    });
    const agencyRule = cell("Mã đơn vị", 1000).dataValidation;
    expect(agencyRule).toMatchObject({ type: "list", formulae: ["DanhMuc!$A$2:$A$3"] });
    const lists = wb.getWorksheet("DanhMuc")!;
    expect(lists.state).toBe("hidden");
    const codes = [2, 3, 4].map((r) => lists.getCell(r, 1).value);
    expect(codes).toEqual(["A", "A1", null]); // never B (another department) nor the province
  });

  it("an admin's template lists every agency", async () => {
    const bytes = await download(
      peopleTemplateXlsx,
      "/people/import/template.xlsx",
      w.admin.cookie,
      XLSX,
      /\.xlsx/,
    );
    const lists = (await workbook(bytes)).getWorksheet("DanhMuc")!;
    const codes = Array.from({ length: lists.rowCount - 1 }, (_, i) => lists.getCell(i + 2, 1).value);
    expect(codes.sort()).toEqual(["A", "A1", "B", "P"]);
  });

  it("CSV: header row and sample row; both templates import back cleanly as one new person", async () => {
    const csv = await download(
      peopleTemplateCsv,
      "/people/import/template.csv",
      w.coordA.cookie,
      "text/csv",
      /mau-danh-sach-can-bo\.csv/,
    );
    const rows = csvRows(csv);
    expect(rows[0].slice(0, 3)).toEqual(["Họ và tên", "Email", "Mã đơn vị"]);
    expect(rows).toHaveLength(2);
    const xlsx = await download(
      peopleTemplateXlsx,
      "/people/import/template.xlsx",
      w.coordA.cookie,
      XLSX,
      /\.xlsx/,
    );
    for (const [name, content] of [
      ["mau.csv", csv],
      ["mau.xlsx", xlsx],
    ] as const) {
      const res = await call(peopleImportAction, upload("/people/import", w.coordA.cookie, name, content));
      const d = res.data as { stage: string; preview: { summary: { toCreate: number; errors: unknown[] } } };
      expect(d.stage).toBe("preview");
      expect(d.preview.summary.errors).toEqual([]);
      expect(d.preview.summary.toCreate).toBe(1);
    }
  });

  it("only managers may download it", async () => {
    for (const loader of [peopleTemplateXlsx, peopleTemplateCsv])
      expect((await call(loader, get("/people/import/template.xlsx", w.learner.cookie))).status).toBe(403);
  });
});

describe("training-records import template", () => {
  it("XLSX: header, sample row and a course-code list; CSV: the same header", async () => {
    const bytes = await download(
      completionsTemplateXlsx,
      "/targets/completions/import/template.xlsx",
      w.coordA.cookie,
      XLSX,
      /mau-ket-qua-dao-tao\.xlsx/,
    );
    const wb = await workbook(bytes);
    const ws = wb.worksheets[0];
    const header = rowValues(ws, 1);
    expect(header).toEqual([
      "Email",
      "Chủ đề",
      "Mã khóa học",
      "Ngày hoàn thành",
      "Hiệu lực đến",
      "Số chứng nhận",
      "Ghi chú",
    ]);
    expect(rowValues(ws, 2)[2]).toBe(courseCode);
    expect(ws.getCell(2, 3).dataValidation).toMatchObject({ type: "list", formulae: ["DanhMuc!$A$2:$A$2"] });
    expect(wb.getWorksheet("DanhMuc")!.getCell(2, 1).value).toBe(courseCode);
    const csv = csvRows(
      await download(
        completionsTemplateCsv,
        "/targets/completions/import/template.csv",
        w.coordA.cookie,
        "text/csv",
        /mau-ket-qua-dao-tao\.csv/,
      ),
    );
    expect(csv[0]).toEqual(header);
    expect(csv).toHaveLength(2);
    expect((await call(completionsTemplateCsv, get("/x", w.learner.cookie))).status).toBe(403);
  });
});
