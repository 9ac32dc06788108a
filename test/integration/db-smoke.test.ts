import { describe, expect, it } from "vitest";
import { db } from "~/db.server";

describe("database", () => {
  it("is migrated and accepts writes", async () => {
    const a = await db.agency.create({
      data: { code: "X", name: "Thử", kind: "PROVINCE", path: "/", depth: 0 },
    });
    expect(await db.agency.count()).toBe(1);
    expect(a.code).toBe("X");
  });
});
