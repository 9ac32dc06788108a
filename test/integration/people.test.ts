// The people service on a real database: search, Vietnamese ordering, paging, scoping, and audited changes.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { Scope } from "~/modules/auth/scope";
import {
  createPerson,
  getPerson,
  listPeople,
  setPersonActive,
  updatePerson,
  type PersonInput,
} from "~/modules/people/people.server";
import type { DomainError } from "~/utils/errors";
import { compareVietnameseNames } from "~/utils/text";
import { makeAgency, makeAgencyTree, makePerson } from "../fixtures/factories";

let tree: Awaited<ReturnType<typeof makeAgencyTree>>;
let scopeA: Scope;
const actor = randomUUID();

// Names chosen to trip naive sorting: tones, ă/â/ê/ô/ơ/ư, đ after d, same given name with different families.
const NAMES = [
  "Nguyễn Văn An",
  "Trần Thị Ánh",
  "Lê Văn Ấn",
  "Phạm Thị Anh",
  "Hoàng Văn Ân",
  "Nguyễn Thị Ân",
  "Vũ Đức Dũng",
  "Đỗ Văn Đông",
  "Bùi Thị Dung",
  "Ngô Văn Duy",
  "Dương Thị Yến",
  "Lý Thị Yên",
  "Nông Văn Ước",
  "Lương Thị Út",
  "Chu Văn Uy",
  "Triệu Thị Ơn",
  "Mã Văn Ôn",
  "Tô Thị Oanh",
  "Hà Văn Ênh",
  "Đinh Thị Em",
  "Lục Văn Ăng",
  "Nguyễn Văn Bình",
  "Nguyễn Văn Bính",
  "Nguyễn Văn Bịnh",
  "Trần An",
  "An Văn Trần",
  "Lăng Thị Huyền",
  "Hứa Minh Tuấn",
  "Quách Thị Ngần",
  "Phùng Văn Khải",
  "Đàm Văn Trường",
  "Bế Văn Toàn",
  "Nguyễn Đức Đạt",
  "Nguyễn Văn Dat",
  "Nguyễn Thị Hoà",
  "Nguyễn Thị Hòa",
  "Nguyễn Thị Hoa",
  "Lê Thị Thủy",
  "Lê Thị Thuỷ",
  "Lê Thị Thuy",
];

beforeAll(async () => {
  tree = await makeAgencyTree();
  scopeA = [tree.a.path];
  let i = 0;
  for (const fullName of NAMES) {
    const agencyId = [tree.a.id, tree.a1.id, tree.b.id][i % 3];
    await makePerson({
      fullName,
      email: `nguoi${i++}@thu.gov.vn`,
      agencyId,
      itRole: i % 5 === 0 ? "PART_TIME" : "NONE",
    });
  }
});

