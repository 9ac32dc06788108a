// Acceptance for reminders: the real scheduler over real assignments delivers each Vietnamese reminder and
// escalation to a real SMTP server exactly once — across a scheduler restart and with two schedulers at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { escalationRecipients, reminderSettings, reminderTick } from "~/modules/notifications/jobs.server";
import { createScheduler, type Scheduler } from "~/modules/notifications/scheduler.server";
import { makeCourseVersion } from "../fixtures/courses";
import { makeAgency, makePerson } from "../fixtures/factories";
import { startSmtp, type TestSmtp } from "./helpers/smtp";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});

const at = (day: string, hour = "08:00") => new Date(`${day}T${hour}:00+07:00`);
const endOf = (day: string) => new Date(`${day}T23:59:59.999+07:00`);
let clock = at("2026-06-23");

/** One "app server": a scheduler ticking every few ms with its own worker id; counts its finished ticks. */
function server(workerId: string) {
  let ticks = 0;
  const tick = reminderTick({ workerId, daysBefore: [7, 1], transport: smtp.transport(), now: () => clock });
  const scheduler: Scheduler = createScheduler({
    intervalMs: 10,
    tick: async () => {
      await tick();
      ticks++;
    },
    onError: (err) => {
      throw err;
    },
  });
  return { scheduler, ticks: () => ticks };
}

