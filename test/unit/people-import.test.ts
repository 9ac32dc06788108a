// The pure half of the people import: reading files into cells, matching headers, parsing each cell.
import { describe, expect, it } from "vitest";
import {
  cellText,
  headerKey,
  looksLikeFormula,
  mapHeader,
  parseBirthDate,
  parseItRole,
  parseStaffCategory,
  parseYesNo,
} from "~/modules/people/import-columns";
import { parsePeopleFile, zipInflatedSize } from "~/modules/people/import-file.server";
import { readImportRows } from "~/modules/people/import-rows";
import { csvBytes, garbageBytes, HEADER, xlsxBytes } from "../fixtures/people/files";

describe("headers", () => {
  it("match case- and diacritic-insensitively, with English aliases, ignoring unknown columns", () => {
    const { map, missing } = mapHeader([
      "STT",
      "HỌ VÀ TÊN (*)",
      "e-mail",
      "Ma don vi",
      "Staff category",
      "Đơn vị",
      "chức vụ",
      "IT role",
      "Tags",
    ]);
    expect(missing).toEqual([]);
    expect(map).toEqual({
      fullName: 1,
      email: 2,
      agencyCode: 3,
      staffCategory: 4,
      position: 6,
      itRole: 7,
      tags: 8,
    });
    expect(headerKey("  Người đứng đầu? ")).toBe("nguoi dung dau");
  });

  it("report missing required columns and a column given twice", () => {
    expect(mapHeader(["Họ và tên", "Email"]).missing).toEqual(["Mã đơn vị", "Đối tượng"]);
    expect(mapHeader(["Họ và tên", "Email", "Email", "Mã đơn vị", "Đối tượng"]).duplicate).toBe("Email");
  });
});

describe("cells", () => {
  it("read categories, IT roles and yes/no in Vietnamese, unaccented, or as enum codes", () => {
    expect(["Cán bộ", "cong chuc", "VIEN_CHUC", "Người lao động", "x"].map(parseStaffCategory)).toEqual([
      "CAN_BO",
      "CONG_CHUC",
      "VIEN_CHUC",
      "NGUOI_LAO_DONG",
      null,
    ]);
    expect(["", "Không", "Chuyên trách", "kiem nhiem", "PART_TIME", "hay"].map(parseItRole)).toEqual([
      "NONE",
      "NONE",
      "FULL_TIME",
      "PART_TIME",
      "PART_TIME",
      null,
    ]);
    expect(["có", "X", "1", "TRUE", true, 1, "", "không", "0", false, "có lẽ"].map(parseYesNo)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      null,
    ]);
  });

  it("flag formula-looking text but not numbers", () => {
    for (const s of ["=1+1", "+cmd", "-2", "@SUM(A1)", "  =X", "\t=X", "\r1"])
      expect(looksLikeFormula(s)).toBe(true);
    for (const v of ["Nguyễn Văn An", "a-b", "a@b.vn", -1, null]) expect(looksLikeFormula(v)).toBe(false);
  });

  it("parse birth dates from date cells, serials and dd/mm/yyyy, refusing impossible ones", () => {
    const today = new Date(Date.UTC(2026, 0, 1));
    const ok = (v: Parameters<typeof parseBirthDate>[0]) => {
      const r = parseBirthDate(v, today);
      return r.ok ? (r.value ? r.value.toISOString().slice(0, 10) : null) : "ERR";
    };
    expect(ok(new Date(Date.UTC(1990, 4, 17)))).toBe("1990-05-17");
    expect(ok(32645)).toBe("1989-05-17"); // =DATE(1989;5;17) in Excel
    expect(ok("17/05/1990")).toBe("1990-05-17");
    expect(ok("7-5-1990")).toBe("1990-05-07");
    expect(ok("1990-05-17")).toBe("1990-05-17");
    expect(ok("29/02/2000")).toBe("2000-02-29");
    expect(ok("")).toBe(null);
    for (const bad of [
      "31/02/1990",
      "29/02/1999",
      "00/01/1990",
      "13/13/1990",
      "1/1/1850",
      "1/1/2030",
      "hôm qua",
      1.5,
      -3,
    ]) {
      expect(ok(bad)).toBe("ERR");
    }
    expect(cellText(new Date(Date.UTC(1990, 4, 7)))).toBe("07/05/1990");
  });
});

