// Reminders end to end against a real SMTP server on loopback: each email delivered exactly once, across
// restarts, concurrent workers, retries; nothing to inactive people.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import type { MailTransport } from "~/modules/notifications/mailer.server";
import { createTransportFromEnv } from "~/modules/notifications/mailer.server";
import {
  enqueueEmail,
  INACTIVE_RECIPIENT_ERROR,
  notify,
  processOutbox,
} from "~/modules/notifications/outbox.server";
import type { ReminderRow } from "~/modules/notifications/reminders";
import { sendReminders } from "~/modules/notifications/reminders.server";
import {
  schedulerTick,
  startScheduler,
  stopScheduler,
  withAdvisoryLock,
} from "~/modules/notifications/scheduler.server";
import { makeAgency, makePerson } from "../fixtures/factories";
import { startSmtp, type Received, type TestSmtp } from "./helpers/smtp";

let smtp: TestSmtp;
let inbox: Received[];

function smtpTransport(): MailTransport {
  return smtp.transport();
}

beforeAll(async () => {
  smtp = await startSmtp();
  inbox = smtp.inbox;
});

afterAll(async () => {
  await stopScheduler();
  await smtp.close();
});

beforeEach(() => {
  inbox.length = 0;
});

const at = (day: string, hour = "08:00") => new Date(`${day}T${hour}:00+07:00`);
const dueJune30 = new Date("2026-06-30T16:59:59.999Z"); // 30/06/2026 23:59:59.999 in Hà Nội
const countTo = (email: string) => inbox.filter((m) => m.to.includes(email.toLowerCase())).length;

async function drain(now: Date, transport = smtpTransport(), workerId = "w1") {
  let sent = 0;
  for (;;) {
    const r = await processOutbox({ transport, now, workerId, batchSize: 50 });
    sent += r.sent;
    if (r.claimed === 0) return sent;
  }
}

async function members(courseTitle: string, n: number, opts: { inactive?: number } = {}) {
  const agency = await makeAgency();
  const rows: ReminderRow[] = [];
  for (let i = 0; i < n; i++) {
    const active = i !== opts.inactive;
    const p = await makePerson({ agencyId: agency.id, active });
    rows.push({
      personId: p.id,
      email: p.email,
      fullName: p.fullName,
      assignmentId: crypto.randomUUID(),
      courseTitle,
      dueAt: dueJune30,
      agencyId: agency.id,
      active,
    });
  }
  return { agency, rows };
}

