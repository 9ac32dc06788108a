// Phishing drills, sending and tracking: a campaign's emails through the outbox to a real SMTP server on
// loopback, the per-tick pace, the kill switch, the tracking routes' once-only events under concurrency,
// a submitted form's values stored nowhere, expired and bad links, repeat clickers escalated once.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { processOutbox } from "~/modules/notifications/outbox.server";
import { transitionCampaign } from "~/modules/phishing/campaigns.server";
import {
  KILLED_ERROR,
  PAUSED_ERROR,
  STOPPED_ERROR,
  phishingTick,
  type PhishingTickOptions,
} from "~/modules/phishing/send.server";
import { signToken, verifyToken } from "~/modules/phishing/token.server";
import { trackingAnswer } from "~/modules/phishing/track.server";
import { DRILL_HEADER, DRILL_PATHS } from "~/modules/phishing/urls";
import { loader as openLoader } from "~/routes/t.o.$file";
import { loader as clickLoader } from "~/routes/t.c.$token";
import { action as submitAction } from "~/routes/t.s.$token";
import { loader as lessonLoader } from "~/routes/t.l.$token";
import { loader as reportLoader } from "~/routes/t.r.$token";
import { makeCourseVersion } from "../fixtures/courses";
import { action as killAction, loader as killLoader } from "~/routes/admin.phishing";
import { makeAccount, makeAgency, makePerson, makeSessionCookie, makeUser } from "../fixtures/factories";
import { makeCampaign, makeRecipients, makeTemplateVersion } from "../fixtures/phishing";
import { startSmtp, type TestSmtp } from "./helpers/smtp";

const DOMAIN = "tinh-thu.test";
const OPTS: PhishingTickOptions = { tickMs: 60_000, allowedDomains: [DOMAIN], enabled: true };
let smtp: TestSmtp;
let creatorId: string;

beforeAll(async () => {
  smtp = await startSmtp();
  creatorId = (await makeUser()).id;
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  smtp.inbox.length = 0;
  await db.phishingSettings.update({ where: { id: 1 }, data: { killedAt: null } });
  // Each test counts its own campaign's emails: the earlier tests' campaigns and waiting emails are put away.
  await db.phishingCampaign.updateMany({
    where: { status: { in: ["RUNNING", "SCHEDULED"] } },
    data: { status: "STOPPED" },
  });
  await db.outboxEmail.updateMany({
    where: { status: "PENDING", dedupeKey: { startsWith: "phish:" } },
    data: { status: "FAILED", lastError: "test cleanup" },
  });
});

type Args = { request: Request; params: Record<string, string>; context: object };
const args = (path: string, params: Record<string, string>, init?: RequestInit): Args => ({
  request: new Request(`http://localhost${path}`, init),
  params,
  context: {},
});
const status = (r: unknown) =>
  r instanceof Response ? r.status : ((r as { init?: { status?: number } } | null)?.init?.status ?? 200);
const click = (token: string) =>
  clickLoader(args(DRILL_PATHS.click(token), { token }) as never) as Promise<Response>;

/** What a thrown notFound() becomes: the status of the response Remix would render. */
async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    return status(await p);
  } catch (e) {
    const init = (e as { init?: { status?: number } }).init;
    if (init?.status) return init.status;
    if (e instanceof Response) return e.status;
    throw e;
  }
}

