// Applying a previewed import: all rows in one transaction or none, re-checked against today's database,
// only by the person who uploaded it, only once.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { Scope } from "~/modules/auth/scope";
import { applyPeopleImport, previewPeopleImport } from "~/modules/people/import.server";
import type { DomainError } from "~/utils/errors";
import { makePerson } from "../fixtures/factories";
import { csvBytes } from "../fixtures/people/files";
import { coordinatorA, coordinatorB, importWorld, row, snapshot } from "../fixtures/people/world";
import { whileInsertsFail } from "./helpers/failing-insert";

let tree: Awaited<ReturnType<typeof importWorld>>["tree"];
let scopeA: Scope;

beforeAll(async () => {
  ({ tree, scopeA } = await importWorld());
});

describe("apply", () => {
  const fresh = (n: number, prefix: string) =>
    csvBytes(
      Array.from({ length: n }, (_, i) =>
        row({ "Họ và tên": `Người Thứ ${i}`, Email: `${prefix}.${i}@a.vn` }),
      ),
    );

  it("writes nothing when a write fails mid-way", async () => {
    const preview = await previewPeopleImport({
      scope: scopeA,
      fileName: "x.csv",
      bytes: fresh(50, "giua"),
      actorUserId: coordinatorA,
    });
    expect(preview.summary.toCreate).toBe(50);
    const before = await snapshot();
    // People are written first, memberships after: a failure on the membership insert is truly mid-way.
    await whileInsertsFail("Membership", () =>
      expect(
        applyPeopleImport({ scope: scopeA, importId: preview.id, actorUserId: coordinatorA }),
      ).rejects.toThrow(/simulated failure/),
    );
    expect(await snapshot()).toEqual(before);
    // The import was not used up by the failed attempt: it can be applied once the problem is gone.
    expect((await db.peopleImport.findUniqueOrThrow({ where: { id: preview.id } })).status).toBe("PREVIEW");
    expect(
      await applyPeopleImport({ scope: scopeA, importId: preview.id, actorUserId: coordinatorA }),
    ).toMatchObject({ ok: true, counts: { created: 50 } });
  });

  it("re-checks against the database: an email taken elsewhere since the preview stops the whole file", async () => {
    const preview = await previewPeopleImport({
      scope: scopeA,
      fileName: "x.csv",
      bytes: fresh(5, "dua"),
      actorUserId: coordinatorA,
    });
    expect(preview.summary.errors).toEqual([]);
    await makePerson({ email: "dua.3@a.vn", agencyId: tree.b.id });
    const before = await snapshot();
    const result = await applyPeopleImport({
      scope: scopeA,
      importId: preview.id,
      actorUserId: coordinatorA,
    });
    expect(result.ok).toBe(false);
    expect(result.preview.summary.errors).toEqual([
      { line: 5, column: "Email", message: "Email đã được dùng ở đơn vị khác." },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses someone else's import (404) and one already applied (409)", async () => {
    const preview = await previewPeopleImport({
      scope: [tree.b.path],
      fileName: "b.csv",
      bytes: csvBytes([row({ Email: "moi@b.vn", "Mã đơn vị": "B" })]),
      actorUserId: coordinatorB,
    });
    expect(preview.summary.errors).toEqual([]);
    const before = await snapshot();
    const hijack = await applyPeopleImport({
      scope: "ALL",
      importId: preview.id,
      actorUserId: coordinatorA,
    }).catch((e: DomainError) => e);
    expect(hijack).toMatchObject({ status: 404, message: "Không tìm thấy lượt nhập tệp này." });
    expect(
      await applyPeopleImport({ scope: scopeA, importId: "khong-phai-id", actorUserId: coordinatorA }).catch(
        (e: DomainError) => e.status,
      ),
    ).toBe(404);
    expect(await snapshot()).toEqual(before);

    await applyPeopleImport({ scope: [tree.b.path], importId: preview.id, actorUserId: coordinatorB });
    const twice = await applyPeopleImport({
      scope: [tree.b.path],
      importId: preview.id,
      actorUserId: coordinatorB,
    }).catch((e: DomainError) => e);
    expect(twice).toMatchObject({ status: 409 });
  });

  it("a coordinator of A cannot import rows into B, nor apply them once the preview shows the error", async () => {
    const before = await snapshot();
    const preview = await previewPeopleImport({
      scope: scopeA,
      fileName: "b.csv",
      bytes: csvBytes([row({ Email: "x@b.vn", "Mã đơn vị": "B" })]),
      actorUserId: coordinatorA,
    });
    expect(preview.summary.errors).toEqual([
      { line: 2, column: "Mã đơn vị", message: 'Đơn vị "B" nằm ngoài phạm vi bạn được quản lý.' },
    ]);
    expect(
      (await applyPeopleImport({ scope: scopeA, importId: preview.id, actorUserId: coordinatorA })).ok,
    ).toBe(false);
    // A scope that shrank between preview and apply is caught by the re-check as well.
    const ok = await previewPeopleImport({
      scope: "ALL",
      fileName: "b.csv",
      bytes: csvBytes([row({ Email: "y@b.vn", "Mã đơn vị": "B" })]),
      actorUserId: coordinatorA,
    });
    const shrunk = await applyPeopleImport({ scope: scopeA, importId: ok.id, actorUserId: coordinatorA });
    expect(shrunk.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it("a caller without any scope cannot preview", async () => {
    const error = await previewPeopleImport({
      scope: [],
      fileName: "a.csv",
      bytes: csvBytes([row()]),
      actorUserId: coordinatorA,
    }).catch((e: DomainError) => e);
    expect(error).toMatchObject({ status: 403 });
  });
});
