// Route-level scoping of the targets pages: who sees which agencies, who may write, what bad input answers.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loader as dashboardLoader } from "~/routes/targets._index";
import { action as importAction } from "~/routes/targets.completions.import";
import { loader as exportLoader } from "~/routes/targets.export";
import { action as newPlanAction, loader as newPlanLoader } from "~/routes/targets.plans.new";
import { action as planAction } from "~/routes/targets.plans.$planId";
import { loader as reportLoader } from "~/routes/targets.report";
import { action as snapshotAction } from "~/routes/targets.snapshots";
import { buildWorldWithTarget, call, get, signedInAccount, post, upload } from "./helpers/world";

type World = Awaited<ReturnType<typeof buildWorldWithTarget>>;
let w: World;
let planId: string;
let targetId: string;
let reviewerA: { cookie: string };

beforeAll(async () => {
  // An, at A, holds a valid ATTT basics completion; the others do not.
  w = await buildWorldWithTarget();
  planId = w.plan.id;
  targetId = w.target.id;
  reviewerA = await signedInAccount({
    email: "reviewer-a@test.vn",
    grants: [{ role: "REVIEWER", agencyId: w.a.id }],
  });
});

type Dash = {
  rows: { id: string; name: string; figure: { audience: number; completed: number } }[];
  breadcrumb: { id: string }[];
};

/** A post of the Q1 2026 snapshot of the plan as `cookie`. */
const snapshotQ1 = (cookie: string) =>
  call(snapshotAction, post("/targets/snapshots", cookie, { plan: planId, period: "Q1", year: "2026" }));

/** Coordinator A's upload of a completions file: the preview (or its refusal). */
const previewImport = (file: string | Uint8Array) =>
  call(importAction, upload("/targets/completions/import", w.coordA.cookie, "kq.csv", file));

describe("dashboard scoping", () => {
  it("the province reviewer sees A and B under the province", async () => {
    const res = await call(dashboardLoader, get("/targets", w.reviewer.cookie));
    expect(res.status).toBe(200);
    const d = res.data as Dash;
    // A: An, A1's Bình and the coordinator's own record (3 people, 1 done); B: Cường + coordinator B (2).
    expect(d.rows.map((r) => [r.name, r.figure.audience, r.figure.completed]).sort()).toEqual(
      [
        ["Sở Khoa học và Công nghệ", 4, 1],
        ["Sở Tài chính", 2, 0],
      ].sort(),
    );
  });

  it("a coordinator of A sees only A's subtree, and B is a 404", async () => {
    const res = await call(dashboardLoader, get("/targets", w.coordA.cookie));
    expect(res.status).toBe(200);
    const d = res.data as Dash;
    expect(d.breadcrumb.map((b) => b.id)).toEqual([w.a.id]);
    expect(d.rows.map((r) => r.id).sort()).toEqual([w.a.id, w.a1.id].sort()); // own staff row + A1
    expect((await call(dashboardLoader, get(`/targets?agency=${w.b.id}`, w.coordA.cookie))).status).toBe(404);
    expect((await call(exportLoader, get(`/targets/export?agency=${w.b.id}`, w.coordA.cookie))).status).toBe(
      404,
    );
    expect(
      (await call(reportLoader, get(`/targets/report?agency=${w.province.id}`, w.coordA.cookie))).status,
    ).toBe(404);
  });

  it("a reviewer scoped to A cannot open B", async () => {
    expect((await call(dashboardLoader, get(`/targets?agency=${w.a1.id}`, reviewerA.cookie))).status).toBe(
      200,
    );
    expect((await call(dashboardLoader, get(`/targets?agency=${w.b.id}`, reviewerA.cookie))).status).toBe(
      404,
    );
  });

  it("a learner is refused", async () => {
    expect((await call(dashboardLoader, get("/targets", w.learner.cookie))).status).toBe(403);
    expect((await call(exportLoader, get("/targets/export", w.learner.cookie))).status).toBe(403);
  });

  it("bad query parameters are a 400 naming the parameter", async () => {
    for (const [url, word] of [
      ["/targets?kind=XA", "kind"],
      ["/targets?agency=abc", "agency"],
      ["/targets?plan=1", "plan"],
      ["/targets/export?format=pdf", "format"],
    ] as const) {
      const res = await call(
        url.includes("export") ? exportLoader : dashboardLoader,
        get(url, w.reviewer.cookie),
      );
      expect(res.status, url).toBe(400);
      expect((res.data as { message: string }).message).toContain(word);
    }
    const unknown = await call(
      dashboardLoader,
      get(`/targets?target=${crypto.randomUUID()}`, w.reviewer.cookie),
    );
    expect(unknown.status).toBe(404);
  });

  it("the export's totals row equals the province figure", async () => {
    const res = await call(
      exportLoader,
      get(`/targets/export?format=xlsx&target=${targetId}`, w.reviewer.cookie),
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.response!.arrayBuffer());
    const last = wb.worksheets[0].getRow(wb.worksheets[0].rowCount).values as ExcelJS.CellValue[];
    expect(last.slice(2, 5)).toEqual(["Tổng cộng", 6, 1]);
    const csv = await call(exportLoader, get(`/targets/export?format=csv`, w.coordA.cookie));
    const text = await csv.response!.text();
    expect(text).toContain("Tổng cộng,4,1,25,100");
    expect(text).not.toContain("Sở Tài chính");
  });
});

