// Learners hear about new assignments: the real scheduler tick over real assignments sends one digest per
// person per Vietnam day (in-app + email to a real SMTP server), once, across a rerun and a second server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createAssignment, refreshStandingAssignments } from "~/modules/assignments/assignments.server";
import { reminderTick } from "~/modules/notifications/jobs.server";
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

const at = (day: string, hour = "09:00") => new Date(`${day}T${hour}:00+07:00`);
let clock = at("2026-06-23");
const tick = (workerId: string) =>
  reminderTick({ workerId, daysBefore: [7, 1], transport: smtp.transport(), now: () => clock })();
const mailTo = (email: string) => smtp.inbox.filter((m) => m.to.includes(email.toLowerCase()));

describe("new-assignment digest", () => {
  it("tells each active learner once a day, listing every course assigned that day", async () => {
    const province = await makeAgency({ name: "UBND tỉnh Thử" });
    const so = await makeAgency({ parent: province, name: "Sở Khoa học và Công nghệ" });
    const coordinator = await db.user.create({ data: { email: "dieu-phoi@test.gov.vn" } });
    const an = await makePerson({ agencyId: so.id, fullName: "Nguyễn Văn An" });
    const binh = await makePerson({ agencyId: so.id, fullName: "Trần Thị Bình" });
    const { course: basic } = await makeCourseVersion({ title: "ATTT cơ bản", topics: ["attt-co-ban"] });
    const { course: digital } = await makeCourseVersion({ title: "Kỹ năng số", topics: ["ky-nang-so"] });
    const { course: data } = await makeCourseVersion({ title: "Phân tích dữ liệu", topics: ["pt-du-lieu"] });

    // Two assignments on the same morning; Bình leaves before the scheduler runs.
    const scope = [so.path];
    await createAssignment(
      scope,
      { courseId: basic.id, agencyId: so.id, dueAt: "2026-07-31" },
      coordinator.id,
      clock,
    );
    await createAssignment(
      scope,
      { courseId: digital.id, agencyId: so.id, dueDays: 30, standing: true },
      coordinator.id,
      clock,
    );
    await db.person.update({ where: { id: binh.id }, data: { active: false } });

    await tick("server-a");
    await tick("server-a-rerun");
    await tick("server-b");

    const toAn = mailTo(an.email);
    expect(toAn).toHaveLength(1);
    expect(toAn[0]!.subject).toBe("Anh/chị được giao 2 khóa học mới");
    expect(toAn[0]!.text).toContain("Kính gửi Nguyễn Văn An");
    expect(toAn[0]!.text).toContain("«ATTT cơ bản», hạn hoàn thành 31/07/2026");
    expect(toAn[0]!.text).toContain("«Kỹ năng số», hạn hoàn thành 23/07/2026");
    expect(mailTo(binh.email)).toHaveLength(0);
    const notices = await db.notification.findMany({ where: { personId: an.id } });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: "ASSIGNED",
      title: "Anh/chị được giao 2 khóa học mới",
      link: "/learn",
    });
    expect(notices[0]!.body).toContain("ATTT cơ bản");
    expect(notices[0]!.body).toContain("Kỹ năng số");
    expect(await db.notification.count({ where: { personId: binh.id } })).toBe(0);

    // Later the same day: a third course waits for tomorrow's digest (one digest per person per day).
    clock = at("2026-06-23", "15:00");
    await createAssignment(
      scope,
      { courseId: data.id, personIds: [an.id], dueAt: "2026-08-15" },
      coordinator.id,
      clock,
    );
    await tick("server-a");
    expect(mailTo(an.email)).toHaveLength(1);

    // A new hire is picked up by the standing assignment and told about it too.
    const chi = await makePerson({ agencyId: so.id, fullName: "Lê Thị Chi" });
    await refreshStandingAssignments({ personIds: [chi.id], now: clock });
    await tick("server-b");
    expect(mailTo(chi.email).map((m) => m.subject)).toEqual(["Anh/chị được giao khóa học «Kỹ năng số»"]);

    clock = at("2026-06-24", "07:00");
    await tick("server-a");
    await tick("server-b");
    expect(mailTo(an.email).map((m) => m.subject)).toEqual([
      "Anh/chị được giao 2 khóa học mới",
      "Anh/chị được giao khóa học «Phân tích dữ liệu»",
    ]);
    expect(mailTo(chi.email)).toHaveLength(1);
    expect(mailTo(binh.email)).toHaveLength(0);
    expect(await db.notification.count({ where: { personId: an.id, kind: "ASSIGNED" } })).toBe(2);
    expect(
      await db.assignmentMember.count({ where: { personId: { in: [an.id, chi.id] }, notifiedAt: null } }),
    ).toBe(0);
    expect(await db.assignmentMember.count({ where: { personId: binh.id, notifiedAt: null } })).toBe(2);
    expect(smtp.inbox).toHaveLength(3);
  });
});
