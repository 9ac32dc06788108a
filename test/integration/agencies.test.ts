// The agency tree against a real database: import, rename, move, merge (the 2025 reorganisation), search, scope.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { Agency } from "~/generated/prisma/client";
import {
  createAgency,
  getAgencyTree,
  importAgencyTree,
  listAgencyOptions,
  mergeAgencies,
  moveAgency,
  renameAgency,
  resolveAgencyCode,
  searchAgencies,
} from "~/modules/agencies/agencies.server";
import { DomainError } from "~/utils/errors";

const dataFile = (name: string) =>
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../../prisma/data/agencies", name), "utf8"),
  ) as unknown;

const all = { scopePaths: "ALL" as const, page: 1, pageSize: 100 };

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** Everything a tree change could touch, to prove a refused change left no trace. */
async function snapshot() {
  const [agencies, people, memberships, grants, aliases, audits] = await Promise.all([
    db.agency.findMany({ orderBy: { id: "asc" } }),
    db.person.findMany({ orderBy: { id: "asc" } }),
    db.membership.findMany({ orderBy: { id: "asc" } }),
    db.roleGrant.findMany({ orderBy: { id: "asc" } }),
    db.agencyAlias.findMany({ orderBy: { id: "asc" } }),
    db.auditEvent.count(),
  ]);
  return { agencies, people, memberships, grants, aliases, audits };
}

let personSeq = 0;
async function addPerson(agencyId: string, since = new Date("2020-01-01T00:00:00Z")) {
  personSeq++;
  return db.person.create({
    data: {
      fullName: `Cán bộ ${personSeq}`,
      email: `cb${personSeq}@test.gov.vn`,
      agencyId,
      staffCategory: "CONG_CHUC",
      memberships: { create: { agencyId, startedAt: since, reason: "TEST" } },
    },
  });
}

const byId = (id: string) => db.agency.findUniqueOrThrow({ where: { id } });

/** An import file's province `code` with Sở A (holding Phòng 1) and Sở B. */
const twoDepartments = (code: string, name: string) => ({
  code,
  name,
  kind: "PROVINCE",
  children: [
    {
      code: `${code}.A`,
      name: "Sở A",
      kind: "DEPARTMENT",
      children: [{ code: `${code}.A.1`, name: "Phòng 1", kind: "UNIT" }],
    },
    { code: `${code}.B`, name: "Sở B", kind: "DEPARTMENT" },
  ],
});

