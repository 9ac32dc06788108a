// Drill results on a hand-built tree, checked against figures worked out by hand at every level (counts,
// rates, medians, the roll-up), scoping (a sub-scope sees its rows only; another sở gets a 404), the Excel
// file against the module's figures, the trend, the dashboard's drill targets and who sees a person's history.
//
// Tree: P (UBND tỉnh) → S1 (Sở Khoa học) → U1, U2; P → S2 (Sở Tài chính) → U3. Campaign C1 at P, 19 people
// (minutes = reportedAt − deliveredAt):
//   P own  p1 del rep10 · p2 del clk                                      rec 2 sent 2 del 2 open 0 clk 1 sub 0 prone 1 rep 1 [10]
//   S1 own s1a del open · s1b queued+cancelled                            rec 2 sent 1 del 1 open 1 clk 0 sub 0 prone 0 rep 0 []
//   U1     u1a del open clk sub · u1b del clk · u1c rep30 · u1d rep60 · u1e rec 5 sent 5 del 5 open 1 clk 2 sub 1 prone 2 rep 2 [30,60]
//   U2     u2a del sub · u2b rep5 · u2c not queued                         rec 3 sent 2 del 2 open 0 clk 0 sub 1 prone 1 rep 1 [5]
//   S2 own s2a del clk rep20 · s2b del · s2c rep120                       rec 3 sent 3 del 3 open 0 clk 1 sub 0 prone 1 rep 2 [20,120]
//   U3     u3a del open · u3b rep15 · u3c del clk · u3d sent, not del     rec 4 sent 4 del 3 open 1 clk 1 sub 0 prone 1 rep 1 [15]
// Subtrees: S1 rec 10 sent 8 del 8 open 2 clk 2 sub 2 prone 3 rep 3, median of [5,30,60] = 30 → 37.5 % / 37.5 %
//           S2 rec 7 sent 7 del 6 open 1 clk 2 sub 0 prone 2 rep 3, median of [15,20,120] = 20 → 33.3 % / 50 %
//           P  rec 19 sent 17 del 16 open 3 clk 5 sub 2 prone 6 rep 7, median of [5,10,15,20,30,60,120] = 20
//              → 37.5 % / 43.75 %
// C2 at S1, later: 4 people of U1, all delivered, 1 click, 2 reports (1 and 3 min) → 25 % / 50 %. C3: a draft.
import ExcelJS from "exceljs";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { Agency } from "~/generated/prisma/client";
import type { Actor, Grant } from "~/modules/auth/scope";
import {
  campaignResults,
  clearDrillCounts,
  drillHistoryFor,
  drillTargets,
  drillTrend,
} from "~/modules/phishing/results.server";
import { resultsExport } from "~/modules/phishing/results-export.server";
import { resultsPage } from "~/modules/phishing/results-page.server";
import { resultsQuery } from "~/modules/phishing/results-query";
import { loader as resultsLoader } from "~/routes/phishing_.$campaignId.results";
import { loader as xlsxLoader } from "~/routes/phishing_.$campaignId.results[.]xlsx";
import { loader as trendLoader } from "~/routes/phishing_.results";
import { loader as myDrillsLoader } from "~/routes/learn_.drills";
import { loader as personLoader } from "~/routes/people.$personId";
import { loader as targetsLoader } from "~/routes/targets._index";
import { makeCampaign, makeRecipients, makeTemplateVersion } from "../fixtures/phishing";
import { call, get, makeAgency, makePerson, signedInAccount } from "./helpers/world";

const MIN = 60_000;
const T0 = new Date("2026-11-02T02:00:00Z").getTime();

type Spec = {
  name: string;
  at: string;
  queued?: boolean;
  cancelled?: boolean;
  del?: boolean;
  open?: boolean;
  clk?: boolean;
  sub?: boolean;
  rep?: number;
};
const C1: Spec[] = [
  { name: "p1", at: "P", del: true, rep: 10 },
  { name: "p2", at: "P", del: true, clk: true },
  { name: "s1a", at: "S1", del: true, open: true },
  { name: "s1b", at: "S1", queued: true, cancelled: true },
  { name: "u1a", at: "U1", del: true, open: true, clk: true, sub: true },
  { name: "u1b", at: "U1", del: true, clk: true },
  { name: "u1c", at: "U1", del: true, rep: 30 },
  { name: "u1d", at: "U1", del: true, rep: 60 },
  { name: "u1e", at: "U1", del: true },
  { name: "u2a", at: "U2", del: true, sub: true },
  { name: "u2b", at: "U2", del: true, rep: 5 },
  { name: "u2c", at: "U2", queued: false },
  { name: "s2a", at: "S2", del: true, clk: true, rep: 20 },
  { name: "s2b", at: "S2", del: true },
  { name: "s2c", at: "S2", del: true, rep: 120 },
  { name: "u3a", at: "U3", del: true, open: true },
  { name: "u3b", at: "U3", del: true, rep: 15 },
  { name: "u3c", at: "U3", del: true, clk: true },
  { name: "u3d", at: "U3", queued: true },
];

