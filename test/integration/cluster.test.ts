// Several serving processes on PostgreSQL (issue 14, point 1): two real workers under the real primary
// (test/integration/helpers/cluster-app.ts: server/primary.js + server/worker.js + the app's background jobs)
// run every due job exactly once between them — reminders, new-assignment digests, the outbox, month-end
// snapshots — also across a graceful restart; the restart fails no request; a worker that dies is replaced;
// SIGTERM lets the request in flight finish and exits 0. PostgreSQL only: PGlite is one process (decision 001).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { enqueueEmailsBulk } from "~/modules/notifications/outbox.server";
import { ensureMonthlySnapshots } from "~/modules/targets/snapshots.server";
import { addMonthsVn, endOfVnDay, vnCalendarDay } from "~/utils/vn-calendar";
import { makeCourseVersion } from "../fixtures/courses";
import { makeAgency, makePerson, makePlan, makeTarget } from "../fixtures/factories";
import { budget, get, startCluster as start, until, within, workerPids } from "../support/cluster";
import { startSmtp, type TestSmtp } from "./helpers/smtp";

const DAY = 24 * 60 * 60 * 1000;
const APP = "test/integration/helpers/cluster-app.ts";

/** Starts the primary with its workers (CLUSTER_WORKERS); resolves once every one of them listens. */
const startCluster = (env: Record<string, string>, limitMs?: number) => start(APP, env, limitMs);

/** The test's "now": the wall clock, or CLUSTER_TEST_NOW (an ISO instant) to replay a run at a given time. */
function testNow(): Date {
  const raw = process.env.CLUSTER_TEST_NOW;
  if (raw === undefined) return new Date();
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(at.getTime()))
    throw new Error(`CLUSTER_TEST_NOW: not an ISO instant: ${JSON.stringify(raw)}`);
  return at;
}

