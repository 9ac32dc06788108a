// "Báo cáo thư đáng ngờ" on the web: the paste page (own drill token → reported and thanked; somebody else's →
// nothing recorded for them; no token → queued for the agency's IT team; too large or empty → a clear error)
// and the IT queue (scoped to the caller's subtree, searched, a report opened and marked reviewed, audited).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { dictionaries } from "~/i18n/messages.server";
import { navFor } from "~/modules/auth/nav";
import { getActor } from "~/modules/auth/guards.server";
import { PASTE_MAX_BYTES } from "~/modules/phishing/report-forms";
import { thanksKey } from "~/modules/phishing/report-intake.server";
import { signToken } from "~/modules/phishing/token.server";
import { DRILL_PATHS } from "~/modules/phishing/urls";
import * as detail from "~/routes/phishing.reports.$reportId";
import * as queue from "~/routes/phishing.reports._index";
import * as page from "~/routes/report-phish";
import { readFlash } from "~/utils/flash.server";
import { makeCampaign, makeRecipients, makeTemplateVersion } from "../fixtures/phishing";
import { buildWorld, call, get, makePerson, post, signedInAccount } from "./helpers/world";

const vi = dictionaries.vi;
let w: Awaited<ReturnType<typeof buildWorld>>;
let learnerPersonId: string;
let own: { id: string };
let others: { id: string };
let itA: { id: string; email: string };
let managerA: Awaited<ReturnType<typeof signedInAccount>>;

async function flashOf(response: Response | null) {
  const cookie = response?.headers.get("set-cookie")?.split(";")[0] ?? "";
  return (await readFlash(new Request("http://localhost/", { headers: { cookie } }))).flash?.message;
}

const paste = (cookie: string, source: string) =>
  call(page.action, post("/report-phish", cookie, { source }));

type FieldReply = { error?: Record<string, string[] | null> };
type Queue = { total: number; rows: { id: string; subject: string; agencyName: string | null }[] };

beforeAll(async () => {
  w = await buildWorld();
  learnerPersonId = (await db.user.findFirstOrThrow({ where: { email: "learner@test.vn" } })).personId!;
  itA = await makePerson({
    fullName: "Đỗ Thị Mạng",
    email: "mang.it@a.vn",
    agencyId: w.a.id,
    itRole: "PART_TIME",
  });
  managerA = await signedInAccount({
    email: "drill-a@test.vn",
    grants: [{ role: "PHISHING_MANAGER", agencyId: w.a.id }],
  });
  const version = await makeTemplateVersion();
  const campaign = await makeCampaign({
    agencyId: w.a.id,
    createdById: w.admin.user.id,
    templateVersionIds: [version.id],
  });
  const learner = await db.person.findUniqueOrThrow({ where: { id: learnerPersonId } });
  const recipients = await makeRecipients(campaign.id, version.id, [learner, w.personA]);
  own = recipients.find((r) => r.personId === learnerPersonId)!;
  others = recipients.find((r) => r.personId === w.personA.id)!;
});