describe("listPeople", () => {
  it("finds people without diacritics, by email and by agency code", async () => {
    const byName = await listPeople({ scope: "ALL", q: "nguyen van an" });
    expect(byName.rows.map((r) => r.fullName)).toEqual(["Nguyễn Văn An"]);
    // Input typed on a Mac arrives decomposed (NFD) and still matches.
    expect((await listPeople({ scope: "ALL", q: "Nguyễn Văn An".normalize("NFD") })).total).toBe(1);
    expect((await listPeople({ scope: "ALL", q: "NGUOI12@THU" })).rows.map((r) => r.email)).toEqual([
      "nguoi12@thu.gov.vn",
    ]);
    expect((await listPeople({ scope: "ALL", q: "dang van" })).total).toBe(0);
    // Wildcards in the query are literal.
    expect((await listPeople({ scope: "ALL", q: "%" })).total).toBe(0);
    const byCode = await listPeople({ scope: "ALL", q: "A1", pageSize: 100 });
    expect(byCode.total).toBe(NAMES.filter((_, i) => i % 3 === 1).length);
    expect(byCode.rows.every((r) => r.agency.code === "A1")).toBe(true);
  });

  it("finds people through an old code that the agency's searchText carries after a merge", async () => {
    await db.agency.update({
      where: { id: tree.b.id },
      data: { searchText: "b so tai chinh stc.cu so tai chinh cu" },
    });
    const res = await listPeople({ scope: "ALL", q: "STC.CU", pageSize: 100 });
    expect(res.total).toBe(NAMES.filter((_, i) => i % 3 === 2).length);
  });

  it("orders a page of names like Intl.Collator('vi') on given name, then full name", async () => {
    const expected = [...NAMES].sort(compareVietnameseNames);
    const pages: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const res = await listPeople({ scope: "ALL", sort: "name", page, pageSize: 9 });
      expect(res.total).toBe(NAMES.length);
      pages.push(...res.rows.map((r) => r.fullName));
    }
    expect(pages).toEqual(expected);
    const desc = await listPeople({ scope: "ALL", sort: "-name", pageSize: 100 });
    expect(desc.rows.map((r) => r.fullName)).toEqual([...expected].reverse());
    const beyond = await listPeople({ scope: "ALL", page: 99, pageSize: 9 });
    expect(beyond).toEqual({ page: 99, pageSize: 9, rows: [], total: NAMES.length });
  });

  it("sorts by email and by last update", async () => {
    const byEmail = await listPeople({ scope: "ALL", sort: "email", pageSize: 100 });
    const emails = byEmail.rows.map((r) => r.email);
    expect(emails).toEqual([...emails].sort());
    const touched = await db.person.findFirstOrThrow({ where: { email: "nguoi5@thu.gov.vn" } });
    await db.person.update({ where: { id: touched.id }, data: { position: "Chuyên viên chính" } });
    expect((await listPeople({ scope: "ALL", sort: "-updated", pageSize: 1 })).rows[0].id).toBe(touched.id);
    expect((await listPeople({ scope: "ALL", sort: "updated", pageSize: 100 })).rows.at(-1)?.id).toBe(
      touched.id,
    );
  });

  it("filters by agency (with or without sub-agencies), status, category and IT role", async () => {
    const inA = NAMES.filter((_, i) => i % 3 === 0).length;
    const inA1 = NAMES.filter((_, i) => i % 3 === 1).length;
    expect((await listPeople({ scope: "ALL", agencyId: tree.a.id, includeSubagencies: true })).total).toBe(
      inA + inA1,
    );
    expect((await listPeople({ scope: "ALL", agencyId: tree.a.id, includeSubagencies: false })).total).toBe(
      inA,
    );
    expect((await listPeople({ scope: "ALL", agencyId: "khong-phai-uuid" })).total).toBe(0);
    expect((await listPeople({ scope: "ALL", itRole: "PART_TIME" })).total).toBe(
      NAMES.filter((_, i) => (i + 1) % 5 === 0).length,
    );
    expect((await listPeople({ scope: "ALL", staffCategory: "VIEN_CHUC" })).total).toBe(0);
    const someone = await db.person.findFirstOrThrow({ where: { email: "nguoi0@thu.gov.vn" } });
    await setPersonActive("ALL", someone.id, false, actor);
    expect((await listPeople({ scope: "ALL", active: false })).rows.map((r) => r.id)).toEqual([someone.id]);
    expect((await listPeople({ scope: "ALL", active: true })).total).toBe(NAMES.length - 1);
    await setPersonActive("ALL", someone.id, true, actor);
  });

  it("stays inside the scope", async () => {
    const res = await listPeople({ scope: scopeA, pageSize: 100 });
    expect(res.total).toBe(NAMES.filter((_, i) => i % 3 !== 2).length);
    expect(res.rows.every((r) => r.agency.path.startsWith(tree.a.path))).toBe(true);
    expect((await listPeople({ scope: scopeA, agencyId: tree.b.id })).total).toBe(0);
    expect((await listPeople({ scope: [] })).total).toBe(0);
  });
});

