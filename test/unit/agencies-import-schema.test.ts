import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAgencyTreeJson } from "~/modules/agencies/import-schema";
import { DomainError } from "~/utils/errors";

const dataFile = (name: string) =>
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../../prisma/data/agencies", name), "utf8"),
  ) as unknown;

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

describe("parseAgencyTreeJson on the bundled files", () => {
  it.each([
    ["lang-son-2025.json", 81, 65],
    ["lang-son-2021.json", 231, 200],
    ["nghe-an-2025.json", 146, 130],
  ])("%s has %i nodes, %i communes", (file, total, communes) => {
    const nodes = parseAgencyTreeJson(dataFile(file));
    expect(nodes).toHaveLength(total);
    expect(nodes.filter((n) => n.kind === "COMMUNE")).toHaveLength(communes);
    // Parents always come before their children.
    const seen = new Set<string>();
    for (const n of nodes) {
      if (n.parentCode) expect(seen.has(n.parentCode)).toBe(true);
      seen.add(n.code);
    }
  });

  it("stores 2021 districts as UNIT and keeps what they were in type", () => {
    const nodes = parseAgencyTreeJson(dataFile("lang-son-2021.json"));
    const districts = nodes.filter((n) => n.level === 1 && n.kind === "UNIT");
    expect(districts).toHaveLength(11);
    expect(new Set(districts.map((d) => d.type))).toEqual(new Set(["huyện", "thành phố"]));
  });

  it("puts the prefix in front of every code, parents included", () => {
    const nodes = parseAgencyTreeJson(dataFile("lang-son-2021.json"), "2021:");
    expect(nodes.every((n) => n.code.startsWith("2021:"))).toBe(true);
    expect(nodes.filter((n) => n.parentCode).every((n) => n.parentCode!.startsWith("2021:"))).toBe(true);
  });
});

/** The error for a province "P" with these children. */
const provinceError = (children: unknown[]) =>
  errorOf(() => parseAgencyTreeJson({ code: "P", name: "Tỉnh", kind: "PROVINCE", children }));

describe("parseAgencyTreeJson rejects bad files with the JSON path of the bad node", () => {
  it("names missing and invalid fields", () => {
    const e = provinceError([
      { code: "A", name: " ", kind: "DEPARTMENT" },
      { code: "B", name: "Sở B", kind: "CITY" },
      { name: "Không mã", kind: "UNIT" },
      "not a node",
    ]);
    expect(e.status).toBe(400);
    expect(e.message).toContain('$.children[0].name (đơn vị mã "A"): tên đơn vị (name) để trống');
    expect(e.message).toContain('$.children[1].kind (đơn vị mã "B"): loại đơn vị (kind) phải là một trong');
    expect(e.message).toContain('$.children[2].code (thuộc đơn vị mã "P"): thiếu mã đơn vị (code)');
    expect(e.message).toContain('$.children[3] (thuộc đơn vị mã "P"): mỗi đơn vị phải là một đối tượng');
  });

  it("finds duplicate codes anywhere in the tree", () => {
    const e = provinceError([
      {
        code: "A",
        name: "Sở A",
        kind: "DEPARTMENT",
        children: [{ code: "P", name: "Phòng", kind: "UNIT" }],
      },
    ]);
    expect(e.message).toContain('$.children[0].children[0].code: mã "P" trùng với $ (Tỉnh)');
  });

  it("rejects a file that is not a tree at all", () => {
    expect(errorOf(() => parseAgencyTreeJson("hello")).message).toContain(
      "$: mỗi đơn vị phải là một đối tượng",
    );
    expect(errorOf(() => parseAgencyTreeJson([])).message).toContain("tệp không có đơn vị nào");
    expect(errorOf(() => parseAgencyTreeJson({ code: "P", name: "T", kind: "PROVINCE" }, "a b")).field).toBe(
      "prefix",
    );
  });
});