let ag: Record<"P" | "S1" | "U1" | "U2" | "S2" | "U3", Agency>;
const people = new Map<string, { id: string; email: string; agencyId: string }>();
let c1: string;
let c2: string;
let c3: string;

function actorWith(...grants: { role: Grant["role"]; agency?: Agency }[]): Actor {
  return {
    userId: randomUUID(),
    email: `a-${randomUUID().slice(0, 6)}@test.vn`,
    personId: null,
    fullName: "Người xem",
    locale: "vi",
    mustChangePassword: false,
    grants: grants.map((g) => ({
      role: g.role,
      agencyId: g.agency?.id ?? null,
      agencyPath: g.agency?.path ?? null,
    })),
  };
}

async function plant(campaignId: string, versionId: string, specs: Spec[], base: number) {
  const rows = await makeRecipients(
    campaignId,
    versionId,
    specs.map((s) => people.get(s.name)!),
  );
  const byPerson = new Map(rows.map((r) => [r.personId, r.id]));
  for (const s of specs) {
    const id = byPerson.get(people.get(s.name)!.id)!;
    const del = base + 5 * MIN;
    await db.phishingRecipient.update({
      where: { id },
      data: {
        queuedAt: s.queued !== false && (s.queued || s.del) ? new Date(base) : null,
        cancelledAt: s.cancelled ? new Date(base + MIN) : null,
        deliveredAt: s.del ? new Date(del) : null,
        openedAt: s.open ? new Date(del + 2 * MIN) : null,
        clickedAt: s.clk ? new Date(del + 3 * MIN) : null,
        submittedAt: s.sub ? new Date(del + 4 * MIN) : null,
        reportedAt: s.rep !== undefined ? new Date(del + s.rep * MIN) : null,
      },
    });
  }
}

beforeAll(async () => {
  const P = await makeAgency({ code: "RP", name: "UBND tỉnh Thử nghiệm", kind: "PROVINCE" });
  const S1 = await makeAgency({ code: "RS1", name: "Sở Khoa học và Công nghệ", parent: P });
  const U1 = await makeAgency({ code: "RU1", name: "Phòng Hành chính", parent: S1, kind: "UNIT" });
  const U2 = await makeAgency({ code: "RU2", name: "Trung tâm Thông tin", parent: S1, kind: "UNIT" });
  const S2 = await makeAgency({ code: "RS2", name: "Sở Tài chính", parent: P });
  const U3 = await makeAgency({ code: "RU3", name: "Phòng Kế hoạch", parent: S2, kind: "UNIT" });
  ag = { P, S1, U1, U2, S2, U3 };
  for (const s of C1) {
    const p = await makePerson({ fullName: `Người ${s.name}`, agencyId: ag[s.at as keyof typeof ag].id });
    people.set(s.name, { id: p.id, email: p.email, agencyId: p.agencyId });
  }
  const admin = await makePerson({ fullName: "Quản trị", agencyId: P.id });
  const version = await makeTemplateVersion({ title: "Thông báo hạn mức hộp thư" });
  const campaign1 = await makeCampaign({
    agencyId: P.id,
    createdById: admin.id,
    name: "Diễn tập tháng 11",
    windowStart: new Date(T0),
    windowEnd: new Date(T0 + 5 * 86_400_000),
    clickRateTarget: 10,
    reportRateTarget: 40,
    templateVersionIds: [version.id],
  });
  c1 = campaign1.id;
  await plant(c1, version.id, C1, T0);
  const campaign2 = await makeCampaign({
    agencyId: S1.id,
    createdById: admin.id,
    name: "Diễn tập tháng 12 của Sở",
    windowStart: new Date(T0 + 30 * 86_400_000),
    windowEnd: new Date(T0 + 35 * 86_400_000),
    clickRateTarget: 30,
    status: "FINISHED",
    templateVersionIds: [version.id],
  });
  c2 = campaign2.id;
  await plant(
    c2,
    version.id,
    [
      { name: "u1a", at: "U1", del: true, clk: true },
      { name: "u1b", at: "U1", del: true, rep: 3 },
      { name: "u1c", at: "U1", del: true, rep: 1 },
      { name: "u1d", at: "U1", del: true },
    ],
    T0 + 30 * 86_400_000,
  );
  const campaign3 = await makeCampaign({
    agencyId: P.id,
    createdById: admin.id,
    status: "DRAFT",
    clickRateTarget: 5,
    windowStart: new Date(T0 + 60 * 86_400_000),
  });
  c3 = campaign3.id;
  await makeRecipients(c3, version.id, [people.get("u1a")!]);
});

