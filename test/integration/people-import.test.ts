// Bulk people import against a real database: every bad file is refused with a precise Vietnamese message
// and leaves the database exactly as it was; good files write every row, and re-importing changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { Scope } from "~/modules/auth/scope";
import { applyPeopleImport, previewPeopleImport, type ImportError } from "~/modules/people/import.server";
import { DomainError } from "~/utils/errors";
import { makeAgency } from "../fixtures/factories";
import { csvBytes, garbageBytes, HEADER, xlsxBytes } from "../fixtures/people/files";
import { coordinatorA, fixture, importWorld, row, snapshot } from "../fixtures/people/world";

let tree: Awaited<ReturnType<typeof importWorld>>["tree"];
let scopeA: Scope;

beforeAll(async () => {
  ({ tree, scopeA } = await importWorld());
});

type BadCase = {
  name: string;
  fileName?: string;
  bytes: () => Uint8Array | Promise<Uint8Array>;
  scope?: () => Scope;
  fileError?: string;
  errors?: ImportError[];
};

const FORMULA = (ch: string) =>
  `Ô bắt đầu bằng "${ch}" trông như công thức Excel; hệ thống không nhận công thức (để tránh mã độc khi mở tệp). Hãy nhập giá trị thuần, không có "${ch}" ở đầu.`;
const EXPECTED_COLUMNS =
  "Các cột bắt buộc: Họ và tên, Email, Mã đơn vị, Đối tượng; không bắt buộc: Chức vụ, Người đứng đầu, Vai trò CNTT, Nhãn, Mã cán bộ, Ngày sinh.";