describe("the paste page", () => {
  it("shows the report address and lists nothing yet; it is in the learner's menu", async () => {
    const res = await call(page.loader, get("/report-phish", w.learner.cookie));
    expect(res.status).toBe(200);
    expect((res.data as { reports: { total: number } }).reports.total).toBe(0);
    const actor = (await getActor(get("/", w.learner.cookie)))!;
    expect(navFor(actor).map((i) => i.to)).toContain("/report-phish");
    expect(navFor(actor).map((i) => i.to)).not.toContain("/phishing/reports");
  });

  it("the person's own drill token: reported once, thanked, one drill report", async () => {
    const token = await signToken(own.id);
    const headers = `Return-Path: <thongbao@dichvucong-gov.example>\nFrom: "Cổng dịch vụ công" <thongbao@dichvucong-gov.example>\nSubject: Thông báo cập nhật hồ sơ\nX-Hoc-ATTT-Drill: ${token}\n`;
    const res = await paste(w.learner.cookie, headers);
    expect(res.status).toBe(302);
    expect(await flashOf(res.response)).toBe(vi["phishReport.thanksDrill"]);
    const first = await db.phishingRecipient.findUniqueOrThrow({ where: { id: own.id } });
    expect(first.reportedAt).not.toBeNull();
    const reports = await db.suspiciousReport.findMany({ where: { recipientId: own.id } });
    expect(reports.map((r) => [r.status, r.channel, r.reporterPersonId, r.subject])).toEqual([
      ["DRILL", "PASTE", learnerPersonId, "Thông báo cập nhật hồ sơ"],
    ]);
    expect(
      await db.outboxEmail.count({ where: { dedupeKey: thanksKey(own.id), to: "learner@test.vn" } }),
    ).toBe(1);

    // The same email pasted again (its link this time, as Outlook's Safe Links rewrites it): still thanked,
    // nothing recorded twice.
    const link = encodeURIComponent(`https://hoc-attt.example${DRILL_PATHS.click(token)}`);
    expect(link).not.toContain(DRILL_PATHS.click(token));
    const again = await paste(
      w.learner.cookie,
      `Xem tại https://apc01.safelinks.protection.outlook.com/?url=${link}&data=05`,
    );
    expect(await flashOf(again.response)).toBe(vi["phishReport.thanksDrill"]);
    expect((await db.phishingRecipient.findUniqueOrThrow({ where: { id: own.id } })).reportedAt).toEqual(
      first.reportedAt,
    );
    expect(await db.suspiciousReport.count({ where: { recipientId: own.id } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { dedupeKey: thanksKey(own.id) } })).toBe(1);
  });

  it("somebody else's drill token: a neutral answer, nothing recorded for them or queued", async () => {
    const before = await db.suspiciousReport.count();
    const res = await paste(
      w.learner.cookie,
      `X-Hoc-ATTT-Drill: ${await signToken(others.id)}\nSubject: Thư của An`,
    );
    expect(res.status).toBe(302);
    expect(await flashOf(res.response)).toBe(vi["phishReport.received"]);
    expect(
      (await db.phishingRecipient.findUniqueOrThrow({ where: { id: others.id } })).reportedAt,
    ).toBeNull();
    expect(await db.suspiciousReport.count()).toBe(before);
    expect(await db.outboxEmail.count({ where: { dedupeKey: thanksKey(others.id) } })).toBe(0);
  });

  it("no token: queued for the agency's IT team, who are told", async () => {
    const source = [
      "From: Ban tổ chức <khuyenmai@trungthuong.invalid>",
      "Subject: Chúc mừng anh/chị trúng thưởng",
      "",
      '<script>alert("x")</script> Bấm vào https://trungthuong.invalid/nhan để nhận thưởng.',
    ].join("\n");
    const res = await paste(w.learner.cookie, source);
    expect(res.status).toBe(302);
    expect(await flashOf(res.response)).toBe(vi["phishReport.queued"]);
    const report = await db.suspiciousReport.findFirstOrThrow({ where: { status: "NEW" } });
    expect(report).toMatchObject({
      channel: "PASTE",
      agencyId: w.a.id,
      reporterPersonId: learnerPersonId,
      subject: "Chúc mừng anh/chị trúng thưởng",
      recipientId: null,
      messageId: null,
    });
    expect(report.fromHeader).toContain("khuyenmai@trungthuong.invalid");
    expect(report.excerpt).toContain("<script>");
    const told = await db.notification.findMany({ where: { kind: "PHISH_SUSPICIOUS" } });
    expect(told.map((n) => n.personId)).toEqual([itA.id]);
    expect(await db.outboxEmail.count({ where: { to: itA.email } })).toBe(1);
  });

  it("too large or empty: a clear error next to the field, nothing recorded", async () => {
    const before = await db.suspiciousReport.count();
    const large = await paste(w.learner.cookie, `Subject: x\n${"a".repeat(PASTE_MAX_BYTES)}`);
    expect(large.status).toBe(400);
    expect((large.data as FieldReply).error?.source).toEqual([vi["phishReport.sourceTooLarge"]]);
    // 64 KB counts bytes: Vietnamese letters are 2–3 bytes each.
    const wide = await paste(w.learner.cookie, "ệ".repeat(PASTE_MAX_BYTES / 3 + 1));
    expect((wide.data as FieldReply).error?.source).toEqual([vi["phishReport.sourceTooLarge"]]);
    for (const empty of ["", "   \n  "]) {
      const res = await paste(w.learner.cookie, empty);
      expect(res.status).toBe(400);
      expect((res.data as FieldReply).error?.source).toEqual([vi["phishReport.sourceRequired"]]);
    }
    expect(await db.suspiciousReport.count()).toBe(before);
  });

  it("lists the person's own reports only", async () => {
    await paste(w.coordA.cookie, "Subject: Thư lạ của điều phối viên\n\nhttps://la.invalid");
    const res = await call(page.loader, get("/report-phish", w.learner.cookie));
    const rows = (res.data as { reports: { rows: { subject: string; status: string }[] } }).reports.rows;
    expect(rows.map((r) => [r.status, r.subject])).toEqual([
      ["NEW", "Chúc mừng anh/chị trúng thưởng"],
      ["DRILL", "Thông báo cập nhật hồ sơ"],
    ]);
  });
});

