// Every loader and action checks who is asking: coordinators stay inside their subtree, reviewers read only.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import * as adminUsers from "~/routes/admin.users";
import * as peopleExport from "~/routes/people.export";
import * as peopleImport from "~/routes/people.import";
import * as peopleList from "~/routes/people._index";
import * as peopleNew from "~/routes/people.new";
import * as personPage from "~/routes/people.$personId";
import * as reports from "~/routes/reports";
import { buildWorld, call, get, post, upload } from "./helpers/world";

let w: Awaited<ReturnType<typeof buildWorld>>;
const personFields = (agencyId: string, email: string) => ({
  intent: "save",
  fullName: "Phạm Thị Dung",
  email,
  agencyId,
  staffCategory: "CONG_CHUC",
  position: "Chuyên viên",
  itRole: "NONE",
  tags: "",
});
const snapshot = () => db.person.findMany({ orderBy: { email: "asc" } });
/** A post to a person's page (save or deactivate) as `cookie`. */
const postPerson = (personId: string, cookie: string, fields: Record<string, string>) =>
  call(personPage.action, post(`/people/${personId}`, cookie, fields), { personId });

beforeAll(async () => {
  w = await buildWorld();
});

describe("a coordinator of agency A", () => {
  it("lists only people of A and its sub-agencies", async () => {
    const res = await call(peopleList.loader, get("/people", w.coordA.cookie));
    const emails = (res.data as { rows: { email: string }[] }).rows.map((r) => r.email).sort();
    expect(emails).toEqual(["an@a.vn", "binh@a1.vn", "coord-a@test.vn", "learner@test.vn"].sort());
  });

  it("gets 404 for the list of agency B by URL", async () => {
    expect((await call(peopleList.loader, get(`/people?agency=${w.b.id}`, w.coordA.cookie))).status).toBe(
      404,
    );
    expect(
      (await call(peopleExport.loader, get(`/people/export?agency=${w.b.id}`, w.coordA.cookie))).status,
    ).toBe(404);
  });

  it("gets 404 for a person of B, by URL and by form", async () => {
    const before = await snapshot();
    expect(
      (
        await call(personPage.loader, get(`/people/${w.personB.id}`, w.coordA.cookie), {
          personId: w.personB.id,
        })
      ).status,
    ).toBe(404);
    const save = await postPerson(w.personB.id, w.coordA.cookie, personFields(w.a.id, "cuong@b.vn"));
    expect(save.status).toBe(404);
    const deact = await postPerson(w.personB.id, w.coordA.cookie, { intent: "deactivate" });
    expect(deact.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("gets 403 when a forged agencyId moves or creates someone in B", async () => {
    const before = await snapshot();
    const move = await postPerson(w.personA.id, w.coordA.cookie, personFields(w.b.id, "an@a.vn"));
    expect(move.status).toBe(403);
    const create = await call(
      peopleNew.action,
      post("/people/new", w.coordA.cookie, personFields(w.b.id, "moi@b.vn")),
    );
    expect(create.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("cannot import rows into B, nor apply someone else's import", async () => {
    const before = await snapshot();
    const csv = "Họ và tên,Email,Mã đơn vị,Đối tượng\nPhạm Văn Em,em@b.vn,B,Công chức\n";
    const preview = await call(peopleImport.action, upload("/people/import", w.coordA.cookie, "b.csv", csv));
    expect(preview.status).toBe(400);
    const errors = (preview.data as { preview: { summary: { errors: { message: string }[] } } }).preview
      .summary.errors;
    expect(errors.length).toBeGreaterThan(0);

    const okCsv = "Họ và tên,Email,Mã đơn vị,Đối tượng\nPhạm Văn Em,em@b.vn,B,Công chức\n";
    const bPreview = await call(
      peopleImport.action,
      upload("/people/import", w.coordB.cookie, "b.csv", okCsv),
    );
    expect(bPreview.status).toBe(200);
    const importId = (bPreview.data as { preview: { id: string } }).preview.id;
    const hijack = await call(
      peopleImport.action,
      post("/people/import", w.coordA.cookie, { intent: "apply", importId }),
    );
    expect([403, 404]).toContain(hijack.status);
    expect(await snapshot()).toEqual(before);
  });

  it("cannot reach admin pages", async () => {
    expect((await call(adminUsers.loader, get("/admin/users", w.coordA.cookie))).status).toBe(403);
    const grant = await call(
      adminUsers.action,
      post("/admin/users", w.coordA.cookie, { intent: "grant", userId: w.coordA.user.id, role: "ADMIN" }),
    );
    expect(grant.status).toBe(403);
    expect(await db.roleGrant.count({ where: { userId: w.coordA.user.id, role: "ADMIN" } })).toBe(0);
  });
});

describe("a reviewer of the province", () => {
  it("reads people and reports across the province", async () => {
    const res = await call(peopleList.loader, get("/people", w.reviewer.cookie));
    expect((res.data as { total: number }).total).toBe(6);
    const rep = await call(reports.loader, get("/reports", w.reviewer.cookie));
    expect(rep.status).toBe(200);
    expect((await call(peopleExport.loader, get("/people/export", w.reviewer.cookie))).status).toBe(200);
  });

  it("cannot change anything", async () => {
    const before = await snapshot();
    const attempts = [
      call(peopleNew.action, post("/people/new", w.reviewer.cookie, personFields(w.a.id, "x@a.vn"))),
      postPerson(w.personA.id, w.reviewer.cookie, personFields(w.a.id, "an@a.vn")),
      postPerson(w.personA.id, w.reviewer.cookie, { intent: "deactivate" }),
      call(
        peopleImport.action,
        upload(
          "/people/import",
          w.reviewer.cookie,
          "a.csv",
          "Họ và tên,Email,Mã đơn vị,Đối tượng\nA B,ab@a.vn,A,Công chức\n",
        ),
      ),
    ];
    for (const r of await Promise.all(attempts)) expect(r.status).toBe(403);
    expect(await snapshot()).toEqual(before);
    // The person page is readable (the training record) but offers no edit form.
    const page = await call(personPage.loader, get(`/people/${w.personA.id}`, w.reviewer.cookie), {
      personId: w.personA.id,
    });
    expect(page.status).toBe(200);
    expect((page.data as { canManage: boolean }).canManage).toBe(false);
  });
});

describe("a learner and an anonymous visitor", () => {
  it("the learner gets 403 on coordinator pages", async () => {
    expect((await call(peopleList.loader, get("/people", w.learner.cookie))).status).toBe(403);
    expect((await call(reports.loader, get("/reports", w.learner.cookie))).status).toBe(403);
  });

  it("anonymous visitors are sent to the login page", async () => {
    const res = await call(peopleList.loader, get("/people", ""));
    expect(res.status).toBe(302);
    expect(res.response?.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});