const BAD: BadCase[] = [
  {
    name: "wrong header",
    bytes: () => csvBytes([["Nguyễn Văn An", "an@a.vn", "A"]], { header: ["Tên", "Thư", "Đơn vị"] }),
    fileError: `Dòng tiêu đề không đúng mẫu: thiếu cột Họ và tên, Email, Mã đơn vị, Đối tượng. ${EXPECTED_COLUMNS}`,
  },
  {
    name: "header missing one required column",
    bytes: () =>
      csvBytes([["Nguyễn Văn An", "an@a.vn", "A"]], { header: ["Họ và tên", "Email", "Mã đơn vị"] }),
    fileError: `Dòng tiêu đề không đúng mẫu: thiếu cột Đối tượng. ${EXPECTED_COLUMNS}`,
  },
  {
    name: "bad email",
    bytes: () => csvBytes([row({ Email: "khong-phai-email" })]),
    errors: [{ line: 2, column: "Email", message: 'Email "khong-phai-email" không hợp lệ.' }],
  },
  {
    name: "unknown agency",
    bytes: () => csvBytes([row(), row({ Email: "hai@a.vn", "Mã đơn vị": "KHONG.CO" })]),
    errors: [
      { line: 3, column: "Mã đơn vị", message: 'Không tìm thấy đơn vị đang hoạt động có mã "KHONG.CO".' },
    ],
  },
  {
    name: "duplicate email inside the file (case-insensitive)",
    bytes: () =>
      csvBytes([
        row({ Email: "trung@a.vn" }),
        row(),
        row({ Email: "TRUNG@a.vn", "Họ và tên": "Người Khác" }),
      ]),
    errors: [
      { line: 4, column: "Email", message: 'Email "trung@a.vn" bị trùng: xuất hiện ở cả dòng 2 và dòng 4.' },
    ],
  },
  {
    name: "email of a person in another agency outside the scope",
    bytes: () => csvBytes([row({ Email: "Cuong@B.vn" })]),
    errors: [{ line: 2, column: "Email", message: "Email đã được dùng ở đơn vị khác." }],
  },
  {
    name: "agency outside the scope",
    bytes: () => csvBytes([row(), row({ Email: "b1@b.vn", "Mã đơn vị": "B" })]),
    errors: [{ line: 3, column: "Mã đơn vị", message: 'Đơn vị "B" nằm ngoài phạm vi bạn được quản lý.' }],
  },
  { name: "empty file", bytes: () => new Uint8Array(0), fileError: "Tệp rỗng: không có dữ liệu nào." },
  {
    name: "blank lines only",
    bytes: () => new TextEncoder().encode("\r\n  \r\n"),
    fileError: "Tệp rỗng: không có dữ liệu nào.",
  },
  {
    name: "header only",
    bytes: () => csvBytes([], { bom: true }),
    fileError: "Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu cán bộ nào.",
  },
  {
    name: "5 MB of garbage named .csv",
    bytes: () => garbageBytes(5 * 1024 * 1024),
    fileError:
      "Không đọc được tệp CSV: tệp không phải văn bản mã UTF-8 (có thể là tệp nhị phân hoặc mã khác). Trong Excel, hãy chọn Lưu thành → CSV UTF-8 (Comma delimited) (*.csv).",
  },
  {
    name: "5 MB of garbage named .xlsx",
    fileName: "danh-sach.xlsx",
    bytes: () => garbageBytes(5 * 1024 * 1024, 99),
    fileError: "Không đọc được tệp Excel (.xlsx): tệp bị hỏng hoặc không phải định dạng .xlsx.",
  },
  {
    name: "a CSV renamed .xlsx",
    fileName: "danh-sach.xlsx",
    bytes: () => csvBytes([row()]),
    fileError: "Không đọc được tệp Excel (.xlsx): tệp bị hỏng hoặc không phải định dạng .xlsx.",
  },
  {
    name: "over 5 MB",
    bytes: () => new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41),
    fileError: "Tệp quá lớn (5,0 MB); chỉ nhận tệp tối đa 5 MB. Hãy chia thành nhiều tệp nhỏ hơn.",
  },
  {
    name: "more than 50,000 rows",
    bytes: () =>
      csvBytes(
        Array.from({ length: 50_001 }, (_, i) => [`Người ${i}`, `n${i}@a.vn`, "A", "CONG_CHUC"]),
        { header: HEADER.slice(0, 4) },
      ),
    fileError: "Tệp có hơn 50.000 dòng dữ liệu; hãy chia thành nhiều tệp nhỏ hơn.",
  },
  {
    name: "old .xls",
    fileName: "ds.xls",
    bytes: () => garbageBytes(100),
    fileError:
      "Tệp .xls (Excel 97–2003) không được hỗ trợ. Trong Excel, hãy chọn Lưu thành → Excel Workbook (.xlsx) rồi tải lên lại.",
  },
  {
    name: "formula =HYPERLINK(...)",
    bytes: () => csvBytes([row({ "Họ và tên": '=HYPERLINK("http://x","y")' })]),
    errors: [{ line: 2, column: "Họ và tên", message: FORMULA("=") }],
  },
  {
    name: "formula +cmd",
    bytes: () => csvBytes([row(), row({ Email: "hai@a.vn", "Chức vụ": "+cmd|' /C calc'!A0" })]),
    errors: [{ line: 3, column: "Chức vụ", message: FORMULA("+") }],
  },
  {
    name: "formula @SUM(..)",
    bytes: () => csvBytes([row({ Nhãn: "@SUM(1+1)*cmd|' /C calc'!A0" })]),
    errors: [{ line: 2, column: "Nhãn", message: FORMULA("@") }],
  },
  {
    name: "formula -2+3 after leading spaces",
    bytes: () => csvBytes([row({ "Mã đơn vị": "   -2+3" })]),
    errors: [{ line: 2, column: "Mã đơn vị", message: FORMULA("-") }],
  },
  {
    name: "a real formula cell in XLSX",
    fileName: "cong-thuc.xlsx",
    bytes: () =>
      xlsxBytes([
        [{ formula: 'HYPERLINK("http://x","y")' }, "f@a.vn", "A", "Công chức", "", "", "", "", null],
      ]),
    errors: [{ line: 2, column: "Họ và tên", message: FORMULA("=") }],
  },
  {
    name: "impossible birth date",
    bytes: () => csvBytes([row({ "Ngày sinh": "31/02/1990" })]),
    errors: [
      {
        line: 2,
        column: "Ngày sinh",
        message: 'Ngày sinh "31/02/1990" không hợp lệ: ghi theo ngày/tháng/năm, ví dụ 17/05/1990.',
      },
    ],
  },
  {
    name: "unknown staff category and IT role",
    bytes: () => csvBytes([row({ "Đối tượng": "Hợp đồng 68", "Vai trò CNTT": "Thỉnh thoảng" })]),
    errors: [
      {
        line: 2,
        column: "Đối tượng",
        message:
          'Đối tượng "Hợp đồng 68" không hợp lệ: ghi Cán bộ, Công chức, Viên chức hoặc Người lao động.',
      },
      {
        line: 2,
        column: "Vai trò CNTT",
        message: 'Vai trò CNTT "Thỉnh thoảng" không hợp lệ: ghi Không, Chuyên trách hoặc Kiêm nhiệm.',
      },
    ],
  },
];

/** Coordinator A's preview of `fileName` within A's scope. */
const previewAsA = (fileName: string, bytes: Uint8Array) =>
  previewPeopleImport({ scope: scopeA, fileName, bytes, actorUserId: coordinatorA });