describe("importAgencyTree: Lạng Sơn 2025", () => {
  // Speed is measured by the benchmark scripts, never asserted here (it fails on a busy machine).
  it("creates 81 agencies with correct paths and depths", async () => {
    const result = await importAgencyTree(dataFile("lang-son-2025.json"), { actorUserId: null });
    expect(result).toEqual({ created: 81, updated: 0, unchanged: 0, retired: [] });

    const agencies = await db.agency.findMany();
    expect(agencies).toHaveLength(81);
    const index = new Map(agencies.map((a) => [a.id, a]));
    for (const a of agencies) {
      const parent = a.parentId ? index.get(a.parentId)! : null;
      expect(a.path).toBe(`${parent?.path ?? "/"}${a.id}/`);
      expect(a.depth).toBe(parent ? parent.depth + 1 : 0);
    }
    const root = agencies.find((a) => a.code === "20")!;
    expect([root.kind, root.depth, root.parentId]).toEqual(["PROVINCE", 0, null]);
    const communes = agencies.filter((a) => a.kind === "COMMUNE");
    expect(communes).toHaveLength(65);
    expect(communes.every((c) => c.depth === 2 && c.path.startsWith(root.path))).toBe(true);
    expect(agencies.filter((a) => a.kind === "DEPARTMENT").every((d) => d.depth === 1)).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "agency.import" } })).toBe(1);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await snapshot();
    const result = await importAgencyTree(dataFile("lang-son-2025.json"), { actorUserId: null });
    expect(result).toEqual({ created: 0, updated: 0, unchanged: 81, retired: [] });
    expect(await snapshot()).toEqual(before);
  });

  it("rejects an invalid file before writing anything", async () => {
    const before = await snapshot();
    const error = await rejection(
      importAgencyTree(
        { code: "Z", name: "Tỉnh Z", kind: "PROVINCE", children: [{ code: "Z.1", kind: "UNIT" }] },
        { actorUserId: null },
      ),
    );
    expect(error.message).toContain('$.children[0].name (đơn vị mã "Z.1")');
    expect(await snapshot()).toEqual(before);
  });

  it("imports the 2021 tree beside it under a prefix, districts as UNIT", async () => {
    const result = await importAgencyTree(dataFile("lang-son-2021.json"), {
      actorUserId: null,
      prefix: "2021:",
    });
    expect(result.created).toBe(231);
    const district = await db.agency.findUniqueOrThrow({ where: { code: "2021:180" } });
    expect([district.kind, district.type, district.depth]).toEqual(["UNIT", "huyện", 1]);
    expect(await db.agency.count({ where: { code: "20" } })).toBe(1);
  });

  it("applies renames and moves from a changed file", async () => {
    const tree = twoDepartments("R", "Tỉnh Thử");
    expect(await importAgencyTree(tree, { actorUserId: null })).toMatchObject({ created: 4 });
    const changed = {
      ...tree,
      children: [
        { code: "R.A", name: "Sở A mới", kind: "DEPARTMENT" },
        {
          code: "R.B",
          name: "Sở B",
          kind: "DEPARTMENT",
          children: [{ code: "R.A.1", name: "Phòng 1", kind: "UNIT" }],
        },
      ],
    };
    expect(await importAgencyTree(changed, { actorUserId: "00000000-0000-4000-8000-000000000001" })).toEqual({
      created: 0,
      updated: 2,
      unchanged: 2,
      retired: [],
    });
    const [a, b, unit] = await Promise.all(
      ["R.A", "R.B", "R.A.1"].map((code) => db.agency.findUniqueOrThrow({ where: { code } })),
    );
    expect(a.name).toBe("Sở A mới");
    expect(
      await db.agencyAlias.findMany({
        where: { agencyId: a.id },
        select: { code: true, name: true, reason: true },
      }),
    ).toEqual([{ code: "R.A", name: "Sở A", reason: "RENAMED" }]);
    expect([unit.parentId, unit.path, unit.depth]).toEqual([b.id, `${b.path}${unit.id}/`, 2]);
    expect(await importAgencyTree(changed, { actorUserId: null })).toMatchObject({ created: 0, updated: 0 });
  });
});