describe("the IT queue", () => {
  const list = async (cookie: string, qs = "") => {
    const res = await call(queue.loader, get(`/phishing/reports${qs}`, cookie));
    return { status: res.status, data: res.data as Queue };
  };

  it("shows the NEW reports of the caller's subtree only; drill reports never", async () => {
    const a = await list(w.coordA.cookie);
    expect(a.data.rows.map((r) => r.subject).sort()).toEqual([
      "Chúc mừng anh/chị trúng thưởng",
      "Thư lạ của điều phối viên",
    ]);
    expect((await list(managerA.cookie)).data.total).toBe(2);
    expect((await list(w.admin.cookie)).data.total).toBe(2);
    // A coordinator of another sở sees nothing of this one, and cannot open or review it.
    expect((await list(w.coordB.cookie)).data.total).toBe(0);
    const report = await db.suspiciousReport.findFirstOrThrow({
      where: { subject: "Chúc mừng anh/chị trúng thưởng" },
    });
    expect(
      (
        await call(detail.loader, get(`/phishing/reports/${report.id}`, w.coordB.cookie), {
          reportId: report.id,
        })
      ).status,
    ).toBe(404);
    const denied = await call(
      detail.action,
      post(`/phishing/reports/${report.id}`, w.coordB.cookie, { intent: "review" }),
      { reportId: report.id },
    );
    expect(denied.status).toBe(404);
    expect((await db.suspiciousReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe("NEW");
    // People without a grant have no queue at all.
    expect((await list(w.learner.cookie)).status).toBe(403);
    const drill = await db.suspiciousReport.findFirstOrThrow({ where: { status: "DRILL" } });
    expect(
      (
        await call(detail.loader, get(`/phishing/reports/${drill.id}`, w.admin.cookie), {
          reportId: drill.id,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(detail.loader, get("/phishing/reports/x'1", w.admin.cookie), { reportId: "x'1" })).status,
    ).toBe(404);
    const actor = (await getActor(get("/", w.coordA.cookie)))!;
    expect(navFor(actor).map((i) => i.to)).toContain("/phishing/reports");
  });

  it("searches by subject, sender and reporter; pages", async () => {
    expect((await list(w.coordA.cookie, "?q=TRÚNG")).data.rows.map((r) => r.subject)).toEqual([
      "Chúc mừng anh/chị trúng thưởng",
    ]);
    expect((await list(w.coordA.cookie, "?q=trungthuong.invalid")).data.total).toBe(1);
    expect((await list(w.coordA.cookie, "?q=coord-a@")).data.rows.map((r) => r.subject)).toEqual([
      "Thư lạ của điều phối viên",
    ]);
    expect((await list(w.coordA.cookie, "?q=khong-co")).data.total).toBe(0);
    const paged = await list(w.coordA.cookie, "?pageSize=1&page=2");
    expect(paged.data.total).toBe(2);
    expect(paged.data.rows).toHaveLength(1);
  });

  it("opens a report with its excerpt as text and marks it reviewed, audited, once", async () => {
    const report = await db.suspiciousReport.findFirstOrThrow({
      where: { subject: "Chúc mừng anh/chị trúng thưởng" },
    });
    const opened = await call(detail.loader, get(`/phishing/reports/${report.id}`, w.coordA.cookie), {
      reportId: report.id,
    });
    expect(opened.status).toBe(200);
    expect((opened.data as { excerpt: string }).excerpt).toContain('<script>alert("x")</script>');
    const res = await call(
      detail.action,
      post(`/phishing/reports/${report.id}`, w.coordA.cookie, { intent: "review" }),
      { reportId: report.id },
    );
    expect(res.status).toBe(302);
    expect(await flashOf(res.response)).toBe(vi["phishReport.reviewedFlash"]);
    const row = await db.suspiciousReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(row.status).toBe("REVIEWED");
    expect(row.reviewedById).toBe(w.coordA.user.id);
    const events = await db.auditEvent.findMany({
      where: { action: "phishing.report.reviewed", entityId: report.id },
    });
    expect(events.map((e) => [e.actorUserId, e.agencyId])).toEqual([[w.coordA.user.id, w.a.id]]);

    const twice = await call(
      detail.action,
      post(`/phishing/reports/${report.id}`, w.coordA.cookie, { intent: "review" }),
      { reportId: report.id },
    );
    expect(twice.status).toBe(409);
    expect(await db.auditEvent.count({ where: { action: "phishing.report.reviewed" } })).toBe(1);
    expect((await list(w.coordA.cookie)).data.total).toBe(1);
    expect((await list(w.coordA.cookie, "?status=REVIEWED")).data.rows.map((r) => r.id)).toEqual([report.id]);
    const bad = await call(
      detail.action,
      post(`/phishing/reports/${report.id}`, w.coordA.cookie, { intent: "delete" }),
      { reportId: report.id },
    );
    expect(bad.status).toBe(400);
  });
});
