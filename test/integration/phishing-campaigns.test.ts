// Drill campaigns through their routes: bad input, scope (another sở's campaign is a 404), four-eyes approval,
// planning (exclusions, inactive people, the mail-domain rule, working hours, template rotation, follow-up
// assignment), the lifecycle after approval and the audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { allowedMailDomains } from "~/modules/phishing/plan.server";
import { loader as listLoader } from "~/routes/phishing._index";
import { action as campaignAction, loader as campaignLoader } from "~/routes/phishing.$campaignId._index";
import { action as editAction } from "~/routes/phishing.$campaignId.edit";
import { action as newAction, loader as newLoader } from "~/routes/phishing.new";
import { loader as peopleLoader } from "~/routes/phishing.people";
import { formatDay, vnWallClock } from "~/utils/vn-calendar";
import { makeCourseVersion } from "../fixtures/courses";
import { makeTemplateVersion } from "../fixtures/phishing";
import { call, get, makeAgency, makePerson, signedInAccount } from "./helpers/world";

process.env.PHISHING_ALLOWED_DOMAINS = "test.gov.vn";
const DAY = 86_400_000;

type Account = Awaited<ReturnType<typeof signedInAccount>>;
let province: { id: string };
let a: { id: string };
let a1: { id: string };
let b: { id: string };
let mgrA1: Account;
let mgrA2: Account;
let mgrB: Account;
let admin: Account;
let coordA: Account;
let templates: string[];
let courseId: string;
let leader: { id: string };
let outsider: { id: string };
let inactive: { id: string };
const inAudience: string[] = [];

/** A POST of repeated fields (templateVersionIds, excludedPersonIds) as the browser sends them. */
function postForm(url: string, cookie: string, fields: [string, string][]) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
    body: new URLSearchParams(fields),
  });
}

const startDay = formatDay(new Date(Date.now() + DAY));
const endDay = formatDay(new Date(Date.now() + 15 * DAY));

function settings(over: Record<string, string | string[]> = {}): [string, string][] {
  const base: Record<string, string | string[]> = {
    name: "Diễn tập thư giả mạo quý IV",
    agencyId: a.id,
    includeSubagencies: "on",
    templateVersionIds: templates,
    excludedPersonIds: [leader.id],
    windowStart: startDay,
    windowEnd: endDay,
    landing: "FORM",
    followUpCourseId: courseId,
    followUpDueDays: "10",
    maxPerMinute: "30",
    clickRateTarget: "10",
    ...over,
  };
  return Object.entries(base).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])) as [
    string,
    string,
  ][];
}

async function createDraft(who: Account, over: Record<string, string | string[]> = {}): Promise<string> {
  const res = await call(
    newAction,
    postForm("/phishing/new", who.cookie, [["intent", "save"], ...settings(over)]),
  );
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  const location = res.response!.headers.get("location")!;
  return location.split("/").pop()!;
}

const act = (who: Account, id: string, intent: string, extra: [string, string][] = []) =>
  call(campaignAction, postForm(`/phishing/${id}`, who.cookie, [["intent", intent], ...extra]), {
    campaignId: id,
  });

const statusOf = async (id: string) =>
  (await db.phishingCampaign.findUniqueOrThrow({ where: { id } })).status;

beforeAll(async () => {
  province = await makeAgency({ code: "P", name: "UBND tỉnh Thử", kind: "PROVINCE" });
  a = await makeAgency({ code: "A", name: "Sở Khoa học và Công nghệ", parent: province as never });
  a1 = await makeAgency({ code: "A1", name: "Trung tâm CNTT", parent: a as never, kind: "UNIT" });
  b = await makeAgency({ code: "B", name: "Sở Tài chính", parent: province as never });
  const grant = (agencyId: string) => [{ role: "PHISHING_MANAGER" as const, agencyId }];
  mgrA1 = await signedInAccount({ email: "drill-a1@test.gov.vn", grants: grant(a.id) });
  mgrA2 = await signedInAccount({ email: "drill-a2@test.gov.vn", grants: grant(a.id) });
  mgrB = await signedInAccount({ email: "drill-b@test.gov.vn", grants: grant(b.id) });
  admin = await signedInAccount({ email: "admin@test.gov.vn", grants: [{ role: "ADMIN" }] });
  coordA = await signedInAccount({
    email: "coord-a@test.gov.vn",
    grants: [{ role: "COORDINATOR", agencyId: a.id }],
  });
  for (let i = 0; i < 8; i++)
    inAudience.push(
      (await makePerson({ agencyId: i < 5 ? a.id : a1.id, fullName: `Phạm Thị Nhận ${i}` })).id,
    );
  leader = await makePerson({ agencyId: a.id, fullName: "Giám Đốc Sở", email: "giamdoc@test.gov.vn" });
  outsider = await makePerson({ agencyId: a.id, fullName: "Ngoài Miền", email: "ngoai@mail.example" });
  inactive = await makePerson({ agencyId: a.id, fullName: "Đã Nghỉ", active: false });
  await makePerson({ agencyId: b.id, fullName: "Người Sở B" });
  templates = [];
  for (let i = 0; i < 3; i++) templates.push((await makeTemplateVersion({ title: `Mẫu ${i}` })).id);
  courseId = (await makeCourseVersion({ title: "Nhận diện thư lừa đảo" })).course.id;
});