// [recipients, sent, delivered, opened, clicked, submitted, prone, reported, prone %, report %, median min]
type Row = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number | null,
  number | null,
  number | null,
];
const EXPECTED: Record<string, { own: Row; subtree: Row }> = {
  P: { own: [2, 2, 2, 0, 1, 0, 1, 1, 50, 50, 10], subtree: [19, 17, 16, 3, 5, 2, 6, 7, 37.5, 43.75, 20] },
  S1: { own: [2, 1, 1, 1, 0, 0, 0, 0, 0, 0, null], subtree: [10, 8, 8, 2, 2, 2, 3, 3, 37.5, 37.5, 30] },
  U1: { own: [5, 5, 5, 1, 2, 1, 2, 2, 40, 40, 45], subtree: [5, 5, 5, 1, 2, 1, 2, 2, 40, 40, 45] },
  U2: { own: [3, 2, 2, 0, 0, 1, 1, 1, 50, 50, 5], subtree: [3, 2, 2, 0, 0, 1, 1, 1, 50, 50, 5] },
  S2: {
    own: [3, 3, 3, 0, 1, 0, 1, 2, 100 / 3, 200 / 3, 70],
    subtree: [7, 7, 6, 1, 2, 0, 2, 3, 100 / 3, 50, 20],
  },
  U3: {
    own: [4, 4, 3, 1, 1, 0, 1, 1, 100 / 3, 100 / 3, 15],
    subtree: [4, 4, 3, 1, 1, 0, 1, 1, 100 / 3, 100 / 3, 15],
  },
};

function asRow(f: {
  recipients: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  submitted: number;
  prone: number;
  reported: number;
  pronePercent: number | null;
  reportPercent: number | null;
  medianReportMs: number | null;
}): Row {
  return [
    f.recipients,
    f.sent,
    f.delivered,
    f.opened,
    f.clicked,
    f.submitted,
    f.prone,
    f.reported,
    f.pronePercent,
    f.reportPercent,
    f.medianReportMs === null ? null : f.medianReportMs / MIN,
  ];
}

function expectRow(actual: Row, expected: Row) {
  expect(actual.slice(0, 8)).toEqual(expected.slice(0, 8));
  for (const i of [8, 9, 10]) {
    if (expected[i] === null) expect(actual[i]).toBeNull();
    else expect(actual[i]).toBeCloseTo(expected[i]!, 9);
  }
}

