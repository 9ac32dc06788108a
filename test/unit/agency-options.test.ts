import { describe, expect, it } from "vitest";
import { indentedAgencyOptions } from "~/modules/agencies/options";

describe("indentedAgencyOptions", () => {
  it("indents from the top of the caller's scope, not from the province", () => {
    const labels = indentedAgencyOptions([
      { id: "a", name: "Sở Khoa học và Công nghệ", depth: 1 },
      { id: "b", name: "Văn phòng Sở", depth: 2 },
    ]).map((o) => o.label);
    expect(labels).toEqual(["Sở Khoa học và Công nghệ", "— Văn phòng Sở"]);
  });
});