describe("writes", () => {
  const planForm = {
    intent: "plan",
    documentNumber: "02/KH",
    title: "Kế hoạch mới",
    issuer: "UBND tỉnh Thử",
    year: "2027",
    period: "",
    startsAt: "01/01/2027",
    active: "on",
  };

  it("coordinators cannot create plans or snapshots", async () => {
    expect((await call(newPlanLoader, get("/targets/plans/new", w.coordA.cookie))).status).toBe(403);
    const res = await call(
      newPlanAction,
      post("/targets/plans/new", w.coordA.cookie, { ...planForm, agencyId: w.a.id }),
    );
    expect(res.status).toBe(403);
    const snap = await snapshotQ1(w.coordA.cookie);
    expect(snap.status).toBe(403);
    expect(await db.trainingPlan.count()).toBe(1);
    expect(await db.snapshot.count()).toBe(0);
  });

  it("a reviewer scoped to A cannot edit the province plan; the province reviewer can", async () => {
    const res = await call(
      planAction,
      post(`/targets/plans/${planId}`, reviewerA.cookie, { ...planForm, agencyId: w.province.id }),
      { planId },
    );
    expect(res.status).toBe(403);
    const ok = await snapshotQ1(w.reviewer.cookie);
    expect(ok.status).toBe(302);
    expect(await db.snapshot.count()).toBe(1);
  });

  it("target form errors name the field", async () => {
    const res = await call(
      planAction,
      post(`/targets/plans/${planId}`, w.admin.cookie, {
        intent: "target",
        code: "T2",
        title: "Chỉ tiêu",
        targetPercent: "120",
        deadline: "31/02/2026",
      }),
      { planId },
    );
    expect(res.status).toBe(400);
    // A conform reply: messages per field (the form shows the first one).
    const errors = (res.data as { error: Record<string, string[]> }).error;
    expect(errors.targetPercent?.[0]).toContain("1 đến 100");
    expect(errors.deadline?.[0]).toBe("Ngày 31/02/2026 không có trên lịch.");
    expect(errors.topics?.[0]).toContain("chủ đề");
  });
});

describe("completions import", () => {
  const csv = (rows: string[]) =>
    ["Email,Chủ đề,Ngày hoàn thành,Hiệu lực đến,Số chứng nhận,Ghi chú", ...rows].join("\r\n");

  it("errors name row and column, and nothing is written", async () => {
    const before = await db.completion.count();
    const file = csv([
      "an@a.vn,attt-co-ban,15/03/2026,,GCN-1,",
      "cuong@b.vn,attt-co-ban,15/03/2026,,GCN-2,", // B is outside coordinator A's scope
      "binh@a1.vn,khong-co,31/02/2026,,GCN-3,",
      "binh@a1.vn,attt-co-ban,01/04/2026,01/03/2026,,=HYPERLINK(1)",
    ]);
    const res = await previewImport(file);
    expect(res.status).toBe(400);
    const errors = (res.data as { preview: { errors: { line: number; column: string; message: string }[] } })
      .preview.errors;
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, "Email"],
      [4, "Chủ đề"],
      [4, "Ngày hoàn thành"],
      [5, "Ghi chú"],
    ]);
    expect(errors[0].message).toContain("phạm vi");
    expect(await db.completion.count()).toBe(before);
  });

  it("applies a clean file once; importing it again adds nothing", async () => {
    // Known topics are those of courses and targets: here only the plan's "attt-co-ban".
    const file = csv([
      "an@a.vn,attt-co-ban,15/03/2026,15/03/2028,GCN-10,Lớp tỉnh",
      "binh@a1.vn,attt-co-ban,01/04/2026,,GCN-11,",
    ]);
    const preview = await previewImport(file);
    expect(preview.status).toBe(200);
    const p = preview.data as { preview: { counts: { create: number } }; content: string };
    expect(p.preview.counts.create).toBe(2);
    const apply = () => {
      const form = new FormData();
      form.set("intent", "apply");
      form.set("fileName", "kq.csv");
      form.set("content", p.content);
      return new Request("http://localhost/targets/completions/import", {
        method: "POST",
        headers: { cookie: w.coordA.cookie },
        body: form,
      });
    };
    expect((await call(importAction, apply())).status).toBe(302);
    const imported = await db.completion.findMany({
      where: { source: "IMPORTED" },
      orderBy: { externalRef: "asc" },
    });
    expect(imported.map((c) => [c.externalRef, c.topics])).toEqual([
      ["GCN-10", ["attt-co-ban"]],
      ["GCN-11", ["attt-co-ban"]],
    ]);
    expect((await call(importAction, apply())).status).toBe(302);
    expect(await db.completion.count({ where: { source: "IMPORTED" } })).toBe(2);
  });
});