describe("bad imports are refused and change nothing", () => {
  it.each(BAD)("$name", async (c) => {
    const before = await snapshot();
    const importsBefore = await db.peopleImport.count();
    const call = async () =>
      previewPeopleImport({
        scope: c.scope?.() ?? scopeA,
        fileName: c.fileName ?? "danh-sach.csv",
        bytes: await c.bytes(),
        actorUserId: coordinatorA,
      });
    if (c.fileError) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).message).toBe(c.fileError);
      expect((error as DomainError).status).toBe(400);
      expect(await db.peopleImport.count()).toBe(importsBefore);
    } else {
      const preview = await call();
      for (const e of c.errors!) expect(preview.summary.errors).toContainEqual(e);
      expect(preview.summary.errors).toHaveLength(c.errors!.length);
      const applied = await applyPeopleImport({
        scope: scopeA,
        importId: preview.id,
        actorUserId: coordinatorA,
      });
      expect(applied.ok).toBe(false);
      // Refused cells are never kept, not even in the stored preview.
      const stored = await db.peopleImport.findUniqueOrThrow({ where: { id: preview.id } });
      expect(JSON.stringify(stored.rows)).not.toMatch(/HYPERLINK|cmd|SUM/);
      expect(stored.status).toBe("PREVIEW");
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("good imports", () => {
  const expectSample = async () => {
    const people = await db.person.findMany({
      where: { email: { in: ["an.nguyen@a.gov.vn", "binh.tran@a.gov.vn", "cuong.le@a.gov.vn"] } },
      orderBy: { email: "asc" },
      include: { memberships: true },
    });
    expect(
      people.map((p) => [
        p.fullName,
        p.agencyId,
        p.staffCategory,
        p.position,
        p.isHeadOfUnit,
        p.itRole,
        p.tags,
      ]),
    ).toEqual([
      ["Nguyễn Văn An", tree.a.id, "CONG_CHUC", "Chuyên viên", false, "NONE", []],
      [
        "Trần Thị Bình",
        tree.a1.id,
        "VIEN_CHUC",
        "Kỹ sư, phụ trách mạng",
        true,
        "FULL_TIME",
        ["doi-ung-cuu-su-co", "quan-tri-mang"],
      ],
      ["Lê Văn Cường", tree.a.id, "CONG_CHUC", "Phó Trưởng phòng", true, "PART_TIME", []],
    ]);
    for (const p of people)
      expect(p.memberships.map((m) => [m.agencyId, m.endedAt])).toEqual([[p.agencyId, null]]);
    expect(people[0].searchText).toBe("nguyen van an an.nguyen@a.gov.vn chuyen vien");
  };

  it("imports a CSV with BOM, then re-importing it changes nothing", async () => {
    const audits = await db.auditEvent.count({ where: { action: "people.import" } });
    const preview = await previewAsA("mau-bom.csv", fixture("sample-bom.csv"));
    expect(preview.summary).toEqual({ toCreate: 3, toUpdate: 0, unchanged: 0, rowCount: 3, errors: [] });
    const applied = await applyPeopleImport({
      scope: scopeA,
      importId: preview.id,
      actorUserId: coordinatorA,
    });
    expect(applied).toMatchObject({ ok: true, counts: { created: 3, updated: 0, unchanged: 0 } });
    await expectSample();
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "people.import", entityId: preview.id },
    });
    expect(event.data).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(await db.auditEvent.count({ where: { action: "people.import" } })).toBe(audits + 1);

    const before = await snapshot();
    const again = await previewAsA("mau-bom.csv", fixture("sample-bom.csv"));
    expect(again.summary).toEqual({ toCreate: 0, toUpdate: 0, unchanged: 3, rowCount: 3, errors: [] });
    const noop = await applyPeopleImport({ scope: scopeA, importId: again.id, actorUserId: coordinatorA });
    expect(noop).toMatchObject({ ok: true, counts: { created: 0, updated: 0, unchanged: 3 } });
    const after = await snapshot();
    expect(after.people).toEqual(before.people);
    expect(after.memberships).toEqual(before.memberships);

    // The same people without BOM (and as an admin): still nothing to do.
    const plain = await previewPeopleImport({
      scope: "ALL",
      fileName: "mau.csv",
      bytes: fixture("sample.csv"),
      actorUserId: coordinatorA,
    });
    expect(plain.summary).toMatchObject({ toCreate: 0, toUpdate: 0, unchanged: 3, errors: [] });
  });

  it("imports a CSV without BOM, semicolon-separated, and updates people whose data changed", async () => {
    const header = ["Họ và tên", "Email", "Mã đơn vị", "Đối tượng", "Chức vụ"];
    const text = [
      header,
      ["Hoàng Thị Én", "en.hoang@a.gov.vn", "A", "Viên chức", "Giáo viên"],
      ["Trần Thị Bình", "binh.tran@a.gov.vn", "A", "Viên chức", "Trưởng phòng"],
    ]
      .map((r) => r.join(";"))
      .join("\n");
    const preview = await previewAsA("ds.csv", new TextEncoder().encode(text));
    expect(preview.summary).toEqual({ toCreate: 1, toUpdate: 1, unchanged: 0, rowCount: 2, errors: [] });
    const applied = await applyPeopleImport({
      scope: scopeA,
      importId: preview.id,
      actorUserId: coordinatorA,
    });
    expect(applied).toMatchObject({ ok: true, counts: { created: 1, updated: 1 } });
    const binh = await db.person.findUniqueOrThrow({
      where: { email: "binh.tran@a.gov.vn" },
      include: { memberships: { orderBy: { startedAt: "asc" } } },
    });
    // Columns absent from the file keep their values; the move from A1 to A is in the membership history.
    expect([binh.position, binh.agencyId, binh.isHeadOfUnit, binh.itRole, binh.tags]).toEqual([
      "Trưởng phòng",
      tree.a.id,
      true,
      "FULL_TIME",
      ["doi-ung-cuu-su-co", "quan-tri-mang"],
    ]);
    expect(binh.memberships.map((m) => [m.agencyId, m.endedAt === null])).toEqual([
      [tree.a1.id, false],
      [tree.a.id, true],
    ]);
    expect(binh.searchText).toBe("tran thi binh binh.tran@a.gov.vn truong phong");
  });

  it("imports an XLSX with a real date cell, booleans, numbers and enum codes", async () => {
    const bytes = await xlsxBytes([
      [
        "  Vi Văn Quyết ",
        "quyet.vi@a.gov.vn",
        "A1",
        "CAN_BO",
        "Bí thư",
        true,
        "FULL_TIME",
        "a, b; a",
        new Date(Date.UTC(1980, 1, 29)),
      ],
      ["Lục Thị Hoà", "hoa.luc@a.gov.vn", "A", "Người lao động", "Nhân viên", 0, "", null, 29000],
      [
        "Nông Văn Thắng",
        "thang.nong@a.gov.vn",
        "A",
        "viên chức",
        null,
        "X",
        "Kiêm nhiệm",
        null,
        "05/11/1979",
      ],
    ]);
    const preview = await previewAsA("ds.xlsx", bytes);
    expect(preview.summary).toEqual({ toCreate: 3, toUpdate: 0, unchanged: 0, rowCount: 3, errors: [] });
    expect(
      await applyPeopleImport({ scope: scopeA, importId: preview.id, actorUserId: coordinatorA }),
    ).toMatchObject({ ok: true });
    const people = await db.person.findMany({
      where: {
        email: {
          endsWith: "@a.gov.vn",
          in: ["quyet.vi@a.gov.vn", "hoa.luc@a.gov.vn", "thang.nong@a.gov.vn"],
        },
      },
      orderBy: { email: "asc" },
    });
    expect(
      people.map((p) => [p.email, p.fullName, p.staffCategory, p.isHeadOfUnit, p.itRole, p.tags, p.position]),
    ).toEqual([
      ["hoa.luc@a.gov.vn", "Lục Thị Hoà", "NGUOI_LAO_DONG", false, "NONE", [], "Nhân viên"],
      ["quyet.vi@a.gov.vn", "Vi Văn Quyết", "CAN_BO", true, "FULL_TIME", ["a", "b"], "Bí thư"],
      ["thang.nong@a.gov.vn", "Nông Văn Thắng", "VIEN_CHUC", true, "PART_TIME", [], ""],
    ]);
    // The same workbook again is all unchanged.
    const again = await previewAsA("ds.xlsx", bytes);
    expect(again.summary).toMatchObject({ toCreate: 0, toUpdate: 0, unchanged: 3 });
  });

  it("resolves the old code of a merged agency to the survivor", async () => {
    const old = await makeAgency({
      code: "A.CU",
      name: "Phòng cũ",
      parent: tree.a,
      active: false,
      mergedIntoId: tree.a1.id,
    });
    await db.agencyAlias.create({
      data: { agencyId: tree.a1.id, code: old.code, name: old.name, reason: "MERGED" },
    });
    const preview = await previewAsA("cu.csv", csvBytes([row({ Email: "cu@a.vn", "Mã đơn vị": "A.CU" })]));
    expect(preview.summary.errors).toEqual([]);
    await applyPeopleImport({ scope: scopeA, importId: preview.id, actorUserId: coordinatorA });
    expect((await db.person.findUniqueOrThrow({ where: { email: "cu@a.vn" } })).agencyId).toBe(tree.a1.id);
  });
});