/** A campaign in its own agency with `n` people at the allowed domain, and a follow-up course. */
async function world(
  n: number,
  overrides: Parameters<typeof makeCampaign>[0] extends infer O ? Partial<O> : never = {},
) {
  const agency = await makeAgency();
  const tag = randomUUID().slice(0, 6);
  const people = [];
  for (let i = 0; i < n; i++)
    people.push(await makePerson({ agencyId: agency.id, email: `nv${i}.${tag}@${DOMAIN}` }));
  const version = await makeTemplateVersion();
  const { course } = await makeCourseVersion();
  const assignment = await db.assignment.create({
    data: {
      courseId: course.id,
      createdById: creatorId,
      agencyId: null,
      standing: false,
      title: "Bồi dưỡng sau diễn tập",
    },
  });
  const campaign = await makeCampaign({
    agencyId: agency.id,
    createdById: creatorId,
    templateVersionIds: [version.id],
    followUpCourseId: course.id,
    followUpAssignmentId: assignment.id,
    ...overrides,
  });
  const recipients = await makeRecipients(campaign.id, version.id, people, {
    scheduledAt: new Date(Date.now() - 60_000),
  });
  return { agency, people, version, course, assignment, campaign, recipients };
}

async function drain(now = new Date()) {
  for (;;) {
    const r = await processOutbox({ transport: smtp.transport(), now, workerId: "t", batchSize: 50 });
    if (r.claimed === 0) return;
  }
}

/** The decoded text of every MIME part of a raw message (nodemailer picks base64 or quoted-printable). */
function bodies(raw: string): string {
  return raw
    .split(/\r?\n--[^\r\n]+\r?\n/)
    .map((part) => {
      const split = part.search(/\r?\n\r?\n/);
      const head = part.slice(0, split);
      const body = part.slice(split).trim();
      return /content-transfer-encoding:\s*base64/i.test(head)
        ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
        : body;
    })
    .join("\n");
}

