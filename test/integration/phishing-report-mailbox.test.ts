// The report mailbox against a real IMAP server (Debian dovecot, test/support/dovecot.ts): messages APPENDed
// with imapflow — a drill email forwarded inline, one attached as message/rfc822, a real suspicious email —
// are read by pollReportMailbox: the drill recipients' "reported" is set once and they are thanked, the other
// is queued for the reporter's IT team; a second poll and a re-sent Message-ID add nothing; a server that is
// down is logged and the poll returns.
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { startBackgroundJobs } from "~/modules/notifications/jobs.server";
import { stopScheduler } from "~/modules/notifications/scheduler.server";
import { thanksKey } from "~/modules/phishing/report-intake.server";
import { pollReportMailbox } from "~/modules/phishing/report-mailbox.server";
import { signToken } from "~/modules/phishing/token.server";
import { DRILL_HEADER, DRILL_PATHS } from "~/modules/phishing/urls";
import { makeCampaign, makeRecipients, makeTemplateVersion } from "../fixtures/phishing";
import { type Dovecot, dovecotAvailable, startDovecot } from "../support/dovecot";
import { buildWorld, makePerson } from "./helpers/world";

if (!dovecotAvailable())
  console.warn(
    "phishing-report-mailbox.test: /usr/sbin/dovecot is not installed (apt-get install dovecot-imapd): skipped.",
  );

const REPORT_ADDRESS = "baocao@mail.thu.example";
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "crlf" });

async function compose(mail: Parameters<typeof composer.sendMail>[0]): Promise<Buffer> {
  const info = await composer.sendMail(mail);
  return info.message as Buffer;
}

/** A drill email as the campaign sent it: the link in a long HTML line (quoted-printable), the drill header. */
function drillEmail(to: string, token: string, withLink = true) {
  const link = `https://hoc-attt.example${DRILL_PATHS.click(token)}`;
  return compose({
    from: '"Cổng dịch vụ công (giả lập)" <thongbao@dichvucong-gov.example>',
    to,
    subject: "Thông báo cập nhật hồ sơ",
    headers: { [DRILL_HEADER]: token },
    text: withLink ? `Cập nhật tại ${link}` : "Cập nhật hồ sơ trước ngày 10.",
    html: withLink
      ? `<p>Kính gửi anh/chị, hồ sơ của anh/chị cần được cập nhật ngay trong hôm nay để tránh bị khóa tài khoản: <a href="${link}">Cập nhật</a></p>`
      : "<p>Cập nhật hồ sơ trước ngày 10.</p>",
    textEncoding: "quoted-printable",
  });
}

let w: Awaited<ReturnType<typeof buildWorld>>;
let imap: Dovecot | null = null;
let client: ImapFlow;
let recipientA: { id: string };
let recipientA1: { id: string };
let itB: { id: string; email: string };
let inlineForward: Buffer;

async function append(raw: Buffer) {
  await client.append("INBOX", raw);
}

