import { describe, expect, it } from "vitest";
import {
  agencySearchText,
  buildAgencyTree,
  childPath,
  inTreeOrder,
  isSameOrDescendant,
} from "~/modules/agencies/tree";
import type { AgencyRow } from "~/modules/agencies/rows";

function row(id: string, name: string, parent: AgencyRow | null): AgencyRow {
  return {
    id,
    code: id.toUpperCase(),
    name,
    kind: parent ? "DEPARTMENT" : "PROVINCE",
    type: null,
    parentId: parent?.id ?? null,
    path: childPath(parent?.path ?? null, id),
    depth: parent ? parent.depth + 1 : 0,
  };
}

describe("paths", () => {
  it("roots are /id/, children extend the parent's path", () => {
    expect(childPath(null, "r")).toBe("/r/");
    expect(childPath("/r/", "c")).toBe("/r/c/");
  });

  it("a node is inside itself and its ancestors, not inside a sibling with a longer id", () => {
    expect(isSameOrDescendant("/r/c/", "/r/")).toBe(true);
    expect(isSameOrDescendant("/r/", "/r/")).toBe(true);
    expect(isSameOrDescendant("/r/c1/", "/r/c/")).toBe(false);
  });
});

describe("agencySearchText", () => {
  it("folds diacritics and carries former codes and names", () => {
    expect(
      agencySearchText("20.STC", "Sở Tài chính", [{ code: "20.SKHDT", name: "Sở Kế hoạch và Đầu tư" }]),
    ).toBe("20.stc so tai chinh 20.skhdt so ke hoach va dau tu");
  });

  it("does not repeat a code kept across a rename", () => {
    expect(agencySearchText("A", "Mới", [{ code: "A", name: "Cũ" }])).toBe("a moi cu");
  });
});

describe("buildAgencyTree", () => {
  const root = row("r", "UBND tỉnh", null);
  const d1 = row("d1", "Sở Y tế", root);
  const d2 = row("d2", "Sở Đào tạo", root);
  const d3 = row("d3", "Sở An ninh", root);
  const u = row("u", "Trung tâm", d1);

  it("nests children in Vietnamese order and sums staff up the tree", () => {
    const tree = buildAgencyTree(
      [u, d1, d2, root, d3],
      new Map([
        ["u", 3],
        ["d1", 2],
        ["r", 1],
        ["d3", 4],
      ]),
    );
    expect(tree).toHaveLength(1);
    expect(tree[0].children.map((c) => c.name)).toEqual(["Sở An ninh", "Sở Đào tạo", "Sở Y tế"]);
    expect(tree[0].subtreePersonCount).toBe(10);
    const yTe = tree[0].children[2];
    expect([yTe.personCount, yTe.subtreePersonCount]).toEqual([2, 5]);
  });

  it("treats nodes whose parent is out of scope as tops", () => {
    const tree = buildAgencyTree([u, d2]);
    expect(tree.map((n) => n.id).sort()).toEqual(["d2", "u"]);
  });

  it("lists rows in tree order", () => {
    expect(inTreeOrder([u, d1, d2, root, d3]).map((r) => r.id)).toEqual(["r", "d3", "d2", "d1", "u"]);
  });
});