describe("parsePeopleFile", () => {
  it("reads CSV with and without BOM identically, keeping Excel line numbers across quoted newlines", async () => {
    const rows = [
      ["Lê Thị\nBình", "b@a.vn", "A", "Công chức", "", "", "", "", ""],
      ["Nguyễn Văn An", "a@a.vn", "A", "Công chức", "", "", "", "", ""],
    ];
    const plain = await parsePeopleFile("a.csv", csvBytes(rows));
    const bom = await parsePeopleFile("A.CSV", csvBytes(rows, { bom: true }));
    expect(bom).toEqual(plain);
    if (!plain.ok) throw new Error(plain.error);
    expect(plain.rows.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(plain.rows[0].cells[0]).toBe("Họ và tên");
  });

  it("reads UTF-16 text as Excel's 'Unicode text' writes it", async () => {
    const text = "\uFEFFHọ và tên\tEmail\tMã đơn vị\tĐối tượng\r\nNguyễn Văn An\ta@a.vn\tA\tCông chức\r\n";
    const bytes = new Uint8Array(Buffer.from(text, "utf16le"));
    const parsed = await parsePeopleFile("ds.txt", bytes);
    expect(parsed.ok && parsed.rows[1].cells).toEqual(["Nguyễn Văn An", "a@a.vn", "A", "Công chức"]);
  });

  it("reads XLSX cells with their types: dates as dates, formulas as '=…'", async () => {
    const bytes = await xlsxBytes([
      ["An", "a@a.vn", "A", "Công chức", "", true, "", "", new Date(Date.UTC(1990, 4, 17))],
      [{ formula: "1+1" }],
    ]);
    const parsed = await parsePeopleFile("ds.xlsx", bytes);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.rows[1].cells[5]).toBe(true);
    expect(parsed.rows[1].cells[8]).toEqual(new Date(Date.UTC(1990, 4, 17)));
    expect(parsed.rows[2].cells[0]).toBe("=1+1");
  });

  it("refuses an XLSX whose archive declares a huge inflated size (zip bomb) before inflating it", async () => {
    const bytes = await xlsxBytes([["An", "a@a.vn", "A", "Công chức"]]);
    const size = zipInflatedSize(bytes);
    expect(size).toBeGreaterThan(1000);
    expect(size).toBeLessThan(100_000);
    // Patch the first central-directory entry to claim 1 GB uncompressed.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let cd = bytes.length - 22;
    while (view.getUint32(cd, true) !== 0x06054b50) cd--;
    view.setUint32(view.getUint32(cd + 16, true) + 24, 1024 ** 3, true);
    expect(await parsePeopleFile("bom.xlsx", bytes)).toEqual({
      ok: false,
      error:
        "Tệp Excel chứa quá nhiều dữ liệu khi giải nén; hãy chia thành nhiều tệp nhỏ hơn (tối đa 50.000 dòng).",
    });
  });

  it("answers garbage with an error instead of throwing", async () => {
    for (const name of ["x.csv", "x.xlsx"]) {
      const parsed = await parsePeopleFile(name, garbageBytes(200_000));
      expect(parsed.ok).toBe(false);
    }
    expect(await parsePeopleFile("x.pdf", garbageBytes(10))).toEqual({
      ok: false,
      error: "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).",
    });
  });
});

describe("readImportRows", () => {
  it("finds the header under a title row, skips blank rows, and keeps line numbers", () => {
    const raw = [
      { line: 1, cells: ["DANH SÁCH CÁN BỘ NĂM 2026"] },
      { line: 2, cells: HEADER },
      { line: 3, cells: ["Nguyễn Văn An", "a@a.vn", "A", "Công chức"] },
      { line: 4, cells: ["", "", "", ""] },
      { line: 5, cells: ["Trần Thị Bình", "sai-email", "A", "Công chức"] },
    ];
    const result = readImportRows(raw);
    if (!result.ok) throw new Error(result.error);
    expect(result.rowCount).toBe(2);
    expect(result.rows).toEqual([
      {
        line: 3,
        fullName: "Nguyễn Văn An",
        email: "a@a.vn",
        agencyCode: "A",
        staffCategory: "CONG_CHUC",
        position: "",
        isHeadOfUnit: false,
        itRole: "NONE",
        tags: [],
      },
    ]);
    expect(result.errors).toEqual([{ line: 5, column: "Email", message: 'Email "sai-email" không hợp lệ.' }]);
  });

  it("normalizes decomposed Vietnamese (NFD) to NFC so re-imports compare equal", () => {
    const result = readImportRows([
      { line: 1, cells: HEADER.slice(0, 4) },
      { line: 2, cells: ["Nguyễn Văn An".normalize("NFD"), "a@a.vn", "A", "Công chức".normalize("NFD")] },
    ]);
    expect(result.ok && result.rows[0].fullName).toBe("Nguyễn Văn An".normalize("NFC"));
  });
});
