// The assignment progress page shows when reminders were last sent: the scheduler's automatic notices, the
// coordinator's one-click reminder (when, how many, by whom) and each member's last notice and email state,
// all read back from the notification, outbox and audit rows.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createAssignment, overdueMembers } from "~/modules/assignments/assignments.server";
import { sendReminders } from "~/modules/notifications/reminders.server";
import { action as progressAction, loader as progressLoader } from "~/routes/assignments.$assignmentId";
import { makeCourseVersion } from "../fixtures/courses";
import { buildWorld, call, get, post } from "./helpers/world";

const DAY = 86_400_000;
// One "now" for the due date and the scheduler's run: were they read from the wall clock apart, a run crossing
// midnight in Vietnam (17:00 UTC) would make the members two days late, a day without reminders.
const NOW = new Date();
let w: Awaited<ReturnType<typeof buildWorld>>;
let assignmentId: string;

type Loaded = {
  reminders: {
    lastAutomaticAt: Date | null;
    lastManual: { at: Date; count: number; by: string | null } | null;
    lastEmailSentAt: Date | null;
    pendingEmails: number;
    failedEmails: number;
  };
  memberReminders: Record<
    string,
    { noticeAt: Date | null; manual: boolean; email: { state: string; at: Date } | null }
  >;
};
const load = async () => {
  const res = await call(progressLoader, get(`/assignments/${assignmentId}`, w.coordA.cookie), {
    assignmentId,
  });
  expect(res.status).toBe(200);
  return res.data as Loaded;
};

beforeAll(async () => {
  w = await buildWorld();
  const { course } = await makeCourseVersion({ topics: ["nhac-nho"] });
  // Due yesterday: An (A) and Bình (A1) are overdue.
  const created = await createAssignment(
    [w.a.path],
    { courseId: course.id, agencyId: w.a.id, dueAt: new Date(NOW.getTime() - DAY) },
    w.coordA.user.id,
  );
  assignmentId = created.id;
});

describe("reminder history on the progress page", () => {
  it("says nothing was sent before any reminder", async () => {
    const d = await load();
    expect(d.reminders).toEqual({
      lastAutomaticAt: null,
      lastManual: null,
      lastEmailSentAt: null,
      pendingEmails: 0,
      failedEmails: 0,
    });
    expect(d.memberReminders[w.personA.id]).toEqual({ noticeAt: null, manual: false, email: null });
  });

  it("shows the scheduler's reminder per member and overall", async () => {
    const now = NOW;
    const rows = (await overdueMembers(now)).filter((r) => r.assignmentId === assignmentId);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const sent = await sendReminders({ rows: rows.map((r) => ({ ...r, active: true })), now });
    expect(sent.notifications).toBe(rows.length);
    const d = await load();
    expect(d.reminders.lastAutomaticAt).not.toBeNull();
    expect(d.reminders.pendingEmails).toBe(rows.length);
    expect(d.reminders.lastManual).toBeNull();
    const an = d.memberReminders[w.personA.id];
    expect(an.noticeAt).not.toBeNull();
    expect(an.manual).toBe(false);
    expect(an.email?.state).toBe("PENDING");
  });

  it("shows the one-click reminder's last use, by whom and for how many", async () => {
    const res = await call(
      progressAction,
      post(`/assignments/${assignmentId}`, w.coordA.cookie, { intent: "remind" }),
      {
        assignmentId,
      },
    );
    expect(res.status).toBe(302);
    // The outbox worker sends An's manual email.
    const sentAt = new Date();
    await db.outboxEmail.updateMany({
      where: { dedupeKey: { startsWith: `manual:${assignmentId}:${w.personA.id}:` } },
      data: { status: "SENT", sentAt },
    });
    const d = await load();
    expect(d.reminders.lastManual?.by).toBe("coord-a@test.vn");
    expect(d.reminders.lastManual?.count).toBeGreaterThanOrEqual(2);
    expect(new Date(d.reminders.lastEmailSentAt!).getTime()).toBe(sentAt.getTime());
    const an = d.memberReminders[w.personA.id];
    expect(an.manual).toBe(true);
    expect(an.email).toEqual({ state: "SENT", at: sentAt });
    expect(d.memberReminders[w.personA1.id].email?.state).toBe("PENDING");
  });

  it("does not count another assignment's reminders", async () => {
    const { course } = await makeCourseVersion({ topics: ["khac"] });
    const other = await createAssignment(
      [w.a.path],
      { courseId: course.id, agencyId: w.a.id, dueDays: 30 },
      w.coordA.user.id,
    );
    const res = await call(progressLoader, get(`/assignments/${other.id}`, w.coordA.cookie), {
      assignmentId: other.id,
    });
    const d = res.data as Loaded;
    expect(d.reminders.lastAutomaticAt).toBeNull();
    expect(d.reminders.lastManual).toBeNull();
    expect(d.memberReminders[w.personA.id].noticeAt).toBeNull();
  });
});