describe("the form", () => {
  it("refuses bad input with field errors (400) and writes nothing", async () => {
    const before = await db.phishingCampaign.count();
    const res = await call(
      newAction,
      postForm("/phishing/new", mgrA1.cookie, [
        ["intent", "save"],
        ...settings({ name: "", templateVersionIds: [], followUpDueDays: "0" }),
      ]),
    );
    expect(res.status).toBe(400);
    const errors = (res.data as { error: Record<string, string[]> }).error;
    expect(Object.keys(errors).sort()).toEqual(["followUpDueDays", "name", "templateVersionIds"]);
    // The window is checked once the fields themselves are valid.
    const window = await call(
      newAction,
      postForm("/phishing/new", mgrA1.cookie, [
        ["intent", "save"],
        ...settings({ windowStart: endDay, windowEnd: startDay }),
      ]),
    );
    expect(window.status).toBe(400);
    expect((window.data as { error: Record<string, string[]> }).error.windowEnd!.join()).toContain(
      "không sớm hơn",
    );
    expect(await db.phishingCampaign.count()).toBe(before);
    expect(await db.auditEvent.count({ where: { action: { startsWith: "phishing.campaign" } } })).toBe(0);
  });

  it("refuses a weekend-only window, another sở's agency and an unknown template", async () => {
    // The next Saturday and Sunday, in Vietnam.
    let sat = Date.now() + DAY;
    while (new Date(sat + 7 * 3_600_000).getUTCDay() !== 6) sat += DAY;
    const weekend = await call(
      newAction,
      postForm("/phishing/new", mgrA1.cookie, [
        ["intent", "save"],
        ...settings({ windowStart: formatDay(new Date(sat)), windowEnd: formatDay(new Date(sat + DAY)) }),
      ]),
    );
    expect(weekend.status).toBe(400);
    expect(JSON.stringify(weekend.data)).toContain("giờ hành chính");
    const otherSo = await call(
      newAction,
      postForm("/phishing/new", mgrA1.cookie, [["intent", "save"], ...settings({ agencyId: b.id })]),
    );
    expect(otherSo.status).toBe(400);
    expect((otherSo.data as { error: Record<string, string[]> }).error.agencyId).toBeDefined();
    const unknown = await call(
      newAction,
      postForm("/phishing/new", mgrA1.cookie, [
        ["intent", "save"],
        ...settings({ templateVersionIds: [courseId] }),
      ]),
    );
    expect(unknown.status).toBe(400);
    expect(await db.phishingCampaign.count()).toBe(0);
  });

  it("previews the audience: count, left out by domain and by name", async () => {
    const res = await call(
      newAction,
      postForm("/phishing/new", mgrA1.cookie, [["intent", "preview"], ...settings()]),
    );
    expect(res.status).toBe(200);
    const preview = (res.data as { preview: { count: number; outsideDomains: number; excluded: number } })
      .preview;
    expect(preview).toMatchObject({ count: 8, outsideDomains: 1, excluded: 1 });
    expect(await db.phishingCampaign.count()).toBe(0);
  });

  it("searches people to exclude inside the audience's agency only, diacritics ignored", async () => {
    const found = await call(
      peopleLoader,
      get(`/phishing/people?agencyId=${a.id}&sub=1&q=giam doc`, mgrA1.cookie),
    );
    expect((found.data as { people: { id: string }[] }).people.map((p) => p.id)).toEqual([leader.id]);
    const outside = await call(peopleLoader, get(`/phishing/people?agencyId=${a.id}&q=giam`, mgrB.cookie));
    expect(outside.status).toBe(404);
  });

  it("is closed to a coordinator without the drill role", async () => {
    expect((await call(newLoader, get("/phishing/new", coordA.cookie))).status).toBe(403);
    expect((await call(listLoader, get("/phishing", coordA.cookie))).status).toBe(403);
  });
});