describe("campaign results on the hand-built tree", () => {
  it("every agency's own and subtree figures, medians included, match the hand-computed ones", async () => {
    const r = await campaignResults(actorWith({ role: "ADMIN" }), c1);
    expect(r.agencies.map((a) => a.id).sort()).toEqual(
      Object.values(ag)
        .map((a) => a.id)
        .sort(),
    );
    for (const [key, exp] of Object.entries(EXPECTED)) {
      const f = r.figures.get(ag[key as keyof typeof ag].id)!;
      expectRow(asRow(f.own), exp.own);
      expectRow(asRow(f.subtree), exp.subtree);
    }
    expect(r.tops).toEqual([ag.P.id]);
    expectRow(asRow(r.total), EXPECTED.P!.subtree);
  });

  it("a sở's coordinator sees its subtree's rows and their total only", async () => {
    const r = await campaignResults(actorWith({ role: "COORDINATOR", agency: ag.S1 }), c1);
    expect(r.agencies.map((a) => a.name)).toEqual([
      "Sở Khoa học và Công nghệ",
      "Phòng Hành chính",
      "Trung tâm Thông tin",
    ]);
    expect(r.tops).toEqual([ag.S1.id]);
    expectRow(asRow(r.total), EXPECTED.S1!.subtree);
    // A drill manager of two units: both are tops, the total merges their delays (30, 60, 15 → 30).
    const two = await campaignResults(
      actorWith({ role: "PHISHING_MANAGER", agency: ag.U1 }, { role: "REVIEWER", agency: ag.U3 }),
      c1,
    );
    expect(new Set(two.tops)).toEqual(new Set([ag.U1.id, ag.U3.id]));
    expect(two.total).toMatchObject({
      recipients: 9,
      delivered: 8,
      prone: 3,
      reported: 3,
      medianReportMs: 30 * MIN,
    });
  });

  it("a campaign outside the scope, an unknown id and a caller without a drill scope get a 404", async () => {
    for (const [actor, id] of [
      [actorWith({ role: "COORDINATOR", agency: ag.S2 }), c2],
      [actorWith({ role: "PHISHING_MANAGER", agency: ag.U3 }), c2],
      [actorWith({ role: "LEARNER" }), c1],
      [actorWith({ role: "ADMIN" }), randomUUID()],
      [actorWith({ role: "ADMIN" }), "not-an-id"],
    ] as const)
      await expect(campaignResults(actor, id)).rejects.toMatchObject({
        key: "phr.campaignNotFound",
        status: 404,
      });
  });

  it("the page lists the focus agency's own staff first, then its units by phish-prone %, searchable and paged", async () => {
    const admin = actorWith({ role: "ADMIN" });
    const q = (extra: Record<string, string>) => resultsQuery.parse(extra);
    const top = await resultsPage(admin, c1, q({}));
    expect(top.focus?.id).toBe(ag.P.id);
    expect(top.rows.map((r) => [r.name, r.ownOnly])).toEqual([
      ["UBND tỉnh Thử nghiệm", true],
      ["Sở Khoa học và Công nghệ", false],
      ["Sở Tài chính", false],
    ]);
    const s1 = await resultsPage(admin, c1, q({ agency: ag.S1.id }));
    expect(s1.breadcrumb.map((b) => b.id)).toEqual([ag.P.id, ag.S1.id]);
    expect(s1.rows.map((r) => r.name)).toEqual([
      "Sở Khoa học và Công nghệ",
      "Trung tâm Thông tin",
      "Phòng Hành chính",
    ]);
    const tree = await resultsPage(admin, c1, q({ agency: ag.S1.id, sort: "tree" }));
    expect(tree.rows.map((r) => r.name)).toEqual([
      "Sở Khoa học và Công nghệ",
      "Phòng Hành chính",
      "Trung tâm Thông tin",
    ]);
    // No diacritics, any case: "phong" finds both Phòng; S1's coordinator only its own.
    const found = await resultsPage(admin, c1, q({ q: "PHONG" }));
    expect(found.rows.map((r) => r.name).sort()).toEqual(["Phòng Hành chính", "Phòng Kế hoạch"]);
    const scoped = await resultsPage(
      actorWith({ role: "COORDINATOR", agency: ag.S1 }),
      c1,
      q({ q: "phong" }),
    );
    expect(scoped.rows.map((r) => r.name)).toEqual(["Phòng Hành chính"]);
    const paged = await resultsPage(admin, c1, q({ pageSize: "2", page: "2" }));
    expect(paged.totalRows).toBe(3);
    expect(paged.rows.map((r) => r.name)).toEqual(["Sở Tài chính"]);
  });

  it("the route answers the page, and 404 for another sở's campaign", async () => {
    const coordS2 = await signedInAccount({
      grants: [{ role: "COORDINATOR", agencyId: ag.S2.id }],
      agencyId: ag.S2.id,
    });
    const ok = await call(resultsLoader as never, get(`/phishing/${c1}/results`, coordS2.cookie), {
      campaignId: c1,
    });
    expect(ok.status).toBe(200);
    expect((ok.data as { total: { recipients: number } }).total.recipients).toBe(7);
    const other = await call(resultsLoader as never, get(`/phishing/${c2}/results`, coordS2.cookie), {
      campaignId: c2,
    });
    expect(other.status).toBe(404);
    const bad = await call(
      resultsLoader as never,
      get(`/phishing/${c1}/results?sort=x&page=-1`, coordS2.cookie),
      {
        campaignId: c1,
      },
    );
    expect(bad.status).toBeLessThan(500);
  });
});