describe("rename and move", () => {
  let root: Agency, a: Agency, a1: Agency, a11: Agency, b: Agency;

  it("creates agencies with paths under their parent", async () => {
    root = await createAgency({ code: "MV", name: "Tỉnh Di Chuyển", kind: "PROVINCE", parentId: null }, null);
    a = await createAgency(
      { code: "MV.A", name: "Sở Giáo dục", kind: "DEPARTMENT", parentId: root.id },
      null,
    );
    a1 = await createAgency({ code: "MV.A1", name: "Phòng Tổ chức", kind: "UNIT", parentId: a.id }, null);
    a11 = await createAgency({ code: "MV.A11", name: "Tổ Văn thư", kind: "GROUP", parentId: a1.id }, null);
    b = await createAgency({ code: "MV.B", name: "Sở Y tế", kind: "DEPARTMENT", parentId: root.id }, null);
    expect(a11.path).toBe(`/${root.id}/${a.id}/${a1.id}/${a11.id}/`);
    expect(a11.depth).toBe(3);
    expect(
      (await rejection(createAgency({ code: "MV.B", name: "Trùng", kind: "UNIT", parentId: null }, null)))
        .field,
    ).toBe("code");
  });

  it("keeps the old name as an alias, and the old code after a recode", async () => {
    await renameAgency(a.id, { name: "Sở Giáo dục và Đào tạo" }, null);
    const recoded = await renameAgency(a.id, { name: "Sở Giáo dục và Đào tạo", code: "MV.GDDT" }, null);
    expect(recoded.code).toBe("MV.GDDT");
    const aliases = await db.agencyAlias.findMany({
      where: { agencyId: a.id },
      orderBy: { createdAt: "asc" },
    });
    expect(aliases.map((x) => [x.code, x.name, x.reason])).toEqual([
      ["MV.A", "Sở Giáo dục", "RENAMED"],
      ["MV.A", "Sở Giáo dục và Đào tạo", "RECODED"],
    ]);
    expect((await resolveAgencyCode("MV.A"))?.id).toBe(a.id);
    expect((await searchAgencies({ ...all, q: "mv.a " })).rows.map((r) => r.id)).toContain(a.id);
    // The old code stays reserved for this agency.
    const reuse = await rejection(
      createAgency({ code: "MV.A", name: "Khác", kind: "UNIT", parentId: root.id }, null),
    );
    expect(reuse.message).toContain("mã cũ");
    expect(await db.auditEvent.count({ where: { action: "agency.rename", entityId: a.id } })).toBe(2);
  });

  it("moves a whole subtree, rewriting paths and depths", async () => {
    await moveAgency(a1.id, b.id, null);
    const [m1, m11] = await Promise.all([byId(a1.id), byId(a11.id)]);
    expect([m1.parentId, m1.path, m1.depth]).toEqual([b.id, `/${root.id}/${b.id}/${a1.id}/`, 2]);
    expect([m11.path, m11.depth]).toEqual([`/${root.id}/${b.id}/${a1.id}/${a11.id}/`, 3]);
    await moveAgency(a1.id, null, null);
    expect(await byId(a11.id)).toMatchObject({ path: `/${a1.id}/${a11.id}/`, depth: 1 });
    await moveAgency(a1.id, a.id, null);
    expect(await byId(a11.id)).toMatchObject({ path: `/${root.id}/${a.id}/${a1.id}/${a11.id}/`, depth: 3 });
  });

  it("refuses to move an agency under itself or its descendants, changing nothing", async () => {
    const before = await snapshot();
    expect((await rejection(moveAgency(a.id, a11.id, null))).field).toBe("parentId");
    await rejection(moveAgency(a.id, a.id, null));
    expect(await snapshot()).toEqual(before);
  });
});