describe("reminders → outbox → SMTP", () => {
  it("delivers each Vietnamese reminder exactly once, even when plan+process runs twice", async () => {
    const { rows } = await members("An toàn thông tin cơ bản", 3);
    const now = at("2026-06-23");
    for (let round = 0; round < 2; round++) {
      await sendReminders({ rows, now, daysBefore: [7, 1] });
      await drain(now);
    }
    expect(inbox).toHaveLength(3);
    for (const r of rows) {
      expect(countTo(r.email)).toBe(1);
      const m = inbox.find((x) => x.to.includes(r.email))!;
      expect(m.subject).toBe("Nhắc việc: hoàn thành khóa «An toàn thông tin cơ bản» trước 30/06/2026");
      expect(m.text).toContain("An toàn thông tin cơ bản");
      expect(m.text).toContain("30/06/2026");
      expect(m.text).toContain(`Kính gửi ${r.fullName}`);
    }
    const notes = await db.notification.findMany({
      where: { personId: { in: rows.map((r) => r.personId) } },
    });
    expect(notes).toHaveLength(3);
    expect(notes.every((n) => n.kind === "DUE_SOON_7" && n.link === "/learn")).toBe(true);

    // A later hour the same day: nothing new. The due day and the first overdue day: one more each.
    await sendReminders({ rows, now: at("2026-06-23", "20:00"), daysBefore: [7, 1] });
    await drain(at("2026-06-23", "20:00"));
    expect(inbox).toHaveLength(3);
    inbox.length = 0;
    await sendReminders({ rows, now: at("2026-07-01"), daysBefore: [7, 1] });
    await sendReminders({ rows, now: at("2026-07-01", "09:00"), daysBefore: [7, 1] });
    await drain(at("2026-07-01", "09:00"));
    expect(inbox).toHaveLength(3);
    expect(
      inbox.every((m) => m.subject === "Quá hạn: khóa «An toàn thông tin cơ bản» (hạn 30/06/2026)"),
    ).toBe(true);
    expect(await db.notification.count({ where: { personId: { in: rows.map((r) => r.personId) } } })).toBe(6);
  });

  it("never emails or notifies an inactive person, even when a row slips through", async () => {
    const { rows } = await members("Phòng chống lừa đảo trực tuyến", 2, { inactive: 1 });
    const now = at("2026-06-30");
    const res = await sendReminders({ rows, now, daysBefore: [7] });
    expect(res.emails).toBe(1);
    await drain(now);
    expect(countTo(rows[0].email)).toBe(1);
    expect(countTo(rows[1].email)).toBe(0);
    expect(await db.notification.count({ where: { personId: rows[1].personId } })).toBe(0);

    // An email queued before the person was deactivated: FAILED without being sent.
    await enqueueEmail({
      to: rows[1].email,
      subject: "Cũ",
      text: "Cũ",
      dedupeKey: `old:${rows[1].personId}`,
      notBefore: now,
    });
    await drain(now);
    expect(countTo(rows[1].email)).toBe(0);
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: `old:${rows[1].personId}` } });
    expect(row.status).toBe("FAILED");
    expect(row.lastError).toBe(INACTIVE_RECIPIENT_ERROR);
  });

  it("two concurrent workers deliver 20 emails once each", async () => {
    const now = at("2026-08-01");
    const tag = crypto.randomUUID().slice(0, 8);
    for (let i = 0; i < 20; i++) {
      await enqueueEmail({
        to: `song.song.${i}.${tag}@test.gov.vn`,
        subject: `Thư ${i}`,
        text: "Nội dung",
        dedupeKey: `parallel:${tag}:${i}`,
        notBefore: now,
      });
    }
    const worker = async (id: string) => {
      const transport = smtpTransport();
      let sent = 0;
      for (;;) {
        const r = await processOutbox({ transport, now, workerId: id, batchSize: 3 });
        sent += r.sent;
        if (r.claimed === 0) return sent;
      }
    };
    const [a, b] = await Promise.all([worker("A"), worker("B")]);
    expect(a + b).toBe(20);
    expect(inbox).toHaveLength(20);
    for (let i = 0; i < 20; i++) expect(countTo(`song.song.${i}.${tag}@test.gov.vn`)).toBe(1);
    const rows = await db.outboxEmail.findMany({ where: { dedupeKey: { startsWith: `parallel:${tag}:` } } });
    expect(rows.every((r) => r.status === "SENT" && r.sentAt && r.attempts === 1)).toBe(true);
  });

  it("retries a failed send with backoff and delivers it once", async () => {
    const now = at("2026-08-02");
    const real = smtpTransport();
    let calls = 0;
    const flaky: MailTransport = {
      async sendMail(m) {
        calls++;
        if (calls === 1) throw new Error("421 máy chủ tạm thời bận");
        return real.sendMail(m);
      },
    };
    const key = `flaky:${crypto.randomUUID()}`;
    await enqueueEmail({
      to: "flaky@test.gov.vn",
      subject: "Thử lại",
      text: "x",
      dedupeKey: key,
      notBefore: now,
    });

    expect(await processOutbox({ transport: flaky, now, workerId: "w" })).toMatchObject({
      retried: 1,
      sent: 0,
    });
    let row = await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: key } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row.lastError).toContain("421");
    expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + 60_000);

    expect(
      (await processOutbox({ transport: flaky, now: new Date(now.getTime() + 30_000), workerId: "w" }))
        .claimed,
    ).toBe(0);
    const later = new Date(now.getTime() + 61_000);
    expect(await processOutbox({ transport: flaky, now: later, workerId: "w" })).toMatchObject({ sent: 1 });
    expect(
      await processOutbox({ transport: flaky, now: new Date(later.getTime() + 3_600_000), workerId: "w" }),
    ).toMatchObject({ claimed: 0 });
    expect(countTo("flaky@test.gov.vn")).toBe(1);
    row = await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: key } });
    expect(row).toMatchObject({ status: "SENT", attempts: 2 });
  });

  it("gives up after 6 attempts", async () => {
    let now = at("2026-08-03");
    const broken: MailTransport = {
      sendMail: async () => {
        throw new Error("550 hộp thư không tồn tại");
      },
    };
    const key = `broken:${crypto.randomUUID()}`;
    await enqueueEmail({ to: "broken@test.gov.vn", subject: "x", text: "x", dedupeKey: key, notBefore: now });
    for (let i = 0; i < 6; i++) {
      await processOutbox({ transport: broken, now, workerId: "w" });
      now = new Date(now.getTime() + 3_600_000);
    }
    const row = await db.outboxEmail.findUniqueOrThrow({ where: { dedupeKey: key } });
    expect(row).toMatchObject({ status: "FAILED", attempts: 6 });
  });

  it("a claimed row is not re-sent while its lease lasts, and is picked up after it expires", async () => {
    const now = at("2026-08-04");
    const key = `lease:${crypto.randomUUID()}`;
    await enqueueEmail({ to: "lease@test.gov.vn", subject: "x", text: "x", dedupeKey: key, notBefore: now });
    // A worker that died mid-send: the row stays leased.
    await db.outboxEmail.update({
      where: { dedupeKey: key },
      data: { lockedUntil: new Date(now.getTime() + 60_000) },
    });
    expect((await processOutbox({ transport: smtpTransport(), now, workerId: "w" })).claimed).toBe(0);
    await drain(new Date(now.getTime() + 61_000));
    expect(countTo("lease@test.gov.vn")).toBe(1);
  });

  it("escalates overdue people to the agency's coordinators once a week", async () => {
    const { agency, rows } = await members("Bảo mật thư điện tử", 2);
    const coordinator = await makePerson({ agencyId: agency.id, fullName: "Trần Thị Điều Phối" });
    const escalateTo = async (agencyId: string) =>
      agencyId === agency.id ? [{ email: coordinator.email, fullName: coordinator.fullName }] : [];
    // Wed 01/07 and Fri 03/07 are in the same ISO week; Wed 08/07 is the next one.
    for (const day of ["2026-07-01", "2026-07-03", "2026-07-01"]) {
      await sendReminders({ rows, now: at(day), daysBefore: [7], escalateTo });
      await drain(at(day));
    }
    expect(countTo(coordinator.email)).toBe(1);
    const esc = inbox.find((m) => m.to.includes(coordinator.email))!;
    expect(esc.subject).toContain("Báo cáo quá hạn: 2 người");
    for (const r of rows) expect(esc.text).toContain(r.fullName);
    expect(esc.text).toContain("Bảo mật thư điện tử");
    await sendReminders({ rows, now: at("2026-07-08"), daysBefore: [7], escalateTo });
    await drain(at("2026-07-08"));
    expect(countTo(coordinator.email)).toBe(2);
  });

  it("notify() is idempotent on its dedupeKey", async () => {
    const agency = await makeAgency();
    const p = await makePerson({ agencyId: agency.id });
    const input = {
      personId: p.id,
      kind: "INFO",
      title: "Chào",
      body: "",
      link: "/learn",
      dedupeKey: `n:${p.id}`,
    };
    expect(await notify(input)).toBe(true);
    expect(await notify(input)).toBe(false);
    expect(await db.notification.count({ where: { personId: p.id } })).toBe(1);
  });
});

