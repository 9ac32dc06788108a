// Housekeeping drops stale import previews, expired sessions and old login attempts — and nothing else.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { housekeeping } from "~/modules/maintenance/housekeeping.server";

const HOUR = 3_600_000;

describe("housekeeping", () => {
  it("deletes only what has expired", async () => {
    const now = new Date("2026-11-23T03:00:00Z");
    const ago = (h: number) => new Date(now.getTime() - h * HOUR);
    const user = await db.user.create({ data: { email: "dondep@test.gov.vn" } });
    const preview = (createdAt: Date, status = "PREVIEW") =>
      db.peopleImport.create({
        data: {
          createdById: user.id,
          fileName: "ds.csv",
          fileHash: "x",
          rows: [],
          summary: {},
          status,
          createdAt,
        },
      });
    const stalePreview = await preview(ago(25));
    const freshPreview = await preview(ago(23));
    const oldApplied = await preview(ago(24 * 30), "APPLIED");
    await db.session.createMany({
      data: [
        { id: "het-han", userId: user.id, expiresAt: ago(1) },
        { id: "con-han", userId: user.id, expiresAt: new Date(now.getTime() + HOUR) },
      ],
    });
    await db.loginAttempt.createMany({
      data: [
        { key: "acct:cu", success: false, createdAt: ago(25) },
        { key: "acct:moi", success: false, createdAt: ago(1) },
      ],
    });

    expect(await housekeeping(now)).toEqual({ previews: 1, sessions: 1, loginAttempts: 1 });
    const importIds = (await db.peopleImport.findMany({ select: { id: true } })).map((r) => r.id);
    expect(importIds).not.toContain(stalePreview.id);
    expect(importIds).toEqual(expect.arrayContaining([freshPreview.id, oldApplied.id]));
    expect((await db.session.findMany()).map((s) => s.id)).toEqual(["con-han"]);
    expect((await db.loginAttempt.findMany()).map((a) => a.key)).toEqual(["acct:moi"]);
    expect(await housekeeping(now)).toEqual({ previews: 0, sessions: 0, loginAttempts: 0 });
  });
});