describe.skipIf(process.env.TEST_DB !== "postgres")("WEB_CONCURRENCY workers on PostgreSQL", () => {
  let smtp: TestSmtp;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  // Two to four processes start on a machine that may be busy: generous limits, nothing is timed. Each wait
  // fails by itself, with the cluster's output, before the test's timeout would (left() shares the budget).
  it(
    "runs each due job once across two workers and a graceful restart, which fails no request",
    { timeout: 300_000 },
    async () => {
      const left = budget(285_000);
      // The workers plan for this instant (CLUSTER_APP_PLANNING_NOW), not for the wall clock: a run crossing
      // midnight in Vietnam (17:00 UTC) would make the members two days late, a day without reminders.
      // CLUSTER_TEST_NOW (an ISO instant) replays such a run, e.g. 2026-12-03T16:59:50Z.
      const now = testNow();
      // Due work: 150 queued emails (three batches), three overdue members of a new assignment (told once by
      // a digest and reminded once), and a plan whose month-ends since three months ago need a snapshot.
      const so = await makeAgency({ name: "Sở Thử Nhiều Tiến Trình" });
      const coordinatorPerson = await makePerson({ agencyId: so.id, fullName: "Lương Thị Hà" });
      const coordinator = await db.user.create({
        data: { email: coordinatorPerson.email, personId: coordinatorPerson.id },
      });
      await db.roleGrant.create({ data: { userId: coordinator.id, role: "COORDINATOR", agencyId: so.id } });
      const { course } = await makeCourseVersion({
        title: "An toàn thông tin cơ bản",
        topics: ["attt-co-ban"],
      });
      const assignment = await db.assignment.create({
        data: { courseId: course.id, createdById: coordinator.id, agencyId: so.id },
      });
      const yesterday = endOfVnDay(vnCalendarDay(new Date(+now - DAY))); // overdue since today: reminded today
      const members = [];
      for (const fullName of ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]) {
        const p = await makePerson({ agencyId: so.id, fullName });
        await db.assignmentMember.create({
          data: { assignmentId: assignment.id, personId: p.id, source: "RULE", dueAt: yesterday },
        });
        members.push(p);
      }
      await enqueueEmailsBulk(
        Array.from({ length: 150 }, (_, i) => ({
          to: `hang.doi.${i}@test.gov.vn`,
          subject: `Thư thử ${i}`,
          text: "Nội dung",
          dedupeKey: `cluster-test:${i}`,
        })),
      );
      const plan = await makePlan({
        documentNumber: "02/KH-CLUSTER",
        agencyId: so.id,
        startsAt: addMonthsVn(now, -3),
      });
      await makeTarget({ planId: plan.id, deadline: addMonthsVn(now, 6) });

      const cluster = await startCluster(
        {
          CLUSTER_WORKERS: "2",
          SMTP_HOST: "127.0.0.1",
          SMTP_PORT: String(smtp.port),
          MAIL_FROM: "hoc@test.gov.vn",
          REMINDER_INTERVAL_SECONDS: "10",
          CLUSTER_APP_PLANNING_NOW: now.toISOString(),
        },
        left(120_000),
      );
      const { report } = cluster;
      try {
        expect(cluster.out().match(/\[scheduler\]/g)).toHaveLength(2); // both workers run the jobs
        const first = workerPids(cluster.child.pid!);
        expect(first).toHaveLength(2);
        await until(
          async () => (await db.outboxEmail.count({ where: { status: "PENDING" } })) === 0,
          "the outbox to drain",
          { limitMs: left(120_000), report },
        );

        // A graceful restart (SIGHUP) under requests from 6 keep-alive clients: every one answered.
        const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
        let done = false;
        const answers: string[] = [];
        const errors: unknown[] = [];
        let unanswered = 0;
        const loops = Array.from({ length: 6 }, async () => {
          while (!done) {
            unanswered++;
            try {
              const r = await get(cluster.port, agent);
              if (r.status === 200) answers.push(r.body);
              else errors.push(`${r.status} ${r.body}`);
            } catch (error) {
              errors.push(error);
            } finally {
              unanswered--;
            }
          }
        });
        const clients = () => `${answers.length} answers, ${errors.length} errors, ${unanswered} unanswered`;
        const withClients = { report: () => `${clients()}\n${report()}` };
        await until(() => answers.length > 50, "answers before the restart", {
          limitMs: left(60_000),
          ...withClients,
        });
        cluster.child.kill("SIGHUP");
        await until(() => cluster.out().includes("đã khởi động lại xong"), "the restart", {
          limitMs: left(180_000),
          ...withClients,
        });
        const count = answers.length;
        await until(() => answers.length > count + 50, "answers after the restart", {
          limitMs: left(60_000),
          ...withClients,
        });
        done = true;
        // A request the restart lost would never be answered (test/unit/cluster-restart.test.ts).
        await within(Promise.all(loops), "the last requests", { limitMs: left(60_000), ...withClients });
        agent.destroy();
        expect(errors, report()).toEqual([]);
        const second = workerPids(cluster.child.pid!);
        expect(second, report()).toHaveLength(2);
        expect(second.some((pid) => first.includes(pid))).toBe(false);
        const served = new Set(answers);
        for (const pid of [...first, ...second]) expect(served.has(String(pid))).toBe(true);

        // The new workers ran their first tick too; SIGTERM waits for running ticks, then exits 0.
        await until(
          () => (cluster.out().match(/\[scheduler\]/g) ?? []).length === 4,
          "the new workers' jobs",
          { limitMs: left(90_000), report },
        );
        cluster.child.kill("SIGTERM");
        expect(
          await within(cluster.exited, "the exit after SIGTERM", { limitMs: left(60_000), report }),
        ).toBe(0);
      } finally {
        cluster.child.kill("SIGKILL");
      }

      // Every email reached the SMTP server exactly once, although four workers drained the outbox.
      const letters = smtp.inbox.map((m) => `${m.to.join(",")} ${m.subject}`);
      expect(new Set(letters).size).toBe(letters.length);
      const queued = smtp.inbox.filter((m) => m.subject.startsWith("Thư thử "));
      expect(queued).toHaveLength(150);
      expect(new Set(queued.map((m) => m.subject)).size).toBe(150);
      expect(await db.outboxEmail.count({ where: { status: { not: "SENT" } } })).toBe(0);
      // Each member: one digest of the new assignment and one overdue reminder, in the app and by email.
      for (const p of members) {
        const kinds = (await db.notification.findMany({ where: { personId: p.id } }))
          .map((n) => n.kind)
          .sort();
        expect(kinds).toHaveLength(2);
        expect(new Set(kinds).size).toBe(2);
        expect(smtp.inbox.filter((m) => m.to.includes(p.email.toLowerCase()))).toHaveLength(2);
      }
      // One automatic snapshot per month-end, and none left to take.
      const snapshots = await db.snapshot.findMany({ where: { planId: plan.id, automatic: true } });
      expect(snapshots.length).toBeGreaterThanOrEqual(2);
      expect(new Set(snapshots.map((s) => s.asOf.getTime())).size).toBe(snapshots.length);
      expect(await ensureMonthlySnapshots(now)).toBe(0);
    },
  );

  it(
    "replaces a worker that dies, and lets the request in flight finish on SIGTERM",
    { timeout: 180_000 },
    async () => {
      const left = budget(170_000);
      const cluster = await startCluster(
        { CLUSTER_WORKERS: "2", REMINDERS_ENABLED: "false", JOBS_ENABLED: "false" },
        left(120_000),
      );
      const { report } = cluster;
      try {
        const [victim, other] = workerPids(cluster.child.pid!);
        process.kill(victim!, "SIGKILL");
        await until(
          async () => {
            const pids = workerPids(cluster.child.pid!);
            return pids.length === 2 && !pids.includes(victim!);
          },
          "a replacement worker",
          { limitMs: left(60_000), report },
        );
        expect(workerPids(cluster.child.pid!)).toContain(other);
        const agent = new http.Agent({ keepAlive: true });
        await until(async () => (await get(cluster.port, agent)).body !== String(victim), "the replacement", {
          limitMs: left(30_000),
          report,
        });

        const slow = get(cluster.port, agent, "/slow?ms=1500");
        await new Promise((r) => setTimeout(r, 300));
        cluster.child.kill("SIGTERM");
        expect((await within(slow, "the slow answer", { limitMs: left(30_000), report })).status).toBe(200);
        expect(
          await within(cluster.exited, "the exit after SIGTERM", { limitMs: left(60_000), report }),
        ).toBe(0);
        agent.destroy();
      } finally {
        cluster.child.kill("SIGKILL");
      }
    },
  );
});