describe("one person", () => {
  const input = (over: Partial<PersonInput> = {}): PersonInput => ({
    fullName: "  Phạm   Thị Dung ",
    email: " Dung.Pham@A.gov.vn ",
    agencyId: tree.a.id,
    staffCategory: "CONG_CHUC",
    position: "Chuyên viên",
    isHeadOfUnit: false,
    itRole: "NONE",
    tags: ["doi-ung-cuu-su-co", " doi-ung-cuu-su-co "],
    ...over,
  });

  it("creates, updates (moving agency) and deactivates, with memberships and audit events", async () => {
    const created = await createPerson(scopeA, input(), actor);
    expect([created.fullName, created.email, created.tags, created.sortKey.length > 0]).toEqual([
      "Phạm Thị Dung",
      "dung.pham@a.gov.vn",
      ["doi-ung-cuu-su-co"],
      true,
    ]);
    expect(created.searchText).toBe("pham thi dung dung.pham@a.gov.vn chuyen vien");

    const moved = await updatePerson(
      scopeA,
      created.id,
      input({ agencyId: tree.a1.id, position: "Trưởng phòng" }),
      actor,
    );
    expect(moved.agencyId).toBe(tree.a1.id);
    const history = await db.membership.findMany({
      where: { personId: created.id },
      orderBy: { startedAt: "asc" },
    });
    expect(history.map((m) => [m.agencyId, m.endedAt === null])).toEqual([
      [tree.a.id, false],
      [tree.a1.id, true],
    ]);
    await setPersonActive(scopeA, created.id, false, actor);

    const events = await db.auditEvent.findMany({ where: { entityId: created.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["person.create", "person.update", "person.deactivate"]);
    expect(events[1].data).toMatchObject({
      changes: { agencyId: [tree.a.id, tree.a1.id], position: ["Chuyên viên", "Trưởng phòng"] },
    });
    expect((await getPerson(scopeA, created.id)).active).toBe(false);
  });

  it("refuses a duplicate email and invalid input with field errors", async () => {
    await expect(createPerson(scopeA, input({ email: "nguoi1@thu.gov.vn" }), actor)).rejects.toMatchObject({
      status: 400,
      field: "email",
    });
    await expect(createPerson(scopeA, input({ email: "khong-hop-le" }), actor)).rejects.toMatchObject({
      status: 400,
      field: "email",
      message: "Email không hợp lệ.",
    });
    await expect(createPerson(scopeA, input({ fullName: "   " }), actor)).rejects.toMatchObject({
      field: "fullName",
      message: "Vui lòng nhập họ và tên.",
    });
  });

  it("scopes every read and write: 404 outside, 403 for a target agency outside", async () => {
    const inB = await db.person.findFirstOrThrow({ where: { agencyId: tree.b.id } });
    const inA = await db.person.findFirstOrThrow({ where: { agencyId: tree.a.id } });
    const before = await db.person.findMany({ orderBy: { id: "asc" } });
    const status = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: DomainError) => e.status,
      );

    expect(await status(getPerson(scopeA, inB.id))).toBe(404);
    expect(await status(getPerson(scopeA, randomUUID()))).toBe(404);
    expect(await status(getPerson(scopeA, "not-a-uuid"))).toBe(404);
    expect(await status(updatePerson(scopeA, inB.id, input({ email: inB.email }), actor))).toBe(404);
    expect(await status(setPersonActive(scopeA, inB.id, false, actor))).toBe(404);
    expect(
      await status(
        updatePerson(
          scopeA,
          inA.id,
          input({ email: inA.email, fullName: inA.fullName, agencyId: tree.b.id }),
          actor,
        ),
      ),
    ).toBe(403);
    expect(await status(createPerson(scopeA, input({ email: "moi@b.vn", agencyId: tree.b.id }), actor))).toBe(
      403,
    );
    const merged = await makeAgency({ code: "A.OLD", parent: tree.a, active: false });
    expect(
      await status(createPerson(scopeA, input({ email: "moi2@a.vn", agencyId: merged.id }), actor)),
    ).toBe(400);

    expect(await db.person.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });
});