describe("mergeAgencies (2025 reorganisation)", () => {
  let province: Agency, source: Agency, target: Agency, child: Agency;
  let sourcePeople: { id: string }[], targetPeople: { id: string }[], childPerson: { id: string };
  let coordinator: { id: string }, grantId: string;
  let mergedAt: Date;

  it("merges people, history, sub-agencies, grants and codes into the target", async () => {
    province = await createAgency(
      { code: "HN", name: "Tỉnh Hợp Nhất", kind: "PROVINCE", parentId: null },
      null,
    );
    source = await createAgency(
      { code: "HN.SKHDT", name: "Sở Kế hoạch và Đầu tư", kind: "DEPARTMENT", parentId: province.id },
      null,
    );
    target = await createAgency(
      { code: "HN.STC", name: "Sở Tài chính", kind: "DEPARTMENT", parentId: province.id },
      null,
    );
    child = await createAgency(
      { code: "HN.SKHDT.VP", name: "Văn phòng Sở", kind: "UNIT", parentId: source.id },
      null,
    );
    sourcePeople = [await addPerson(source.id), await addPerson(source.id), await addPerson(source.id)];
    targetPeople = [await addPerson(target.id), await addPerson(target.id)];
    childPerson = await addPerson(child.id);
    coordinator = await db.user.create({ data: { email: "dieu-phoi@test.gov.vn" } });
    grantId = (
      await db.roleGrant.create({
        data: { userId: coordinator.id, role: "COORDINATOR", agencyId: source.id },
      })
    ).id;
    const actor = await db.user.create({ data: { email: "admin-merge@test.gov.vn" } });

    const result = await mergeAgencies(source.id, target.id, actor.id);
    expect(result).toMatchObject({
      people: 3,
      membershipsClosed: 3,
      children: 1,
      grantsMoved: 1,
      grantsDropped: 0,
    });

    // Every person of the source is now in the target; the target's own staff are untouched.
    const inTarget = await db.person.findMany({ where: { agencyId: target.id }, select: { id: true } });
    expect(inTarget.map((p) => p.id).sort()).toEqual(
      [...sourcePeople, ...targetPeople].map((p) => p.id).sort(),
    );
    expect(await db.person.count({ where: { agencyId: source.id } })).toBe(0);

    // History: the old row closed, a new one opened at the same instant.
    for (const p of sourcePeople) {
      const rows = await db.membership.findMany({ where: { personId: p.id }, orderBy: { startedAt: "asc" } });
      expect(rows).toHaveLength(2);
      const [old, now] = rows;
      expect([old.agencyId, old.reason]).toEqual([source.id, "MERGED"]);
      expect(old.endedAt).not.toBeNull();
      expect([now.agencyId, now.endedAt, now.reason]).toEqual([target.id, null, "MERGED"]);
      expect(now.startedAt.getTime()).toBe(old.endedAt!.getTime());
      mergedAt = now.startedAt;
    }
    for (const p of targetPeople) expect(await db.membership.count({ where: { personId: p.id } })).toBe(1);

    // The sub-agency moved under the target, and keeps its own staff.
    const movedChild = await byId(child.id);
    expect([movedChild.parentId, movedChild.path, movedChild.depth]).toEqual([
      target.id,
      `${target.path}${child.id}/`,
      2,
    ]);
    expect((await db.person.findUniqueOrThrow({ where: { id: childPerson.id } })).agencyId).toBe(child.id);

    // The coordinator's scope follows the agency.
    expect((await db.roleGrant.findUniqueOrThrow({ where: { id: grantId } })).agencyId).toBe(target.id);

    const gone = await byId(source.id);
    expect([gone.active, gone.mergedIntoId]).toEqual([false, target.id]);
    expect(
      await db.agencyAlias.findMany({
        where: { agencyId: target.id },
        select: { code: true, name: true, reason: true },
      }),
    ).toEqual([{ code: "HN.SKHDT", name: "Sở Kế hoạch và Đầu tư", reason: "MERGED" }]);

    // The old code and name still lead to the survivor.
    expect((await resolveAgencyCode("HN.SKHDT"))?.id).toBe(target.id);
    const byOldCode = await searchAgencies({ ...all, q: "HN.SKHDT" });
    expect(byOldCode.rows.map((r) => r.id)).toContain(target.id);
    expect(byOldCode.rows.map((r) => r.id)).not.toContain(source.id);
    expect(
      (await searchAgencies({ ...all, scopePaths: [province.path], q: "ke hoach dau tu" })).rows.map(
        (r) => r.id,
      ),
    ).toEqual([target.id]);
    expect(
      (await searchAgencies({ ...all, q: "HN.SKHDT", includeInactive: true })).rows.map((r) => r.id),
    ).toContain(source.id);

    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "agency.merge", entityId: source.id },
    });
    expect([event.actorUserId, event.agencyId]).toEqual([actor.id, target.id]);
    expect(event.data).toMatchObject({ source: { code: "HN.SKHDT" }, target: { code: "HN.STC" }, people: 3 });
  });

  it("counts the merged staff in the target's subtree", async () => {
    const tree = await getAgencyTree([province.path]);
    expect(tree.map((n) => n.id)).toEqual([province.id]);
    const stc = tree[0].children.find((n) => n.id === target.id)!;
    expect([stc.personCount, stc.subtreePersonCount]).toEqual([5, 6]);
    expect(tree[0].children.map((n) => n.id)).not.toContain(source.id);
  });

  it("refuses merging into a descendant, into itself, or an inactive agency, changing nothing", async () => {
    const before = await snapshot();
    const intoChild = await rejection(mergeAgencies(target.id, child.id, null));
    expect(intoChild.message).toContain("trực thuộc");
    await rejection(mergeAgencies(target.id, target.id, null));
    await rejection(mergeAgencies(source.id, province.id, null));
    await rejection(mergeAgencies(province.id, source.id, null));
    await rejection(moveAgency(child.id, source.id, null));
    expect(await snapshot()).toEqual(before);
  });

  it("follows merge chains and keeps one grant per role", async () => {
    const finance = await createAgency(
      { code: "HN.SO-MOI", name: "Sở Tài chính và Kế hoạch", kind: "DEPARTMENT", parentId: province.id },
      null,
    );
    await db.roleGrant.create({
      data: { userId: coordinator.id, role: "COORDINATOR", agencyId: finance.id },
    });
    const result = await mergeAgencies(target.id, finance.id, null);
    expect([result.grantsMoved, result.grantsDropped]).toEqual([0, 1]);
    expect(await db.roleGrant.count({ where: { userId: coordinator.id } })).toBe(1);

    expect((await resolveAgencyCode("HN.SKHDT"))?.id).toBe(finance.id);
    expect((await resolveAgencyCode("HN.STC"))?.id).toBe(finance.id);
    // The sub-agency "HN.SKHDT.VP" matches too, by its own code; the retired target does not.
    const found = (await searchAgencies({ ...all, q: "hn.skhdt" })).rows.map((r) => r.id);
    expect(found).toEqual([finance.id, child.id]);
    const aliases = await db.agencyAlias.findMany({
      where: { agencyId: finance.id },
      select: { code: true },
    });
    expect(aliases.map((x) => x.code).sort()).toEqual(["HN.SKHDT", "HN.STC"]);
    // Three memberships now: source, target, and the final survivor.
    const history = await db.membership.findMany({
      where: { personId: sourcePeople[0].id },
      orderBy: { startedAt: "asc" },
    });
    expect(history.map((m) => m.agencyId)).toEqual([source.id, target.id, finance.id]);
    expect(history[1].startedAt.getTime()).toBe(mergedAt.getTime());
  });

  it("leaves merged codes alone when an older file is imported again", async () => {
    const tree = twoDepartments("IM", "Tỉnh Nhập Lại");
    await importAgencyTree(tree, { actorUserId: null });
    const [a, b] = await Promise.all(
      ["IM.A", "IM.B"].map((code) => db.agency.findUniqueOrThrow({ where: { code } })),
    );
    await mergeAgencies(a.id, b.id, null);
    const before = await snapshot();
    expect(await importAgencyTree(tree, { actorUserId: null })).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      retired: ["IM.A"],
    });
    expect(await snapshot()).toEqual(before);
    expect((await db.agency.findUniqueOrThrow({ where: { code: "IM.A.1" } })).parentId).toBe(b.id);
  });
});

