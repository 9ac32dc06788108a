import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv, xlsxResponse } from "~/utils/spreadsheet.server";

describe("exports neutralise formula injection", () => {
  it.each(['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1"])(
    "%s is quoted as text",
    (v) => {
      expect(neutraliseCell(v)).toBe(`'${v}`);
    },
  );

  it("leaves ordinary text, numbers and dates alone", () => {
    expect(neutraliseCell("Nguyễn Văn An")).toBe("Nguyễn Văn An");
    expect(neutraliseCell(-5)).toBe(-5);
  });

  it("CSV: BOM, quoting, and no cell starts with = + - @", () => {
    const csv = toCsv(
      ["Họ và tên", "Ghi chú"],
      [
        ["Lê Thị A", '=HYPERLINK("http://evil","bấm")'],
        ["Trần, B", "@x"],
      ],
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const cells = csv
      .slice(1)
      .trim()
      .split("\r\n")
      .flatMap((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
    for (const c of cells) expect(c.replace(/^"/, "")).not.toMatch(/^[=+\-@]/);
    expect(csv).toContain('"Trần, B"');
  });

  it("XLSX: formula-looking text is stored as a string, never as a formula", async () => {
    const res = await xlsxResponse("x.xlsx", "S", [{ header: "A" }], [["=1+1"]]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const cell = wb.worksheets[0].getCell("A2");
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe("'=1+1");
  });
});
