// Paging through a big list over the real loaders: the `pageSize` search param is honoured, capped at the
// maximum (never a 500), bad values fall back to the default, and the other lists accept it too.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { derivedPersonFields } from "~/modules/people/schema";
import { loader as auditLoader } from "~/routes/admin.audit";
import { loader as usersLoader } from "~/routes/admin.users";
import { loader as agenciesLoader } from "~/routes/admin.agencies._index";
import { loader as assignmentsLoader } from "~/routes/assignments._index";
import { loader as overdueLoader } from "~/routes/assignments.overdue";
import { loader as notificationsLoader } from "~/routes/notifications";
import { loader as offeringsLoader } from "~/routes/offerings._index";
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
  const course = await db.course.create({ data: { code: "PAGING", title: "Khóa phân trang" } });
  await db.assignment.createMany({
    data: Array.from({ length: 7 }, (_, i) => ({
      courseId: course.id,
      createdById: w.admin.user.id,
      title: `Giao ${i}`,
      agencyId: w.b.id,
      createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
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
  query: { page: number; pageSize: number; sort: string };
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
    expect((inbox.data as { rows: unknown[] }).rows).toHaveLength(100);
  });
});

describe("the assignments list pages", () => {
  type Assignments = { rows: { title: string }[]; total: number; page: number; pageSize: number };
  const assignments = async (search: string) =>
    (await call(assignmentsLoader, get(`/assignments?${search}`, w.admin.cookie))).data as Assignments;

  it("newest first, pageSize rows a page, pages that do not overlap", async () => {
    const first = await assignments("pageSize=3");
    expect(first.total).toBe(7);
    expect(first.rows.map((a) => a.title)).toEqual(["Giao 6", "Giao 5", "Giao 4"]);
    expect((await assignments("pageSize=3&page=3")).rows.map((a) => a.title)).toEqual(["Giao 0"]);
  });

  it("a coordinator sees only the assignments of their subtree", async () => {
    const res = await call(assignmentsLoader, get("/assignments", w.coordA.cookie));
    expect((res.data as Assignments).total).toBe(0);
  });
});

// Every paged list reads page/pageSize (and sort where it has one) through listQuery: a hand-edited URL
// gets the default instead of a 500, and the other parameters stay.
describe("bad paging parameters fall back on every list", () => {
  const lists: [
    string,
    Parameters<typeof call>[0],
    string,
    (d: never) => { page: number; pageSize: number },
  ][] = [
    ["people", peopleLoader, "/people", (d: { page: number; pageSize: number }) => d],
    ["assignments", assignmentsLoader, "/assignments", (d: { page: number; pageSize: number }) => d],
    [
      "overdue",
      overdueLoader,
      "/assignments/overdue",
      (d: { list: { page: number; pageSize: number } }) => d.list,
    ],
    [
      "offerings",
      offeringsLoader,
      "/offerings",
      (d: { bookings: { page: number; pageSize: number } }) => d.bookings,
    ],
    ["notifications", notificationsLoader, "/notifications", (d: { page: number; pageSize: number }) => d],
    ["audit", auditLoader, "/admin/audit", (d: { page: number; pageSize: number }) => d],
    ["users", usersLoader, "/admin/users", (d: { page: number; pageSize: number }) => d],
  ];

  for (const [name, loader, path, paging] of lists) {
    it(name, async () => {
      const cookie = name === "notifications" ? w.learner.cookie : w.admin.cookie;
      const base = await call(loader, get(path, cookie));
      expect(base.status).toBe(200);
      const pick = (data: unknown) => {
        const p = paging(data as never);
        return { page: p.page, pageSize: p.pageSize };
      };
      const defaults = pick(base.data);
      for (const bad of ["page=abc", "page=-1", "page=0", "page=1.5", "page=", "page=1e999", "pageSize=-5"]) {
        const res = await call(loader, get(`${path}?${bad}&sort=unknown&unread=2`, cookie));
        expect(res.status, bad).toBe(200);
        expect(pick(res.data), bad).toEqual({ ...defaults, page: 1 });
      }
    });
  }

  it("people: an unknown sort falls back to name order and keeps the other params", async () => {
    const { status, data } = await people(`agency=${w.b.id}&sort=drop%20table&pageSize=5&page=2`);
    expect(status).toBe(200);
    const query = data.query as { sort: string; page: number; pageSize: number };
    expect(query).toMatchObject({ sort: "name", page: 2, pageSize: 5 });
    const byName = (await people(`agency=${w.b.id}&sort=name&pageSize=5&page=2`)).data.rows;
    expect(data.rows.map((r) => r.email)).toEqual(byName.map((r) => r.email));
  });

  it("a page past the end of an in-memory list shows its last page; of a database list, no rows", async () => {
    const overdue = await call(overdueLoader, get("/assignments/overdue?page=500", w.admin.cookie));
    expect(overdue.status).toBe(200);
    expect((overdue.data as { list: { page: number } }).list.page).toBe(1);
    const res = await call(assignmentsLoader, get("/assignments?page=500&pageSize=3", w.admin.cookie));
    expect(res.status).toBe(200);
    expect((res.data as { rows: unknown[]; total: number }).rows).toEqual([]);
    expect((res.data as { total: number }).total).toBe(7);
  });

  it("the admin agency list and search ignore paging parameters they do not have", async () => {
    const res = await call(agenciesLoader, get("/admin/agencies?page=abc&q=b", w.admin.cookie));
    expect(res.status).toBe(200);
  });
});