describe("search and scope", () => {
  it("finds agencies without diacritics, in any word order", async () => {
    const snv = await db.agency.findUniqueOrThrow({ where: { code: "20.SNV" } });
    for (const q of ["Sở Nội vụ", "so noi vu", "NOI VU", "vu noi", "20.snv"]) {
      expect((await searchAgencies({ ...all, q })).rows.map((r) => r.id)).toContain(snv.id);
    }
    expect((await searchAgencies({ ...all, q: "%" })).total).toBe(0);
  });

  it("takes LIKE wildcards in the query literally", async () => {
    const odd = await createAgency(
      { code: "ESC_1", name: "Đơn vị 100%", kind: "UNIT", parentId: null },
      null,
    );
    expect((await searchAgencies({ ...all, q: "esc_1" })).rows.map((r) => r.id)).toEqual([odd.id]);
    expect((await searchAgencies({ ...all, q: "100%" })).rows.map((r) => r.id)).toEqual([odd.id]);
    expect((await searchAgencies({ ...all, q: "es%1" })).total).toBe(0);
    expect((await searchAgencies({ ...all, q: "esc_" })).total).toBe(1);
    await createAgency({ code: "ESCX1", name: "Đơn vị khác", kind: "UNIT", parentId: null }, null);
    expect((await searchAgencies({ ...all, q: "esc_1" })).total).toBe(1);
  });

  it("sorts by depth, then by name in Vietnamese order, and pages", async () => {
    const found = await searchAgencies({ ...all, q: "xa", kind: "COMMUNE", pageSize: 10 });
    expect(found.rows).toHaveLength(10);
    const allCommunes = await searchAgencies({ ...all, q: "xa", kind: "COMMUNE", pageSize: 1000 });
    const collator = new Intl.Collator("vi");
    const names = allCommunes.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((x, y) => collator.compare(x, y)));
    expect(found.rows.map((r) => r.id)).toEqual(allCommunes.rows.slice(0, 10).map((r) => r.id));
    const page2 = await searchAgencies({ ...all, q: "xa", kind: "COMMUNE", page: 2, pageSize: 10 });
    expect(page2.rows.map((r) => r.id)).toEqual(allCommunes.rows.slice(10, 20).map((r) => r.id));
  });

  it("never returns agencies outside the caller's scope", async () => {
    const snv = await db.agency.findUniqueOrThrow({ where: { code: "20.SNV" } });
    const unit = await createAgency(
      { code: "20.SNV.VP", name: "Văn phòng Sở Nội vụ", kind: "UNIT", parentId: snv.id },
      null,
    );
    const scope = [snv.path];
    for (const q of ["", "so", "xa", "20", "van phong", "lang son"]) {
      const found = await searchAgencies({
        q,
        scopePaths: scope,
        includeInactive: true,
        page: 1,
        pageSize: 1000,
      });
      expect(found.rows.every((r) => r.path.startsWith(snv.path))).toBe(true);
    }
    const everything = await searchAgencies({ q: "", scopePaths: scope, page: 1, pageSize: 100 });
    expect(everything.rows.map((r) => r.id)).toEqual([snv.id, unit.id]);
    expect((await searchAgencies({ q: "so", scopePaths: [], page: 1, pageSize: 100 })).total).toBe(0);

    const tree = await getAgencyTree(scope);
    expect(tree.map((n) => [n.id, n.children.map((c) => c.id)])).toEqual([[snv.id, [unit.id]]]);
    expect((await listAgencyOptions(scope)).map((o) => o.id)).toEqual([snv.id, unit.id]);
  });

  it("lists options in tree order, live agencies only", async () => {
    const options = await listAgencyOptions("ALL");
    const root = await db.agency.findUniqueOrThrow({ where: { code: "20" } });
    const fromRoot = options.filter((o) => o.path.startsWith(root.path));
    expect(fromRoot[0].id).toBe(root.id);
    expect(fromRoot).toHaveLength(82);
    for (let i = 1; i < fromRoot.length; i++) {
      // Each option's parent appears before it.
      const parentPath = fromRoot[i].path.slice(0, fromRoot[i].path.length - fromRoot[i].id.length - 1);
      expect(fromRoot.slice(0, i).some((o) => o.path === parentPath)).toBe(true);
    }
    const merged = await db.agency.findMany({ where: { active: false }, select: { id: true } });
    expect(merged.length).toBeGreaterThan(0);
    expect(options.some((o) => merged.some((m) => m.id === o.id))).toBe(false);
  });
});
