// The app's background work, started once per server process (server.js → entry.server): plan the day's
// assignment reminders and escalations under the advisory lock, then deliver the outbox (REMINDERS_ENABLED);
// hourly, housekeeping, the figures watermark and the month-end snapshots (JOBS_ENABLED).
import { db, dbHandle, type Tx } from "~/db.server";
import { envOf, type RawEnv } from "~/env.server";
import { agencyChain, nearestCoordinators, nearestHeads } from "~/modules/agencies/coordinators.server";
import { reminderMembers } from "~/modules/assignments/assignments.server";
import { housekeeping } from "~/modules/maintenance/housekeeping.server";
import { pollReportMailbox } from "~/modules/phishing/report-mailbox.server";
import { phishingTick, syncDelivered } from "~/modules/phishing/send.server";
import { advanceFigures } from "~/modules/targets/figures-summary.server";
import { ensureMonthlySnapshots } from "~/modules/targets/snapshots.server";
import { sendAssignmentDigests } from "./assigned.server";
import type { MailTransport } from "./mailer.server";
import { DEFAULT_DAYS_BEFORE, type ReminderRow } from "./reminders";
import type { EscalationRecipient } from "./reminders.server";
import {
  schedulerTick,
  startScheduler,
  withAdvisoryLock,
  type Scheduler,
  type SchedulerTickResult,
} from "./scheduler.server";

export type ReminderSettings = {
  enabled: boolean;
  daysBefore: number[];
  intervalMs: number;
  maxPerMinute?: number;
};

/** Reminder settings from the environment (or a test's variables); a bad variable throws with its name. */
export function reminderSettings(raw?: RawEnv): ReminderSettings {
  const env = envOf(raw);
  return {
    enabled: env.REMINDERS_ENABLED,
    daysBefore: env.REMINDER_DAYS_BEFORE,
    intervalMs: env.REMINDER_INTERVAL_SECONDS * 1000,
    maxPerMinute: env.OUTBOX_MAX_PER_MINUTE,
  };
}

/** Members due in one of `daysBefore` days, due today, or overdue — read through `client`. */
export async function loadReminderRows(now: Date, client: Tx, daysBefore: number[]): Promise<ReminderRow[]> {
  const { dueSoon, overdue } = await reminderMembers(now, [...daysBefore, 0], client);
  return [...dueSoon, ...overdue].map((m) => ({ ...m, active: true }));
}

/**
 * Who hears about an agency's overdue people: its coordinators and its heads of unit. Where the agency has
 * none of one kind, the nearest ancestor that has some stands in (a unit's overdue list reaches its sở).
 */
export async function escalationRecipients(
  agencyId: string,
  client: Tx = db,
): Promise<EscalationRecipient[]> {
  const chain = await agencyChain(agencyId, client);
  if (!chain) return [];
  const contacts = [...(await nearestCoordinators(chain, client)), ...(await nearestHeads(chain, client))];
  return contacts.map(({ email, fullName }) => ({ email, fullName }));
}

export type ReminderTickOptions = {
  workerId: string;
  daysBefore?: number[];
  /** Defaults to SMTP from the environment; null keeps emails queued. */
  transport?: MailTransport | null;
  now?: () => Date;
  /** The clock of the reminder and digest planning only (see SchedulerTickOptions.planningNow). */
  planningNow?: () => Date;
  maxPerMinute?: number;
  /** The scheduler's interval, the drills' pace per tick (default REMINDER_INTERVAL_SECONDS). */
  phishingTickMs?: number;
};

/**
 * One scheduler tick over the real assignments: reminders, escalations, new-assignment digests, the
 * phishing drills' queueing (same lock, before the delivery), the outbox; then the drills' "delivered".
 */
export function reminderTick(options: ReminderTickOptions): () => Promise<SchedulerTickResult> {
  const daysBefore = options.daysBefore ?? DEFAULT_DAYS_BEFORE;
  const tick = schedulerTick({
    loadRows: (now, tx) => loadReminderRows(now, tx, daysBefore),
    daysBefore,
    escalateTo: escalationRecipients,
    digest: async (now, tx) => {
      await phishingTick(now, tx, { tickMs: options.phishingTickMs });
      return sendAssignmentDigests(now, tx);
    },
    transport: options.transport,
    workerId: options.workerId,
    now: options.now,
    planningNow: options.planningNow,
    maxPerMinute: options.maxPerMinute,
  });
  return async () => {
    const result = await tick();
    // What this tick sent is delivered now, not one tick later.
    if (result.outbox.sent > 0) await syncDelivered();
    return result;
  };
}