async function until(cond: () => boolean | Promise<boolean>, what: string) {
  for (let i = 0; i < 1000; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Runs the given servers until each has finished `n` ticks after the outbox is empty, then stops them. */
async function runServers(names: string[], n = 3) {
  const servers = names.map(server);
  await until(async () => servers.every((s) => s.ticks() >= 1), "first ticks");
  await until(
    async () => (await db.outboxEmail.count({ where: { status: "PENDING" } })) === 0,
    "empty outbox",
  );
  const base = servers.map((s) => s.ticks());
  await until(() => servers.every((s, i) => s.ticks() >= base[i] + n), "more ticks");
  await Promise.all(servers.map((s) => s.scheduler.stop()));
}

const subjectsTo = (email: string) =>
  smtp.inbox.filter((m) => m.to.includes(email.toLowerCase())).map((m) => m.subject);

describe("reminder scheduler → outbox → SMTP", () => {
  it("sends each reminder and escalation once, across a restart and with two schedulers", async () => {
    // Province → Sở (coordinator + head) → unit (no coordinator, no head: the sở hears about it).
    const province = await makeAgency({ name: "UBND tỉnh Thử" });
    const so = await makeAgency({ parent: province, name: "Sở Khoa học và Công nghệ" });
    const unit = await makeAgency({ parent: so, kind: "UNIT", name: "Phòng Chuyển đổi số" });
    const coordinatorPerson = await makePerson({ agencyId: so.id, fullName: "Lương Thị Hà" });
    const coordinator = await db.user.create({
      data: { email: coordinatorPerson.email, personId: coordinatorPerson.id },
    });
    await db.roleGrant.create({ data: { userId: coordinator.id, role: "COORDINATOR", agencyId: so.id } });
    const provinceCoordinator = await db.user.create({ data: { email: "tinh@test.gov.vn" } });
    await db.roleGrant.create({
      data: { userId: provinceCoordinator.id, role: "COORDINATOR", agencyId: province.id },
    });
    const head = await makePerson({ agencyId: so.id, fullName: "Hoàng Văn Giám", isHeadOfUnit: true });

    const { course } = await makeCourseVersion({
      title: "An toàn thông tin cơ bản",
      topics: ["attt-co-ban"],
    });
    const assignment = await db.assignment.create({
      data: { courseId: course.id, createdById: coordinator.id, agencyId: so.id },
    });
    const member = async (fullName: string, agencyId: string, due: string, extra = {}) => {
      const p = await makePerson({ agencyId, fullName, ...extra });
      await db.assignmentMember.create({
        // Assigned (and announced) weeks ago: this test is about the due-date reminders only.
        data: {
          assignmentId: assignment.id,
          personId: p.id,
          source: "RULE",
          dueAt: endOf(due),
          notifiedAt: at("2026-06-01"),
        },
      });
      return p;
    };
    const an = await member("Nguyễn Văn An", unit.id, "2026-06-30"); // 7 days left on 23/06
    const binh = await member("Trần Thị Bình", unit.id, "2026-06-24"); // 1 day left on 23/06
    const cuong = await member("Lê Văn Cường", unit.id, "2026-06-22"); // 1 day overdue on 23/06
    const dung = await member("Phạm Văn Dũng", unit.id, "2026-06-24", { active: false });
    const em = await member("Đỗ Thị Em", so.id, "2026-06-24");
    await db.completion.create({
      data: {
        personId: em.id,
        courseId: course.id,
        topics: ["attt-co-ban"],
        source: "ONLINE",
        completedAt: at("2026-06-01"),
      },
    });

    expect((await escalationRecipients(unit.id)).map((r) => r.email).sort()).toEqual(
      [coordinatorPerson.email, head.email].sort(),
    );

    // Day 1 (Tue 23/06): one server, then the same server restarted.
    clock = at("2026-06-23");
    await runServers(["server-1"]);
    await runServers(["server-1-restarted"]);
    expect(subjectsTo(an.email)).toEqual([
      "Nhắc việc: hoàn thành khóa «An toàn thông tin cơ bản» trước 30/06/2026",
    ]);
    expect(subjectsTo(binh.email)).toEqual([
      "Nhắc việc: hoàn thành khóa «An toàn thông tin cơ bản» trước 24/06/2026",
    ]);
    expect(subjectsTo(cuong.email)).toEqual(["Quá hạn: khóa «An toàn thông tin cơ bản» (hạn 22/06/2026)"]);
    expect(subjectsTo(dung.email)).toEqual([]);
    expect(subjectsTo(em.email)).toEqual([]);
    const escalation = "Báo cáo quá hạn: 1 người chưa hoàn thành khóa học được giao (23/06/2026)";
    expect(subjectsTo(coordinatorPerson.email)).toEqual([escalation]);
    expect(subjectsTo(head.email)).toEqual([escalation]);
    expect(subjectsTo("tinh@test.gov.vn")).toEqual([]);
    expect(smtp.inbox).toHaveLength(5);
    const toAn = smtp.inbox.find((m) => m.to.includes(an.email))!;
    expect(toAn.text).toContain("Kính gửi Nguyễn Văn An");
    expect(toAn.text).toContain("còn 7 ngày");
    const esc = smtp.inbox.find((m) => m.to.includes(head.email))!;
    expect(esc.text).toContain("Lê Văn Cường");
    expect(esc.text).not.toContain("Nguyễn Văn An");

    // Day 2 (Wed 24/06): two servers at once. Bình is due today; the escalation waits for next week.
    clock = at("2026-06-24");
    await runServers(["server-a", "server-b"]);
    expect(subjectsTo(binh.email)).toEqual([
      "Nhắc việc: hoàn thành khóa «An toàn thông tin cơ bản» trước 24/06/2026",
      "Nhắc việc: hoàn thành khóa «An toàn thông tin cơ bản» trước 24/06/2026",
    ]);
    expect(smtp.inbox.find((m) => m.to.includes(binh.email) && m.text.includes("hôm nay"))).toBeTruthy();
    expect(smtp.inbox).toHaveLength(6);

    // Mon 29/06, a new ISO week: An has 1 day left; Bình and Cường are overdue and escalated again.
    clock = at("2026-06-29");
    await runServers(["server-a", "server-b"]);
    expect(subjectsTo(an.email)).toHaveLength(2);
    const week2 = "Báo cáo quá hạn: 2 người chưa hoàn thành khóa học được giao (29/06/2026)";
    expect(subjectsTo(coordinatorPerson.email)).toEqual([escalation, week2]);
    expect(subjectsTo(head.email)).toEqual([escalation, week2]);
    expect(smtp.inbox).toHaveLength(9);

    // In-app notices mirror the personal reminders, once each.
    expect(await db.notification.count({ where: { personId: an.id } })).toBe(2);
    expect(await db.notification.count({ where: { personId: binh.id } })).toBe(2);
    expect(await db.notification.count({ where: { personId: dung.id } })).toBe(0);
    expect(await db.outboxEmail.count({ where: { status: "SENT" } })).toBe(9);
  });
});

describe("reminder settings", () => {
  it("reads days-before and the interval from the environment, with clear errors", () => {
    expect(reminderSettings({})).toEqual({ enabled: true, daysBefore: [7, 1], intervalMs: 300_000 });
    expect(
      reminderSettings({
        REMINDER_DAYS_BEFORE: "14, 3,1",
        REMINDER_INTERVAL_SECONDS: "60",
        REMINDERS_ENABLED: "false",
      }),
    ).toEqual({ enabled: false, daysBefore: [14, 3, 1], intervalMs: 60_000 });
    expect(() => reminderSettings({ REMINDER_DAYS_BEFORE: "bảy" })).toThrow(/REMINDER_DAYS_BEFORE/);
    expect(() => reminderSettings({ REMINDER_INTERVAL_SECONDS: "1" })).toThrow(/REMINDER_INTERVAL_SECONDS/);
  });
});
