// A tiny in-process scheduler: runs a tick every interval, never two at once. With several app servers,
// reminder planning runs under a PostgreSQL advisory lock (one server at a time); outbox processing is
// safe everywhere thanks to the per-row lease.
import { LONG_TX, db, type Tx } from "~/db.server";
import { createTransportFromEnv, type MailTransport } from "./mailer.server";
import { processOutbox, type ProcessOutboxResult } from "./outbox.server";
import type { DigestResult } from "./assigned.server";
import type { ReminderRow } from "./reminders";
import { sendReminders, type EscalationRecipient, type SendRemindersResult } from "./reminders.server";

export type SchedulerOptions = {
  intervalMs: number;
  tick: () => Promise<void>;
  /** Run the first tick right away instead of after one interval (default true). */
  runImmediately?: boolean;
  onError?: (err: unknown) => void;
};

export type Scheduler = { stop(): Promise<void>; readonly running: boolean };

const g = globalThis as unknown as { __notificationScheduler?: Scheduler };

/** Starts the process's scheduler (replacing one already started, e.g. after a dev rebuild). */
export function startScheduler(options: SchedulerOptions): Scheduler {
  void g.__notificationScheduler?.stop();
  const scheduler = createScheduler(options);
  g.__notificationScheduler = scheduler;
  return scheduler;
}

/** A scheduler that is not registered as the process's own (tests run two of them, like two servers). */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const onError = options.onError ?? ((err) => console.error("[scheduler] tick failed:", err));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | null = null;

  const run = () => {
    timer = undefined;
    if (stopped) return;
    current = options
      .tick()
      .catch(onError)
      .finally(() => {
        current = null;
        if (!stopped) timer = setTimeout(run, options.intervalMs);
      });
  };

  const scheduler: Scheduler = {
    get running() {
      return current !== null;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (g.__notificationScheduler === scheduler) g.__notificationScheduler = undefined;
      await current;
    },
  };
  timer = setTimeout(run, options.runImmediately === false ? options.intervalMs : 0);
  return scheduler;
}

/** Stops the process's scheduler, waiting for a running tick to finish. */
export async function stopScheduler(): Promise<void> {
  await g.__notificationScheduler?.stop();
}

export const REMINDER_LOCK_KEY = "notifications.reminders";

/**
 * Runs `fn` inside a transaction holding pg_try_advisory_xact_lock(hashtext(key)); returns acquired:false
 * without running it when another server holds the lock. The lock is released when the transaction ends.
 */
export async function withAdvisoryLock<T>(
  key: string,
  fn: (tx: Tx) => Promise<T>,
  timeoutMs: number = LONG_TX.timeout,
): Promise<{ acquired: true; result: T } | { acquired: false }> {
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<
        { ok: boolean }[]
      >`SELECT pg_try_advisory_xact_lock(hashtext(${key})) AS "ok"`;
      if (!row?.ok) return { acquired: false as const };
      return { acquired: true as const, result: await fn(tx) };
    },
    { timeout: timeoutMs, maxWait: 10_000 },
  );
}

export type SchedulerTickOptions = {
  /** The member rows to consider (due soon and overdue), read through `tx` when possible. */
  loadRows: (now: Date, tx: Tx) => Promise<ReminderRow[]>;
  daysBefore?: number[];
  escalateTo?: (agencyId: string, client: Tx) => Promise<EscalationRecipient[]>;
  /** Extra planning in the same locked transaction (the "new assignments" digest). */
  digest?: (now: Date, tx: Tx) => Promise<DigestResult>;
  /** Defaults to createTransportFromEnv(); null disables sending. */
  transport?: MailTransport | null;
  workerId: string;
  now?: () => Date;
  /**
   * The clock of the reminder and digest planning only, when it differs from `now` (which the outbox keeps):
   * test/integration/helpers/cluster-app.ts fixes the day the cluster plans for. Defaults to `now`.
   */
  planningNow?: () => Date;
  batchSize?: number;
  /** Outbox batches per tick at most (default 10). */
  maxBatches?: number;
  /**
   * Emails sent per minute at most, across every server (OUTBOX_MAX_PER_MINUTE): the tick sends only what the
   * last 60 s of SENT rows leave of it, so a 30,000-person invitation drains at a pace the mail relay accepts.
   */
  maxPerMinute?: number;
};

export type SchedulerTickResult = {
  reminders: SendRemindersResult | null;
  /** null when another server held the lock or no digest was configured. */
  digests: DigestResult | null;
  outbox: ProcessOutboxResult;
};

/** How many more emails the per-minute limit allows now (SENT rows of the last 60 s count against it). */
export async function sendBudget(now: Date, maxPerMinute: number): Promise<number> {
  const sent = await db.outboxEmail.count({
    where: { status: "SENT", sentAt: { gt: new Date(now.getTime() - 60_000) } },
  });
  return Math.max(0, maxPerMinute - sent);
}

/** One tick: plan reminders under the advisory lock (skipped if another server has it), then drain the outbox. */
export function schedulerTick(options: SchedulerTickOptions): () => Promise<SchedulerTickResult> {
  const transport = options.transport === undefined ? createTransportFromEnv() : options.transport;
  return async () => {
    const now = options.now?.() ?? new Date();
    const planAt = options.planningNow?.() ?? now;
    const planned = await withAdvisoryLock(REMINDER_LOCK_KEY, async (tx) => ({
      reminders: await sendReminders({
        rows: await options.loadRows(planAt, tx),
        now: planAt,
        daysBefore: options.daysBefore,
        escalateTo: options.escalateTo,
        tx,
      }),
      digests: options.digest ? await options.digest(planAt, tx) : null,
    }));
    const outbox: ProcessOutboxResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skippedInactive: 0 };
    const batchSize = options.batchSize ?? 50;
    let budget = transport && options.maxPerMinute ? await sendBudget(now, options.maxPerMinute) : Infinity;
    for (let i = 0; i < (options.maxBatches ?? 10) && budget > 0; i++) {
      const size = Math.min(batchSize, budget);
      const r = await processOutbox({ transport, now, batchSize: size, workerId: options.workerId });
      budget -= r.claimed;
      outbox.claimed += r.claimed;
      outbox.sent += r.sent;
      outbox.retried += r.retried;
      outbox.failed += r.failed;
      outbox.skippedInactive += r.skippedInactive;
      if (r.claimed < size) break;
    }
    return {
      reminders: planned.acquired ? planned.result.reminders : null,
      digests: planned.acquired ? planned.result.digests : null,
      outbox,
    };
  };
}