/**
 * Month-end automatic snapshots of the targets (the dashboard's trend line). With PostgreSQL, one server
 * at a time takes them under an advisory lock; embedded PGlite serves a single process, so no lock is needed
 * (and its single connection could not serve the snapshot queries while a lock transaction holds it).
 */
export function takeDueSnapshots(now: Date = new Date()): Promise<number> {
  // Calls in one process run one after another; across processes the advisory lock decides.
  const run = snapshotQueue.then(async () => {
    if (dbHandle().pglite) return ensureMonthlySnapshots(now);
    const r = await withAdvisoryLock("targets.monthly-snapshots", () => ensureMonthlySnapshots(now), 600_000);
    return r.acquired ? r.result : 0;
  });
  snapshotQueue = run.catch(() => 0);
  return run;
}
let snapshotQueue: Promise<number> = Promise.resolve(0);

/**
 * One read of the report mailbox per tick across servers: on PostgreSQL under an advisory lock (the others
 * skip; a Message-ID recorded twice would be refused anyway, but each would log in to the mailbox); embedded
 * PGlite serves one process, whose single connection a lock transaction would hold.
 */
async function pollMailboxOnce(url: string): Promise<void> {
  if (dbHandle().pglite) {
    await pollReportMailbox(new Date(), { url });
    return;
  }
  await withAdvisoryLock("phishing.report-mailbox", () => pollReportMailbox(new Date(), { url }), 300_000);
}

export type BackgroundJobsOptions = {
  /**
   * The day the reminders and digests are planned for (default: the wall clock). Only a test passes it
   * (test/integration/helpers/cluster-app.ts); no environment variable sets it in a real server.
   */
  planningNow?: () => Date;
  /** Called after every finished tick; only a test passes it, to know when one has run. */
  onTick?: () => void;
};

/**
 * The hourly upkeep (JOBS_ENABLED): housekeeping, the figures watermark, the month-end snapshots. Hourly is
 * plenty: deletes are idempotent, the watermark only saves live reads a correction, and snapshots are taken
 * once per month-end under a lock.
 */
async function upkeep(now: Date = new Date()): Promise<void> {
  await housekeeping(now);
  await advanceFigures(now);
  await takeDueSnapshots(now);
}
const UPKEEP_EVERY_MS = 3_600_000;

/**
 * Starts this server process's scheduler: the reminders and the outbox unless REMINDERS_ENABLED=false, the
 * hourly upkeep unless JOBS_ENABLED=false, the report mailbox when PHISHING_REPORT_IMAP_URL is set; none (null)
 * when all are off. Any part alone still ticks every REMINDER_INTERVAL_SECONDS (the upkeep checks the hour on
 * each tick).
 */
export function startBackgroundJobs(raw?: RawEnv, options: BackgroundJobsOptions = {}): Scheduler | null {
  const settings = reminderSettings(raw);
  const upkeepEnabled = envOf(raw).JOBS_ENABLED;
  // The report mailbox ("Báo cáo thư đáng ngờ") is read on every tick when it is configured.
  const reportMailbox = envOf(raw).PHISHING_REPORT_IMAP_URL;
  if (!settings.enabled && !upkeepEnabled && !reportMailbox) return null;
  const workerId = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const reminders = settings.enabled
    ? reminderTick({
        workerId,
        daysBefore: settings.daysBefore,
        planningNow: options.planningNow,
        maxPerMinute: settings.maxPerMinute,
        phishingTickMs: settings.intervalMs,
      })
    : null;
  console.log(
    reminders
      ? `[scheduler] nhắc việc mỗi ${settings.intervalMs / 1000} giây; nhắc trước hạn ${settings.daysBefore.join(", ")} ngày.`
      : "[scheduler] nhắc việc và gửi thư tắt (REMINDERS_ENABLED=false).",
  );
  if (reportMailbox)
    console.log(`[scheduler] đọc hộp thư báo cáo thư đáng ngờ mỗi ${settings.intervalMs / 1000} giây.`);
  if (!upkeepEnabled)
    console.log("[scheduler] dọn dẹp, chỉ số và ảnh chụp cuối tháng tắt (JOBS_ENABLED=false).");
  let lastUpkeep = 0;
  return startScheduler({
    intervalMs: settings.intervalMs,
    tick: async () => {
      await reminders?.();
      if (reportMailbox) {
        // IMAP trouble is logged inside; a database error must not stop the tick either.
        await pollMailboxOnce(reportMailbox).catch((error: unknown) =>
          console.error("[scheduler] hộp thư báo cáo:", error),
        );
      }
      if (upkeepEnabled && Date.now() - lastUpkeep >= UPKEEP_EVERY_MS) {
        lastUpkeep = Date.now();
        await upkeep();
      }
      options.onTick?.();
    },
  });
}