describe("four eyes, scope and planning", () => {
  let id: string;

  it("a manager of A creates a draft and submits it; sở B's manager can neither see nor act on it", async () => {
    id = await createDraft(mgrA1);
    expect(await statusOf(id)).toBe("DRAFT");
    expect((await call(campaignLoader, get(`/phishing/${id}`, mgrB.cookie), { campaignId: id })).status).toBe(
      404,
    );
    expect((await act(mgrB, id, "submit")).status).toBe(404);
    const list = await call(listLoader, get("/phishing", mgrB.cookie));
    expect((list.data as { list: { total: number } }).list.total).toBe(0);
    expect((await act(mgrA1, id, "submit")).status).toBe(302);
    expect(await statusOf(id)).toBe("PENDING_APPROVAL");
    // Not editable once submitted.
    const edit = await call(
      editAction,
      postForm(`/phishing/${id}/edit`, mgrA1.cookie, [["intent", "save"], ...settings()]),
      { campaignId: id },
    );
    expect(edit.status).toBe(409);
  });

  it("the creator cannot approve, nor a manager of another subtree; another manager of A can", async () => {
    const self = await act(mgrA1, id, "approve");
    expect(self.status).toBe(403);
    expect((self.data as { messageKey: string }).messageKey).toBe("phc.err.selfApproval");
    expect((await act(mgrB, id, "approve")).status).toBe(404);
    expect(await statusOf(id)).toBe("PENDING_APPROVAL");
    const page = await call(campaignLoader, get(`/phishing/${id}`, mgrA1.cookie), { campaignId: id });
    expect((page.data as { actions: string[] }).actions).not.toContain("approve");
    const page2 = await call(campaignLoader, get(`/phishing/${id}`, mgrA2.cookie), { campaignId: id });
    expect((page2.data as { actions: string[] }).actions).toEqual(["approve", "reject"]);
    const ok = await act(mgrA2, id, "approve");
    expect(ok.status).toBe(302);
    const c = await db.phishingCampaign.findUniqueOrThrow({ where: { id } });
    expect(c).toMatchObject({ status: "SCHEDULED", approvedById: mgrA2.user.id });
    expect(c.linksExpireAt.getTime()).toBe(c.windowEnd.getTime() + 30 * DAY);
  });

  it("plans active people of the subtree at allowed domains, minus the excluded, in working hours", async () => {
    const c = await db.phishingCampaign.findUniqueOrThrow({ where: { id } });
    const rs = await db.phishingRecipient.findMany({ where: { campaignId: id } });
    expect(rs.map((r) => r.personId).sort()).toEqual([...inAudience].sort());
    for (const bad of [leader.id, outsider.id, inactive.id])
      expect(rs.some((r) => r.personId === bad)).toBe(false);
    const people = await db.person.findMany({ where: { id: { in: inAudience } } });
    for (const r of rs) {
      const p = people.find((x) => x.id === r.personId)!;
      expect([r.agencyId, r.email]).toEqual([p.agencyId, p.email]);
      const clock = vnWallClock(r.scheduledAt);
      const wd = new Date(Date.UTC(clock.year, clock.month - 1, clock.day)).getUTCDay();
      expect(wd >= 1 && wd <= 5, r.scheduledAt.toISOString()).toBe(true);
      expect(clock.hour >= 8 && clock.hour < 17, r.scheduledAt.toISOString()).toBe(true);
      expect(r.scheduledAt >= c.windowStart && r.scheduledAt <= c.windowEnd).toBe(true);
      expect(r.queuedAt).toBeNull();
    }
    expect(new Set(rs.map((r) => r.templateVersionId))).toEqual(new Set(templates));
  });

  it("made the follow-up assignment: the course, no audience rule, not standing, no members yet", async () => {
    const c = await db.phishingCampaign.findUniqueOrThrow({ where: { id } });
    const asg = await db.assignment.findUniqueOrThrow({ where: { id: c.followUpAssignmentId! } });
    expect(asg).toMatchObject({
      courseId,
      title: `Sau diễn tập: ${c.name}`,
      agencyId: null,
      standing: false,
      dueDays: 10,
    });
    expect(await db.assignmentMember.count({ where: { assignmentId: asg.id } })).toBe(0);
  });

  it("runs, pauses, resumes and stops; unsent recipients are cancelled; wrong states are refused", async () => {
    expect((await act(mgrA1, id, "pause")).status).toBe(409);
    await db.phishingCampaign.update({ where: { id }, data: { status: "RUNNING" } });
    const first = await db.phishingRecipient.findFirstOrThrow({ where: { campaignId: id } });
    await db.phishingRecipient.update({ where: { id: first.id }, data: { queuedAt: new Date() } });
    expect((await act(mgrA1, id, "pause")).status).toBe(302);
    expect(await statusOf(id)).toBe("PAUSED");
    expect((await act(mgrA1, id, "pause")).status).toBe(409);
    expect((await act(mgrA1, id, "resume")).status).toBe(302);
    expect(await statusOf(id)).toBe("RUNNING");
    expect((await act(mgrA1, id, "stop")).status).toBe(302);
    expect(await statusOf(id)).toBe("STOPPED");
    const rs = await db.phishingRecipient.findMany({ where: { campaignId: id } });
    expect(rs.filter((r) => r.cancelledAt).length).toBe(rs.length - 1);
    expect(rs.find((r) => r.id === first.id)!.cancelledAt).toBeNull();
    expect((await act(mgrA1, id, "resume")).status).toBe(409);
  });

  it("audited every step, with who did it", async () => {
    const events = await db.auditEvent.findMany({
      where: { entityType: "PhishingCampaign", entityId: id },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorUserId])).toEqual([
      ["phishing.campaign.create", mgrA1.user.id],
      ["phishing.campaign.submit", mgrA1.user.id],
      ["phishing.campaign.approve", mgrA2.user.id],
      ["phishing.campaign.pause", mgrA1.user.id],
      ["phishing.campaign.resume", mgrA1.user.id],
      ["phishing.campaign.stop", mgrA1.user.id],
    ]);
    expect(events[2]!.data).toMatchObject({ recipients: 8, from: "PENDING_APPROVAL", to: "SCHEDULED" });
    expect(events[5]!.data).toMatchObject({ cancelled: 7 });
    const page = await call(campaignLoader, get(`/phishing/${id}`, mgrA2.cookie), { campaignId: id });
    expect((page.data as { trail: unknown[] }).trail).toHaveLength(6);
  });

  it("an admin may approve; a rejection needs a reason and goes back to draft", async () => {
    const second = await createDraft(mgrA1, { name: "Đợt hai" });
    await act(mgrA1, second, "submit");
    expect((await act(admin, second, "reject", [["reason", ""]])).status).toBe(400);
    expect((await act(admin, second, "reject", [["reason", "Sai mẫu thư"]])).status).toBe(302);
    expect(await statusOf(second)).toBe("DRAFT");
    const rejected = await db.auditEvent.findFirstOrThrow({
      where: { entityId: second, action: "phishing.campaign.reject" },
    });
    expect(rejected.data).toMatchObject({ reason: "Sai mẫu thư" });
    await act(mgrA1, second, "submit");
    expect((await act(admin, second, "approve")).status).toBe(302);
    expect(await statusOf(second)).toBe("SCHEDULED");
    expect(await db.phishingRecipient.count({ where: { campaignId: second } })).toBe(8);
  });

  it("lists campaigns in scope with a search that ignores diacritics", async () => {
    const res = await call(listLoader, get("/phishing?q=dot hai", mgrA2.cookie));
    const list = (res.data as { list: { rows: { name: string; recipients: number }[] } }).list;
    expect(list.rows.map((r) => [r.name, r.recipients])).toEqual([["Đợt hai", 8]]);
    const all = await call(listLoader, get("/phishing?sort=name", admin.cookie));
    expect((all.data as { list: { total: number } }).list.total).toBe(2);
  });
});

describe("the mail-domain setting", () => {
  it("is required in production", () => {
    const saved = { ...process.env };
    try {
      delete process.env.PHISHING_ALLOWED_DOMAINS;
      expect(allowedMailDomains()).toEqual(["langson.gov.vn"]);
      process.env.NODE_ENV = "production";
      expect(() => allowedMailDomains()).toThrow(/PHISHING_ALLOWED_DOMAINS/);
    } finally {
      process.env.NODE_ENV = saved.NODE_ENV;
      process.env.PHISHING_ALLOWED_DOMAINS = saved.PHISHING_ALLOWED_DOMAINS;
    }
  });
});