describe("mailer", () => {
  it("is disabled without SMTP_HOST and configured from SMTP_*", async () => {
    expect(createTransportFromEnv({})).toBeNull();
    const t = createTransportFromEnv({
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_SECURE: "false",
    });
    expect(t).not.toBeNull();
    expect(await processOutbox({ transport: null, workerId: "off" })).toMatchObject({ claimed: 0 });
  });
});

describe("scheduler", () => {
  it("runs ticks every interval without overlapping, and stops", async () => {
    let running = 0;
    let maxRunning = 0;
    let ticks = 0;
    startScheduler({
      intervalMs: 5,
      tick: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 30));
        ticks++;
        running--;
      },
    });
    await new Promise((r) => setTimeout(r, 200));
    await stopScheduler();
    const after = ticks;
    expect(after).toBeGreaterThanOrEqual(2);
    expect(maxRunning).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(ticks).toBe(after);
  });

  it("schedulerTick plans under the advisory lock and drains the outbox; a restart sends nothing twice", async () => {
    const { rows } = await members("Mật khẩu an toàn", 2);
    const now = at("2026-06-29");
    const tick = () =>
      schedulerTick({
        loadRows: async () => rows,
        daysBefore: [1],
        transport: smtpTransport(),
        workerId: "sched",
        now: () => now,
      })();
    const first = await tick();
    expect(first.reminders).toMatchObject({ planned: 2, emails: 2, notifications: 2 });
    expect(first.outbox.sent).toBe(2);
    const second = await tick();
    expect(second.reminders).toMatchObject({ planned: 2, emails: 0, notifications: 0 });
    expect(second.outbox.sent).toBe(0);
    expect(inbox.map((m) => m.subject)).toEqual([
      "Nhắc việc: hoàn thành khóa «Mật khẩu an toàn» trước 30/06/2026",
      "Nhắc việc: hoàn thành khóa «Mật khẩu an toàn» trước 30/06/2026",
    ]);
  });

  it("plans for planningNow's day while the outbox keeps the tick's clock", async () => {
    const { rows } = await members("Phòng chống mã độc", 2);
    const planningDay = at("2026-06-29"); // due tomorrow: reminded "due soon"
    const wallClock = at("2026-07-01"); // a day late: this clock would plan an overdue reminder
    await enqueueEmail({
      to: rows[0]!.email,
      subject: "Thư ngày 30/06: Phòng chống mã độc",
      text: "Nội dung",
      dedupeKey: `planning-now:${rows[0]!.personId}`,
      notBefore: at("2026-06-30"), // sent only by an outbox at the tick's clock, not at the planning day
    });
    const planned: Date[] = [];
    const result = await schedulerTick({
      loadRows: async (day) => {
        planned.push(day);
        return rows;
      },
      daysBefore: [1],
      transport: smtpTransport(),
      workerId: "planning-now",
      now: () => wallClock,
      planningNow: () => planningDay,
    })();
    expect(planned).toEqual([planningDay]);
    expect(result.reminders).toMatchObject({ planned: 2, emails: 2, notifications: 2 });
    expect(
      inbox
        .map((m) => m.subject)
        .filter((s) => s.includes("Phòng chống mã độc"))
        .sort(),
    ).toEqual([
      "Nhắc việc: hoàn thành khóa «Phòng chống mã độc» trước 30/06/2026",
      "Nhắc việc: hoàn thành khóa «Phòng chống mã độc» trước 30/06/2026",
      "Thư ngày 30/06: Phòng chống mã độc",
    ]);
  });

  it.skipIf(process.env.TEST_DB !== "postgres")("only one server holds the planning lock", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = withAdvisoryLock("notifications.test", async () => {
      entered();
      await held;
      return 1;
    });
    await inside;
    expect(await withAdvisoryLock("notifications.test", async () => 2)).toEqual({ acquired: false });
    release();
    expect(await first).toEqual({ acquired: true, result: 1 });
    expect(await withAdvisoryLock("notifications.test", async () => 3)).toEqual({
      acquired: true,
      result: 3,
    });
  });
});