describe.skipIf(!dovecotAvailable())("the report mailbox over a real dovecot", () => {
  beforeAll(async () => {
    imap = await startDovecot();
    client = new ImapFlow({
      host: imap!.host,
      port: imap!.port,
      secure: false,
      auth: { user: imap!.user, pass: imap!.password },
      logger: false,
    });
    await client.connect();
    w = await buildWorld();
    itB = await makePerson({
      fullName: "Phạm Văn Tin",
      email: "tin.it@b.vn",
      agencyId: w.b.id,
      itRole: "FULL_TIME",
    });
    const version = await makeTemplateVersion();
    const campaign = await makeCampaign({
      agencyId: w.a.id,
      createdById: w.admin.user.id,
      templateVersionIds: [version.id],
    });
    const recipients = await makeRecipients(campaign.id, version.id, [w.personA, w.personA1]);
    recipientA = recipients.find((r) => r.personId === w.personA.id)!;
    recipientA1 = recipients.find((r) => r.personId === w.personA1.id)!;

    // Forwarded inline: the drill email's HTML quoted in the reporter's own (its headers are not kept).
    inlineForward = await compose({
      from: `"Nguyễn Văn An" <${w.personA.email}>`,
      to: REPORT_ADDRESS,
      subject: "Fwd: Thông báo cập nhật hồ sơ",
      messageId: "<fwd-inline-1@a.vn>",
      html: `<p>Thư này có vẻ lừa đảo.</p><blockquote>${quotedLink(await signToken(recipientA.id))}</blockquote>`,
      // Base64, as many mail clients send it: the link is found only in the decoded part.
      textEncoding: "base64",
    });
    expect(inlineForward.toString("utf8")).not.toContain(await signToken(recipientA.id));
    // Forwarded as an attachment: the whole drill email, header included; its body here has no link at all.
    const attachedForward = await compose({
      from: w.personA1.email,
      to: REPORT_ADDRESS,
      subject: "Thư đáng ngờ",
      messageId: "<fwd-attached-1@a1.vn>",
      text: "Em gửi kèm thư đáng ngờ.",
      attachments: [
        {
          filename: "thu-dang-ngo.eml",
          contentType: "message/rfc822",
          content: await drillEmail(w.personA1.email, await signToken(recipientA1.id), false),
        },
      ],
    });
    const realPhish = await compose({
      from: `"Lê Văn Cường" <${w.personB.email.toUpperCase()}>`,
      to: REPORT_ADDRESS,
      subject: "Fwd: Thông báo trúng thưởng",
      messageId: "<real-1@b.vn>",
      text: "From: khuyenmai@trungthuong.invalid\nAnh chị đã trúng thưởng, bấm vào https://trungthuong.invalid/nhan",
    });
    await append(inlineForward);
    await append(attachedForward);
    await append(realPhish);
  });

  afterAll(async () => {
    await stopScheduler();
    await client?.logout().catch(() => undefined);
    await imap?.close();
  });

  it("records the drill reports once, thanks the reporters, queues the real one for its IT team", async () => {
    const at = new Date();
    const result = await pollReportMailbox(at, { url: imap!.url });
    expect(result).toEqual({ fetched: 3, drill: 2, otherDrill: 0, queued: 1, duplicate: 0, failed: 0 });

    for (const r of [recipientA, recipientA1]) {
      const row = await db.phishingRecipient.findUniqueOrThrow({ where: { id: r.id } });
      expect(row.reportedAt?.getTime()).toBe(at.getTime());
      expect(await db.outboxEmail.count({ where: { dedupeKey: thanksKey(r.id) } })).toBe(1);
      expect(await db.notification.count({ where: { dedupeKey: thanksKey(r.id) } })).toBe(1);
    }
    const thanks = await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: thanksKey(recipientA.id) } });
    expect(thanks.to).toBe(w.personA.email);
    expect(thanks.text).toContain("thư giả lập");

    const drills = await db.suspiciousReport.findMany({
      where: { status: "DRILL" },
      orderBy: { messageId: "asc" },
    });
    expect(drills.map((d) => [d.channel, d.recipientId, d.messageId, d.reporterPersonId])).toEqual([
      ["IMAP", recipientA1.id, "<fwd-attached-1@a1.vn>", w.personA1.id],
      ["IMAP", recipientA.id, "<fwd-inline-1@a.vn>", w.personA.id],
    ]);

    const queued = await db.suspiciousReport.findFirstOrThrow({ where: { status: "NEW" } });
    expect(queued).toMatchObject({
      channel: "IMAP",
      agencyId: w.b.id,
      reporterPersonId: w.personB.id,
      subject: "Fwd: Thông báo trúng thưởng",
      messageId: "<real-1@b.vn>",
      recipientId: null,
    });
    expect(queued.excerpt).toContain("trungthuong.invalid");
    // Sở Tài chính's IT officer hears about it (in the app and by email); nobody at Sở KH&CN does.
    const told = await db.notification.findMany({ where: { kind: "PHISH_SUSPICIOUS" } });
    expect(told.map((n) => n.personId)).toEqual([itB.id]);
    expect(
      await db.outboxEmail.count({ where: { to: itB.email, subject: { contains: "trúng thưởng" } } }),
    ).toBe(1);

    // Everything read is flagged \Seen on the server.
    const lock = await client.getMailboxLock("INBOX");
    try {
      expect(await client.search({ seen: false }, { uid: true })).toEqual([]);
    } finally {
      lock.release();
    }
  });

  it("a second poll adds nothing; the same Message-ID sent again is one report, reportedAt kept", async () => {
    const before = {
      reports: await db.suspiciousReport.count(),
      outbox: await db.outboxEmail.count(),
      notices: await db.notification.count(),
      reportedAt: (await db.phishingRecipient.findUniqueOrThrow({ where: { id: recipientA.id } })).reportedAt,
    };
    expect(await pollReportMailbox(new Date(), { url: imap!.url })).toMatchObject({ fetched: 0 });
    await append(inlineForward);
    const again = await pollReportMailbox(new Date(Date.now() + 60_000), { url: imap!.url });
    expect(again).toMatchObject({ fetched: 1, duplicate: 1, drill: 0 });
    expect(await db.suspiciousReport.count()).toBe(before.reports);
    expect(await db.outboxEmail.count()).toBe(before.outbox);
    expect(await db.notification.count()).toBe(before.notices);
    const row = await db.phishingRecipient.findUniqueOrThrow({ where: { id: recipientA.id } });
    expect(row.reportedAt).toEqual(before.reportedAt);
  });

  it("a known reporter forwarding somebody else's drill email: nothing recorded for either, nobody told", async () => {
    const fresh = await makePerson({ fullName: "Vũ Thị Mới", email: "moi@a.vn", agencyId: w.a.id });
    const version = await makeTemplateVersion();
    const campaign = await makeCampaign({
      agencyId: w.a.id,
      createdById: w.admin.user.id,
      templateVersionIds: [version.id],
    });
    const [target] = await makeRecipients(campaign.id, version.id, [fresh]);
    const before = { outbox: await db.outboxEmail.count(), notices: await db.notification.count() };
    await append(
      await compose({
        from: w.personB.email,
        to: REPORT_ADDRESS,
        subject: "Fwd: thư của đồng nghiệp",
        messageId: "<fwd-other-1@b.vn>",
        text: `Thư này gửi cho chị Mới: https://hoc-attt.example${DRILL_PATHS.click(await signToken(target!.id))}`,
      }),
    );
    expect(await pollReportMailbox(new Date(), { url: imap!.url })).toMatchObject({
      fetched: 1,
      otherDrill: 1,
    });
    expect(
      (await db.phishingRecipient.findUniqueOrThrow({ where: { id: target!.id } })).reportedAt,
    ).toBeNull();
    const report = await db.suspiciousReport.findUniqueOrThrow({
      where: { messageId: "<fwd-other-1@b.vn>" },
    });
    expect(report).toMatchObject({ status: "DRILL", recipientId: null });
    expect(await db.outboxEmail.count()).toBe(before.outbox);
    expect(await db.notification.count()).toBe(before.notices);
  });

  it("a message above the size limit is read by its headers only", async () => {
    await append(
      await compose({
        from: w.personB.email,
        to: REPORT_ADDRESS,
        subject: "Video lạ",
        messageId: "<huge-1@b.vn>",
        text: `Xem video ${"x".repeat(20_000)} PHAN-THAN-THU`,
      }),
    );
    const result = await pollReportMailbox(new Date(), { url: imap!.url, maxSourceBytes: 10_000 });
    expect(result).toMatchObject({ fetched: 1, queued: 1 });
    const report = await db.suspiciousReport.findUniqueOrThrow({ where: { messageId: "<huge-1@b.vn>" } });
    expect(report).toMatchObject({ status: "NEW", subject: "Video lạ", agencyId: w.b.id });
    expect(report.excerpt).toContain("Subject: ");
    expect(report.excerpt).not.toContain("PHAN-THAN-THU");
  });

  it("the scheduler polls the mailbox on its tick when PHISHING_REPORT_IMAP_URL is set", async () => {
    await append(
      await compose({
        from: w.personA1.email,
        to: REPORT_ADDRESS,
        subject: "Thư lạ về hóa đơn",
        messageId: "<real-2@a1.vn>",
        text: "Hóa đơn điện tử: https://hoadon.invalid/xem",
      }),
    );
    let ticks = 0;
    const scheduler = startBackgroundJobs(
      { REMINDERS_ENABLED: "false", JOBS_ENABLED: "false", PHISHING_REPORT_IMAP_URL: imap!.url },
      { onTick: () => ticks++ },
    );
    expect(scheduler).not.toBeNull();
    for (let i = 0; i < 200 && ticks === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await scheduler!.stop();
    const report = await db.suspiciousReport.findUniqueOrThrow({ where: { messageId: "<real-2@a1.vn>" } });
    // The unit A1 has no IT officer: the nearest coordinators (Sở KH&CN's) are told instead.
    expect(report).toMatchObject({ status: "NEW", agencyId: w.a1.id });
    expect(
      await db.outboxEmail.count({ where: { to: "coord-a@test.vn", dedupeKey: { contains: report.id } } }),
    ).toBe(1);
  });

  it("a server that is down: the poll logs the failure and returns", async () => {
    const url = imap!.url;
    await client.logout();
    await imap!.close();
    const logged: string[] = [];
    const result = await pollReportMailbox(new Date(), { url, log: (m) => logged.push(m) });
    expect(result.fetched).toBe(0);
    expect(result.error).toMatch(/ECONNREFUSED|connect/i);
    expect(logged.join("\n")).toContain("không đọc được hộp thư báo cáo");
  });
});