describe("sending", () => {
  it("starts the campaign, queues at its pace, and the emails arrive with the drill's sender, subject, header and link", async () => {
    const w = await world(5, { status: "SCHEDULED", maxPerMinute: 2 });
    const t0 = new Date();
    const first = await phishingTick(t0, db, OPTS);
    expect(first.started).toBe(1);
    expect(first.queued).toBe(2); // 2 per minute × a 1-minute tick
    const running = await db.phishingCampaign.findUniqueOrThrow({ where: { id: w.campaign.id } });
    expect(running.status).toBe("RUNNING");
    expect(running.startedAt).not.toBeNull();
    // 30 s later: one more (2 per minute); then a long gap saves up no more than one tick's worth.
    expect((await phishingTick(new Date(t0.getTime() + 30_000), db, OPTS)).queued).toBe(1);
    expect((await phishingTick(new Date(t0.getTime() + 30 * 60_000), db, OPTS)).queued).toBe(2);

    await drain(new Date(t0.getTime() + 31 * 60_000));
    expect(smtp.inbox).toHaveLength(5);
    const byId = new Map(w.recipients.map((r) => [r.email, r]));
    for (const m of smtp.inbox) {
      const r = byId.get(m.to[0]!)!;
      expect(r).toBeDefined();
      // The display name travels as an encoded word (its quotes are the encoding's, not the name's).
      expect(m.from).toBe(`${w.version.senderName} <${w.version.senderAddress}>`);
      expect(m.subject).toBe(w.version.subject);
      const token = m.headers![DRILL_HEADER.toLowerCase()]!;
      expect(await verifyToken(token)).toBe(r.id);
      const link = bodies(m.raw!).match(/https?:\/\/[^\s"<>]+\/t\/c\/([A-Za-z0-9_-]{38})/);
      expect(link?.[1]).toBe(token);
      expect(await verifyToken(link![1]!)).toBe(r.id);
    }
    const delivered = await phishingTick(new Date(), db, OPTS);
    expect(delivered.delivered).toBe(5);
    expect(
      await db.phishingRecipient.count({ where: { campaignId: w.campaign.id, deliveredAt: null } }),
    ).toBe(0);
    // Once: a later tick changes nothing.
    expect((await phishingTick(new Date(), db, OPTS)).delivered).toBe(0);
  });

  it("sends only to active people at the allowed domains, and finishes a campaign past its window", async () => {
    const w = await world(2, { windowEnd: new Date(Date.now() - 1000), maxPerMinute: 100 });
    const outsider = await makePerson({
      agencyId: w.agency.id,
      email: `ngoai.${randomUUID().slice(0, 6)}@mail.example`,
    });
    const gone = await makePerson({
      agencyId: w.agency.id,
      email: `nghi.${randomUUID().slice(0, 6)}@${DOMAIN}`,
      active: false,
    });
    await makeRecipients(w.campaign.id, w.version.id, [outsider, gone], {
      scheduledAt: new Date(Date.now() - 60_000),
    });
    const r = await phishingTick(new Date(), db, OPTS);
    expect(r.queued).toBe(2);
    expect(r.finished).toBe(0); // two drill emails still PENDING
    const queued = await db.phishingRecipient.findMany({
      where: { campaignId: w.campaign.id, queuedAt: { not: null } },
    });
    expect(queued.map((q) => q.email).sort()).toEqual(w.people.map((p) => p.email).sort());
    await drain();
    const done = await phishingTick(new Date(), db, OPTS);
    expect(done.finished).toBe(1);
    const c = await db.phishingCampaign.findUniqueOrThrow({ where: { id: w.campaign.id } });
    expect(c.status).toBe("FINISHED");
    expect(c.finishedAt).not.toBeNull();
    // Nothing goes out with no allowed domain at all.
    const w2 = await world(1, { maxPerMinute: 100 });
    expect((await phishingTick(new Date(), db, { ...OPTS, allowedDomains: [] })).queued).toBe(0);
    expect(
      await db.phishingRecipient.count({ where: { campaignId: w2.campaign.id, queuedAt: { not: null } } }),
    ).toBe(0);
    await db.phishingCampaign.update({ where: { id: w2.campaign.id }, data: { status: "STOPPED" } });
  });

  it("the kill switch withdraws waiting drill emails and stops queueing; lifting it sends them after all", async () => {
    const w = await world(3, { maxPerMinute: 100 });
    expect((await phishingTick(new Date(), db, OPTS)).queued).toBe(3);
    await db.phishingSettings.update({ where: { id: 1 }, data: { killedAt: new Date() } });
    const killed = await phishingTick(new Date(), db, OPTS);
    expect(killed).toMatchObject({ killed: true, withdrawn: 3, queued: 0 });
    const rows = await db.outboxEmail.findMany({
      where: { dedupeKey: { in: w.recipients.map((r) => `phish:${r.id}`) } },
    });
    expect(rows.map((r) => [r.status, r.lastError])).toEqual(rows.map(() => ["FAILED", KILLED_ERROR]));
    expect(await db.phishingRecipient.count({ where: { campaignId: w.campaign.id, queuedAt: null } })).toBe(
      3,
    );
    await drain();
    expect(smtp.inbox).toHaveLength(0);
    // PHISHING_ENABLED=false stops them the same way, whatever the admin's switch says.
    await db.phishingSettings.update({ where: { id: 1 }, data: { killedAt: null } });
    expect((await phishingTick(new Date(), db, { ...OPTS, enabled: false })).killed).toBe(true);
    expect(
      await db.phishingRecipient.count({ where: { campaignId: w.campaign.id, queuedAt: { not: null } } }),
    ).toBe(0);

    const resumed = await phishingTick(new Date(), db, OPTS);
    expect(resumed.queued).toBe(3);
    await drain();
    expect(smtp.inbox).toHaveLength(3);
    expect(
      await db.outboxEmail.count({
        where: { dedupeKey: { in: w.recipients.map((r) => `phish:${r.id}`) }, status: "SENT" },
      }),
    ).toBe(3);
    await db.phishingCampaign.update({ where: { id: w.campaign.id }, data: { status: "STOPPED" } });
  });
});

describe("pausing and stopping a campaign", () => {
  it("takes back its waiting emails (resuming sends them, stopping never), and leaves other campaigns' alone", async () => {
    const w = await world(3, { maxPerMinute: 100 });
    const other = await world(2, { maxPerMinute: 100 });
    expect((await phishingTick(new Date(), db, OPTS)).queued).toBe(5);
    const manager = {
      userId: (await makeUser()).id,
      email: "quanly@tinh-thu.test",
      personId: null,
      fullName: "Quản lý diễn tập",
      locale: "vi" as const,
      mustChangePassword: false,
      grants: [],
    };
    const keys = (rs: { id: string }[]) => rs.map((r) => `phish:${r.id}`);
    const outbox = (rs: { id: string }[]) =>
      db.outboxEmail.findMany({ where: { dedupeKey: { in: keys(rs) } }, orderBy: { dedupeKey: "asc" } });

    await transitionCampaign(manager, "ALL", w.campaign.id, { intent: "pause" });
    expect((await outbox(w.recipients)).map((r) => [r.status, r.lastError])).toEqual(
      w.recipients.map(() => ["FAILED", PAUSED_ERROR]),
    );
    expect((await outbox(other.recipients)).map((r) => r.status)).toEqual(["PENDING", "PENDING"]);
    // Paused: the tick queues nothing of it, and the outbox sends only the other campaign's two.
    await phishingTick(new Date(), db, OPTS);
    await drain();
    expect(smtp.inbox).toHaveLength(2);

    await transitionCampaign(manager, "ALL", w.campaign.id, { intent: "resume" });
    expect((await phishingTick(new Date(), db, OPTS)).queued).toBe(3);
    await transitionCampaign(manager, "ALL", w.campaign.id, { intent: "stop" });
    expect((await outbox(w.recipients)).map((r) => [r.status, r.lastError])).toEqual(
      w.recipients.map(() => ["FAILED", STOPPED_ERROR]),
    );
    expect(
      await db.phishingRecipient.count({ where: { campaignId: w.campaign.id, cancelledAt: null } }),
    ).toBe(0);
    await phishingTick(new Date(), db, OPTS);
    await drain();
    expect(smtp.inbox).toHaveLength(2);
  });
});

describe("tracking", () => {
  it("1,000 simultaneous clicks of one link record one click and one follow-up member", async () => {
    const w = await world(1);
    const r = w.recipients[0]!;
    const token = await signToken(r.id);
    // Half through the Remix route, half through the express fast path (server.js), all at once.
    const [answers, fast] = await Promise.all([
      Promise.all(Array.from({ length: 500 }, () => click(token))),
      Promise.all(Array.from({ length: 500 }, () => trackingAnswer("GET", DRILL_PATHS.click(token))!)),
    ]);
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(fast.every((a) => a.status === 200)).toBe(true);
    const after = await db.phishingRecipient.findUniqueOrThrow({ where: { id: r.id } });
    expect(after.clickedAt).not.toBeNull();
    expect(after.followUpAt).toEqual(after.clickedAt);
    const members = await db.assignmentMember.findMany({ where: { assignmentId: w.assignment.id } });
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ personId: r.personId, source: "NAMED" });
    expect(members[0]!.dueAt.getTime() - after.clickedAt!.getTime()).toBe(
      w.campaign.followUpDueDays * 86_400_000,
    );
    // The landing page posts to the submit path and sends no referrer.
    const html = await answers[0]!.text();
    expect(html).toContain(`action="${DRILL_PATHS.submit(token)}"`);
    expect(answers[0]!.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(answers[0]!.headers.get("X-Robots-Tag")).toContain("noindex");
  });

  it(
    "30,000 recipients clicking at once (100 at a time) are all recorded (3,000 on PGlite)",
    { timeout: 600_000 },
    async () => {
      const w = await world(0);
      // PostgreSQL is where concurrent writers meet (the production engine); PGlite runs one statement at a
      // time, so there 3,000 check the same path without two minutes of the suite's time.
      const N = process.env.TEST_DB === "postgres" ? 30_000 : 3_000;
      const tag = randomUUID().slice(0, 8);
      await db.$executeRaw`
      INSERT INTO "Person" (id, "fullName", email, "agencyId", "staffCategory", "updatedAt")
      SELECT gen_random_uuid(), 'Người thử ' || i, 'dong.loat.' || i || '.' || ${tag} || '@' || ${DOMAIN},
        ${w.agency.id}::uuid, 'CONG_CHUC'::"StaffCategory", now()
      FROM generate_series(1, ${N}::int) i`;
      await db.$executeRaw`
      INSERT INTO "PhishingRecipient" (id, "campaignId", "personId", "agencyId", email, "templateVersionId", "scheduledAt", "queuedAt")
      SELECT gen_random_uuid(), ${w.campaign.id}::uuid, p.id, p."agencyId", p.email, ${w.version.id}::uuid, now(), now()
      FROM "Person" p WHERE p.email LIKE ${`dong.loat.%.${tag}@%`}`;
      const ids = (
        await db.phishingRecipient.findMany({ where: { campaignId: w.campaign.id }, select: { id: true } })
      ).map((r) => r.id);
      expect(ids).toHaveLength(N);
      const tokens = await Promise.all(ids.map((id) => signToken(id)));
      let next = 0;
      let failures = 0;
      await Promise.all(
        Array.from({ length: 100 }, async () => {
          while (next < tokens.length) {
            const res = await click(tokens[next++]!);
            if (res.status !== 200) failures++;
          }
        }),
      );
      expect(failures).toBe(0);
      expect(
        await db.phishingRecipient.count({ where: { campaignId: w.campaign.id, clickedAt: { not: null } } }),
      ).toBe(N);
      expect(await db.assignmentMember.count({ where: { assignmentId: w.assignment.id } })).toBe(N);
    },
  );

  it("a submitted form's typed values are stored in no table, and the person lands on the teachable page", async () => {
    const w = await world(1);
    const r = w.recipients[0]!;
    const token = await signToken(r.id);
    const secret = `MatKhauBiMat-${randomUUID()}`;
    const code = `MaDinhDanh-${randomUUID()}`;
    const body = new URLSearchParams({
      ma_dinh_danh: code,
      mat_khau: secret,
      "ghi-chu": `ghi chú ${secret}`,
    });
    const res = (await submitAction(
      args(
        DRILL_PATHS.submit(token),
        { token },
        { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } },
      ) as never,
    )) as Response;
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(DRILL_PATHS.lesson(token));
    const after = await db.phishingRecipient.findUniqueOrThrow({ where: { id: r.id } });
    expect(after.submittedAt).not.toBeNull();
    expect(after.clickedAt).not.toBeNull(); // a submit implies the click, with its follow-up course
    expect(
      await db.assignmentMember.count({ where: { assignmentId: w.assignment.id, personId: r.personId } }),
    ).toBe(1);

    // Every text, varchar, json and array column of every table.
    const columns = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema()
        AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED', 'bytea')`;
    expect(columns.length).toBeGreaterThan(50);
    for (const c of columns) {
      for (const needle of [secret, code]) {
        const [hit] = await db.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${c.table_name}" WHERE "${c.column_name}"::text LIKE $1`,
          `%${needle}%`,
        );
        expect(hit!.n, `${c.table_name}.${c.column_name}`).toBe(0);
      }
    }
    // The self-check: the scan does find a string that is stored.
    const [probe] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "PhishingRecipient" WHERE "email"::text LIKE $1`,
      `%${r.email}%`,
    );
    expect(probe!.n).toBe(1);

    const page = (await lessonLoader(args(DRILL_PATHS.lesson(token), { token }) as never)) as {
      flags: { id: string }[];
      pictureHtml: string;
      course: { code: string } | null;
      due: string | null;
      adviceHtml: string;
    };
    expect(page.flags.map((f) => f.id)).toEqual(["sender"]);
    expect(page.pictureHtml).toContain('data-flag="sender"');
    expect(page.pictureHtml).not.toContain("/t/c/");
    expect(page.course?.code).toBe(w.course.code);
    expect(page.due).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(page.adviceHtml).toContain("Kiểm tra địa chỉ người gửi");
  });

  it("records opens and reports once; expired links record nothing; bad tokens are a plain 404", async () => {
    const w = await world(2, { trackOpens: true });
    const [a, b] = w.recipients as [(typeof w.recipients)[0], (typeof w.recipients)[0]];
    const ta = await signToken(a.id);
    const open = (t: string) =>
      openLoader(args(`/t/o/${t}.gif`, { file: `${t}.gif` }) as never) as Promise<Response>;
    const gif = await open(ta);
    expect(gif.status).toBe(200);
    expect(gif.headers.get("Content-Type")).toBe("image/gif");
    expect(gif.headers.get("Cache-Control")).toBe("no-store");
    const firstOpen = (await db.phishingRecipient.findUniqueOrThrow({ where: { id: a.id } })).openedAt;
    expect(firstOpen).not.toBeNull();
    await open(ta);
    expect((await db.phishingRecipient.findUniqueOrThrow({ where: { id: a.id } })).openedAt).toEqual(
      firstOpen,
    );
    expect(await reportLoader(args(`/t/r/${ta}`, { token: ta }) as never)).toEqual({ reported: true });
    expect((await db.phishingRecipient.findUniqueOrThrow({ where: { id: a.id } })).reportedAt).not.toBeNull();

    // Expired: the campaign's links are past linksExpireAt.
    await db.phishingCampaign.update({
      where: { id: w.campaign.id },
      data: { linksExpireAt: new Date(Date.now() - 1000) },
    });
    const tb = await signToken(b.id);
    expect((await click(tb)).status).toBe(404);
    expect((await open(tb)).status).toBe(404);
    const sub = (await submitAction(
      args(DRILL_PATHS.submit(tb), { token: tb }, { method: "POST", body: "x=1" }) as never,
    )) as Response;
    expect(sub.status).toBe(404);
    expect(await statusOf(lessonLoader(args(`/t/l/${tb}`, { token: tb }) as never))).toBe(404);
    const bAfter = await db.phishingRecipient.findUniqueOrThrow({ where: { id: b.id } });
    expect([bAfter.openedAt, bAfter.clickedAt, bAfter.submittedAt, bAfter.followUpAt]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(await db.assignmentMember.count({ where: { assignmentId: w.assignment.id } })).toBe(0);

    // Bad: malformed, forged (a valid shape whose MAC does not match), and a well-signed unknown recipient.
    const forged = `${ta.slice(0, 30)}${ta.slice(30) === "AAAAAAAA" ? "BBBBBBBB" : "AAAAAAAA"}`;
    const unknown = await signToken(randomUUID());
    for (const bad of ["nope", "x".repeat(38), forged, unknown, `${ta}x`]) {
      const res = await click(bad);
      expect(res.status, bad).toBe(404);
      expect(res.headers.get("Content-Type")).toContain("text/html");
      expect(await res.text()).toContain("Không tìm thấy trang");
      expect((await open(bad)).status).toBe(404);
      expect(await statusOf(lessonLoader(args(`/t/l/${bad}`, { token: bad }) as never))).toBe(404);
      expect(await statusOf(reportLoader(args(`/t/r/${bad}`, { token: bad }) as never))).toBe(404);
    }
    expect(
      ((await openLoader(args(`/t/o/${ta}.png`, { file: `${ta}.png` }) as never)) as Response).status,
    ).toBe(404);
  });
});

describe("repeat clickers", () => {
  it("are escalated to their nearest coordinators once, by email and in-app", async () => {
    const earlier = await world(1);
    const person = earlier.people[0]!;
    const { user: coordinatorUser, person: coordinator } = await makeAccount({
      agencyId: earlier.agency.id,
      grants: [{ role: "COORDINATOR", agencyId: earlier.agency.id }],
    });
    expect(coordinatorUser).toBeDefined();
    await click(await signToken(earlier.recipients[0]!.id));
    // The first click of all is no repeat.
    expect((await phishingTick(new Date(), db, OPTS)).escalated).toBe(0);

    const version = await makeTemplateVersion();
    const later = await makeCampaign({
      agencyId: earlier.agency.id,
      createdById: creatorId,
      templateVersionIds: [version.id],
    });
    const [again] = await makeRecipients(later.id, version.id, [person]);
    await click(await signToken(again!.id));
    const first = await phishingTick(new Date(), db, OPTS);
    expect(first.escalated).toBe(1);
    expect(await phishingTick(new Date(), db, OPTS)).toMatchObject({ escalated: 0 });
    const row = await db.phishingRecipient.findUniqueOrThrow({ where: { id: again!.id } });
    expect(row.escalatedAt).not.toBeNull();
    const emails = await db.outboxEmail.findMany({
      where: { dedupeKey: { startsWith: `phish-escalate:${again!.id}:` } },
    });
    expect(emails.map((e) => e.to)).toEqual([coordinatorUser.email]);
    expect(emails[0]!.text).toContain(person.fullName);
    const notes = await db.notification.findMany({
      where: { personId: coordinator!.id, kind: "phishing.repeat-clicker" },
    });
    expect(notes).toHaveLength(1);
    await db.phishingCampaign.updateMany({
      where: { id: { in: [earlier.campaign.id, later.id] } },
      data: { status: "STOPPED" },
    });
  });
});

describe("the admin's kill switch", () => {
  it("stops every drill at once (audited, waiting emails withdrawn) and allows them again; only for admins", async () => {
    const w = await world(2, { maxPerMinute: 100 });
    expect((await phishingTick(new Date(), db, OPTS)).queued).toBe(2);
    const { user: admin } = await makeAccount({ grants: [{ role: "ADMIN" }] });
    const { user: coordinator } = await makeAccount({
      agencyId: w.agency.id,
      grants: [{ role: "COORDINATOR", agencyId: w.agency.id }],
    });
    const post = async (userId: string, intent: string) =>
      killAction(
        args(
          "/admin/phishing",
          {},
          {
            method: "POST",
            body: new URLSearchParams({ intent }),
            headers: {
              Cookie: await makeSessionCookie(userId),
              "Content-Type": "application/x-www-form-urlencoded",
            },
          },
        ) as never,
      );
    expect(await statusOf(post(coordinator.id, "kill"))).toBe(403);
    expect((await db.phishingSettings.findUniqueOrThrow({ where: { id: 1 } })).killedAt).toBeNull();
    expect(await statusOf(post(admin.id, "nonsense"))).toBe(400);

    expect(await statusOf(post(admin.id, "kill"))).toBe(302);
    const s = await db.phishingSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(s.killedAt).not.toBeNull();
    expect(s.killedById).toBe(admin.id);
    expect(await db.phishingRecipient.count({ where: { campaignId: w.campaign.id, queuedAt: null } })).toBe(
      2,
    );
    const page = (await killLoader(
      args("/admin/phishing", {}, { headers: { Cookie: await makeSessionCookie(admin.id) } }) as never,
    )) as { killedAt: string | null };
    expect(page.killedAt).not.toBeNull();
    expect((await phishingTick(new Date(), db, OPTS)).queued).toBe(0);

    expect(await statusOf(post(admin.id, "allow"))).toBe(302);
    expect((await db.phishingSettings.findUniqueOrThrow({ where: { id: 1 } })).killedAt).toBeNull();
    const audits = await db.auditEvent.findMany({
      where: { actorUserId: admin.id, action: { in: ["phishing.kill", "phishing.unkill"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audits.map((a) => a.action)).toEqual(["phishing.kill", "phishing.unkill"]);
    expect((await phishingTick(new Date(), db, OPTS)).queued).toBe(2);
    await db.phishingCampaign.update({ where: { id: w.campaign.id }, data: { status: "STOPPED" } });
  });
});