describe("the Excel file", () => {
  it("holds the total and every visible agency with the module's figures", async () => {
    const coordS1 = await signedInAccount({
      grants: [{ role: "COORDINATOR", agencyId: ag.S1.id }],
      agencyId: ag.S1.id,
    });
    const res = await call(xlsxLoader as never, get(`/phishing/${c1}/results.xlsx`, coordS1.cookie), {
      campaignId: c1,
    });
    expect(res.status).toBe(200);
    expect(res.response!.headers.get("content-type")).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.response!.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      // row.values is sparse (1-based, empty cells are holes): Array.from fills them in as null.
      if (n > 1) rows.push(Array.from(row.values as unknown[], (c) => c ?? null).slice(1));
    });
    const { rows: expected } = await resultsExport(actorWith({ role: "COORDINATOR", agency: ag.S1 }), c1);
    expect(rows.length).toBe(4);
    expect(rows).toEqual(expected);
    // The total row and S1's row: 10 recipients, 8 sent, 8 delivered, 2, 2, 2, 3 reported, 37.5 %, 37.5 %, 30 min.
    expect(rows[0]!.slice(1)).toEqual(["Tổng cộng", 10, 8, 8, 2, 2, 2, 3, 37.5, 37.5, 30]);
    expect(rows[1]!.slice(1)).toEqual(["Sở Khoa học và Công nghệ", 10, 8, 8, 2, 2, 2, 3, 37.5, 37.5, 30]);
    expect(rows[2]![1]).toBe("   Phòng Hành chính");
    expect(rows[2]!.slice(2)).toEqual([5, 5, 5, 1, 2, 1, 2, 40, 40, 45]);
    const coordS2 = await signedInAccount({
      grants: [{ role: "COORDINATOR", agencyId: ag.S2.id }],
      agencyId: ag.S2.id,
    });
    const denied = await call(xlsxLoader as never, get(`/phishing/${c2}/results.xlsx`, coordS2.cookie), {
      campaignId: c2,
    });
    expect(denied.status).toBe(404);
  });
});

describe("trend across campaigns", () => {
  it("one point per started campaign for the subtree, in window order; drafts left out", async () => {
    const s1 = await drillTrend(ag.S1.path);
    expect(s1.map((p) => [p.campaignId, p.delivered, p.prone, p.reported])).toEqual([
      [c1, 8, 3, 3],
      [c2, 4, 1, 2],
    ]);
    expect(s1.map((p) => [p.pronePercent, p.reportPercent])).toEqual([
      [37.5, 37.5],
      [25, 50],
    ]);
    const s2 = await drillTrend(ag.S2.path);
    expect(s2.map((p) => p.campaignId)).toEqual([c1]);
    expect(s2[0]!.pronePercent).toBeCloseTo(100 / 3, 9);
    expect((await drillTrend(ag.P.path)).map((p) => p.campaignId)).not.toContain(c3);
  });

  it("the page defaults to the top of the scope and refuses an agency outside it", async () => {
    const coordS2 = await signedInAccount({
      grants: [{ role: "COORDINATOR", agencyId: ag.S2.id }],
      agencyId: ag.S2.id,
    });
    const mine = await call(trendLoader as never, get(`/phishing/results`, coordS2.cookie));
    expect(mine.status).toBe(200);
    const d = mine.data as {
      agency: { id: string };
      points: { campaignId: string }[];
      options: { id: string }[];
    };
    expect(d.agency.id).toBe(ag.S2.id);
    expect(d.points.map((p) => p.campaignId)).toEqual([c1]);
    expect(d.options.map((o) => o.id).sort()).toEqual([ag.S2.id, ag.U3.id].sort());
    const outside = await call(
      trendLoader as never,
      get(`/phishing/results?agency=${ag.S1.id}`, coordS2.cookie),
    );
    expect(outside.status).toBe(404);
  });
});

describe("dashboard drill targets", () => {
  it("the latest started campaigns with a target, counted over the viewer's scope", async () => {
    const all = await drillTargets(actorWith({ role: "ADMIN" }));
    expect(all.map((t) => t.campaignId)).toEqual([c2, c1]);
    expect(all[0]).toMatchObject({ pronePercent: 25, clickRateTarget: 30, clickMet: true, reportMet: null });
    expect(all[1]).toMatchObject({
      pronePercent: 37.5,
      clickMet: false,
      reportPercent: 43.75,
      reportMet: true,
    });
    const s2 = await drillTargets(actorWith({ role: "COORDINATOR", agency: ag.S2 }));
    expect(s2.map((t) => [t.campaignId, t.delivered, t.prone, t.reported, t.clickMet, t.reportMet])).toEqual([
      [c1, 6, 2, 3, false, true],
    ]);
    expect(await drillTargets(actorWith({ role: "LEARNER" }))).toEqual([]);
  });

  it("/targets carries them beside the training targets", async () => {
    const reviewer = await signedInAccount({ grants: [{ role: "REVIEWER", agencyId: ag.P.id }] });
    const res = await call(targetsLoader as never, get(`/targets`, reviewer.cookie));
    expect(res.status).toBe(200);
    expect((res.data as { drills: { campaignId: string }[] }).drills.map((t) => t.campaignId)).toEqual([
      c2,
      c1,
    ]);
  });
});

