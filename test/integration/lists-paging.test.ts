// Paging through a big list over the real loaders: the `pageSize` search param is honoured, capped at the
// maximum (never a 500), bad values fall back to the default, and the other lists accept it too.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { derivedPersonFields } from "~/modules/people/schema";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as usersLoader } from "~/routes/admin.users";
import { loader as notificationsLoader } from "~/routes/notifications";
import { loader as peopleLoader } from "~/routes/people._index";
import { MAX_PAGE_SIZE } from "~/utils/paging";
import { buildWorld, call, get } from "./helpers/world";

type World = Awaited<ReturnType<typeof buildWorld>>;
let w: World;
const N = 3000;

beforeAll(async () => {
  w = await buildWorld();
  const rows = Array.from({ length: N }, (_, i) => {
    const fullName = `Nguyễn Văn Thử ${String(i).padStart(4, "0")}`;
    const email = `thu.${i}@paging.test.vn`;
    return {
      fullName,
      email,
      position: "Chuyên viên",
      agencyId: w.b.id,
      staffCategory: "CONG_CHUC" as const,
      ...derivedPersonFields({ fullName, email, position: "Chuyên viên" }),
    };
  });
  await db.person.createMany({ data: rows });
  await db.auditEvent.createMany({
    data: Array.from({ length: 250 }, (_, i) => ({
      action: "test.paging",
      entityType: "Test",
      entityId: `${i}`,
    })),
  });
  const learner = await db.user.findUniqueOrThrow({ where: { id: w.learner.user.id } });
  await db.notification.createMany({
    data: Array.from({ length: 120 }, (_, i) => ({
      personId: learner.personId!,
      kind: "TEST",
      title: `Thông báo ${i}`,
      dedupeKey: `test:paging:${i}`,
    })),
  });
}, 120_000);

type People = {
  rows: { id: string; email: string }[];
  total: number;
  query: { page: number; pageSize: number };
};
const people = async (search: string) => {
  const res = await call(peopleLoader, get(`/people?${search}`, w.admin.cookie));
  return { status: res.status, data: res.data as People };
};

describe("people list paging", () => {
  it("pageSize=200 returns 200 rows of the 3,000", async () => {
    const { status, data } = await people("agency=" + w.b.id + "&pageSize=200");
    expect(status).toBe(200);
    expect(data.total).toBeGreaterThanOrEqual(N);
    expect(data.rows).toHaveLength(200);
    expect(data.query.pageSize).toBe(200);
  });

  it("a page size above the maximum is capped, not a 500", async () => {
    const { status, data } = await people("agency=" + w.b.id + "&pageSize=999999");
    expect(status).toBe(200);
    expect(data.query.pageSize).toBe(MAX_PAGE_SIZE);
    expect(data.rows).toHaveLength(MAX_PAGE_SIZE);
  });

  it("bad values fall back to the default and keep the other params", async () => {
    for (const bad of ["abc", "0", "-3", "1.5", ""]) {
      const { status, data } = await people(`agency=${w.b.id}&pageSize=${bad}&page=2`);
      expect(status, bad).toBe(200);
      expect(data.query.pageSize, bad).toBe(20);
      expect(data.query.page, bad).toBe(2);
      expect(data.rows, bad).toHaveLength(20);
    }
  });

  it("pages do not overlap: page 3 of 50 starts after row 100", async () => {
    const all = (await people(`agency=${w.b.id}&pageSize=200`)).data.rows.map((r) => r.email);
    const p3 = (await people(`agency=${w.b.id}&pageSize=50&page=3`)).data.rows.map((r) => r.email);
    expect(p3).toEqual(all.slice(100, 150));
  });
});

describe("the other paged lists take pageSize", () => {
  it("audit log, accounts and notifications", async () => {
    const audit = await call(
      auditLoader,
      get("/admin/audit?action=test.paging&pageSize=200", w.admin.cookie),
    );
    expect(audit.status).toBe(200);
    expect((audit.data as { rows: unknown[] }).rows).toHaveLength(200);
    const capped = await call(auditLoader, get("/admin/audit?pageSize=999999", w.admin.cookie));
    expect(capped.status).toBe(200);
    expect((capped.data as { pageSize: number }).pageSize).toBe(MAX_PAGE_SIZE);

    const users = await call(usersLoader, get("/admin/users?pageSize=20", w.admin.cookie));
    expect(users.status).toBe(200);
    expect((users.data as { pageSize: number }).pageSize).toBe(20);

    const inbox = await call(notificationsLoader, get("/notifications?pageSize=100", w.learner.cookie));
    expect(inbox.status).toBe(200);
    expect((inbox.data as { items: unknown[] }).items).toHaveLength(100);
  });
});