/** The quoted drill HTML of an inline forward: the link survives, the headers do not. */
function quotedLink(token: string): string {
  return `<p>-------- Thư chuyển tiếp --------</p><p>Kính gửi anh/chị, hồ sơ của anh/chị cần được cập nhật ngay trong hôm nay để tránh bị khóa tài khoản: <a href="https://hoc-attt.example${DRILL_PATHS.click(token)}">Cập nhật</a></p>`;
}

describe("the report mailbox setting", () => {
  it("reads user, password, port and mailbox from the URL; a bad one stops the start with its name", async () => {
    const { reportMailboxConfig } = await import("~/modules/phishing/report-mailbox.server");
    const { parseEnv } = await import("~/env.server");
    expect(
      reportMailboxConfig(
        "imaps://bao%40cao:m%E1%BA%ADt%2Fkh%E1%BA%A9u@mail.thu.example/B%C3%A1o%20c%C3%A1o",
      ),
    ).toEqual({
      host: "mail.thu.example",
      port: 993,
      secure: true,
      user: "bao@cao",
      pass: "mật/khẩu",
      mailbox: "Báo cáo",
    });
    expect(reportMailboxConfig("imap://u:p@127.0.0.1:1143")).toMatchObject({
      port: 1143,
      secure: false,
      mailbox: "INBOX",
    });
    expect(reportMailboxConfig(undefined)).toBeNull();
    expect(() => parseEnv({ PHISHING_REPORT_IMAP_URL: "http://x" })).toThrow(/PHISHING_REPORT_IMAP_URL/);
    expect(() => parseEnv({ PHISHING_REPORT_ADDRESS: "khong-phai-dia-chi" })).toThrow(
      /PHISHING_REPORT_ADDRESS/,
    );
    expect(parseEnv({ PHISHING_REPORT_IMAP_URL: "", PHISHING_REPORT_ADDRESS: "" })).toMatchObject({
      PHISHING_REPORT_IMAP_URL: undefined,
      PHISHING_REPORT_ADDRESS: undefined,
    });
  });
});