describe("a person's drill history", () => {
  it("the person and their coordinator see it; a coordinator of another sở does not", async () => {
    const u1a = people.get("u1a")!;
    const self = await drillHistoryFor({ ...actorWith({ role: "LEARNER" }), personId: u1a.id }, u1a.id);
    expect(self?.map((r) => r.campaignId)).toEqual([c2, c1]);
    expect(self?.[1]).toMatchObject({
      templateTitle: "Thông báo hạn mức hộp thư",
      campaignName: "Diễn tập tháng 11",
    });
    expect(self?.[1]!.clickedAt).toEqual(new Date(T0 + 8 * MIN));
    expect(self?.[1]!.reportedAt).toBeNull();
    const coord = await drillHistoryFor(actorWith({ role: "COORDINATOR", agency: ag.S1 }), u1a.id);
    expect(coord?.length).toBe(2);
    expect(await drillHistoryFor(actorWith({ role: "COORDINATOR", agency: ag.S2 }), u1a.id)).toBeNull();
    expect(await drillHistoryFor(actorWith({ role: "LEARNER" }), u1a.id)).toBeNull();
  });

  it("shows on the person page for their coordinator and on /learn/drills for the person", async () => {
    const u1a = people.get("u1a")!;
    const coordS1 = await signedInAccount({
      grants: [{ role: "COORDINATOR", agencyId: ag.S1.id }],
      agencyId: ag.S1.id,
    });
    const page = await call(personLoader as never, get(`/people/${u1a.id}`, coordS1.cookie), {
      personId: u1a.id,
    });
    expect(page.status).toBe(200);
    expect((page.data as { drills: unknown[] | null }).drills?.length).toBe(2);
    const coordS2 = await signedInAccount({
      grants: [{ role: "COORDINATOR", agencyId: ag.S2.id }],
      agencyId: ag.S2.id,
    });
    const other = await call(personLoader as never, get(`/people/${u1a.id}`, coordS2.cookie), {
      personId: u1a.id,
    });
    expect(other.status).toBe(404);
    // The person signs in: an account linked to u1a's person row.
    const { makeUser, makeSessionCookie } = await import("../fixtures/factories");
    const user = await makeUser({ personId: u1a.id, grants: [{ role: "LEARNER" }] });
    const mine = await call(myDrillsLoader as never, get(`/learn/drills`, await makeSessionCookie(user.id)));
    expect(mine.status).toBe(200);
    expect((mine.data as { rows: { campaignId: string }[] }).rows.map((r) => r.campaignId)).toEqual([c2, c1]);
  });
});

describe("the per-process cache of a campaign's counts", () => {
  it("serves counts up to PHISHING_RESULTS_CACHE_SECONDS old; 0 reads them on every request", async () => {
    const admin = actorWith({ role: "ADMIN" });
    const u1e = people.get("u1e")!;
    const before = (await campaignResults(admin, c1)).total.clicked;
    const row = await db.phishingRecipient.findFirstOrThrow({ where: { campaignId: c1, personId: u1e.id } });
    await db.phishingRecipient.update({ where: { id: row.id }, data: { clickedAt: new Date(T0 + 9 * MIN) } });
    try {
      // Within the interval: the figures read a moment ago (the dashboard's targets share them).
      expect((await campaignResults(admin, c1)).total.clicked).toBe(before);
      clearDrillCounts();
      expect((await campaignResults(admin, c1)).total.clicked).toBe(before + 1);
      process.env.PHISHING_RESULTS_CACHE_SECONDS = "0";
      await db.phishingRecipient.update({ where: { id: row.id }, data: { clickedAt: null } });
      expect((await campaignResults(admin, c1)).total.clicked).toBe(before);
    } finally {
      delete process.env.PHISHING_RESULTS_CACHE_SECONDS;
      await db.phishingRecipient.update({ where: { id: row.id }, data: { clickedAt: null } });
      clearDrillCounts();
    }
  });
});
