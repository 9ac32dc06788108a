// The email outbox and in-app notifications. Every row carries a dedupeKey: enqueuing the same key twice is a
// no-op, so reminders stay idempotent across restarts and servers. Workers claim due rows with a short lease.
import { db, type Tx } from "~/db.server";
import { mailFrom, type MailTransport } from "./mailer.server";

export type EmailInput = {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  dedupeKey: string;
  /** Earliest send time; defaults to the database's now(). */
  notBefore?: Date;
  /** Sender of this email (a drill's fictitious sender, `"Name" <addr>`); unset = MAIL_FROM. */
  fromAddress?: string | null;
  /** Extra headers (a drill's X-Hoc-ATTT-Drill). */
  headers?: Record<string, string> | null;
};

export type NotificationInput = {
  personId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  dedupeKey: string;
};

/** Queues emails; rows whose dedupeKey already exists are skipped. Returns how many were inserted. */
export async function enqueueEmails(inputs: EmailInput[], tx?: Tx): Promise<number> {
  if (inputs.length === 0) return 0;
  const { count } = await (tx ?? db).outboxEmail.createMany({
    data: inputs.map((e) => ({
      to: e.to.trim(),
      subject: e.subject,
      text: e.text,
      html: e.html ?? null,
      dedupeKey: e.dedupeKey,
      fromAddress: e.fromAddress ?? null,
      ...(e.headers ? { headers: e.headers } : {}),
      ...(e.notBefore ? { nextAttemptAt: e.notBefore } : {}),
    })),
    skipDuplicates: true,
  });
  return count;
}

/**
 * Queues many emails in one statement (a bulk invitation: thousands at once). Same rules as enqueueEmails —
 * an existing dedupeKey is skipped — but the rows travel as one JSON parameter: Prisma's createMany binds each
 * field separately and took ~1 ms a row here. Returns how many were inserted.
 */
export async function enqueueEmailsBulk(inputs: EmailInput[], tx?: Tx): Promise<number> {
  if (inputs.length === 0) return 0;
  const rows = inputs.map((e) => ({
    to: e.to.trim(),
    subject: e.subject,
    text: e.text,
    html: e.html ?? null,
    dedupeKey: e.dedupeKey,
    notBefore: e.notBefore?.toISOString() ?? null,
    fromAddress: e.fromAddress ?? null,
    headers: e.headers ?? null,
  }));
  return (tx ?? db).$executeRaw`
    INSERT INTO "OutboxEmail" (id, "to", subject, text, html, "dedupeKey", "nextAttemptAt", "fromAddress", headers)
    SELECT gen_random_uuid(), v."to", v.subject, v.text, v.html, v."dedupeKey", coalesce(v."notBefore", now()),
      v."fromAddress", v.headers
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS v("to" text, subject text, text text, html text, "dedupeKey" text, "notBefore" timestamptz,
        "fromAddress" text, headers jsonb)
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}

/** Queues one email; false when its dedupeKey was already used (the email exists, or existed, already). */
export async function enqueueEmail(input: EmailInput, tx?: Tx): Promise<boolean> {
  return (await enqueueEmails([input], tx)) === 1;
}

/** Creates in-app notifications; existing dedupeKeys are skipped. Returns how many were inserted. */
export async function notifyMany(inputs: NotificationInput[], tx?: Tx): Promise<number> {
  if (inputs.length === 0) return 0;
  const { count } = await (tx ?? db).notification.createMany({
    data: inputs.map((n) => ({
      personId: n.personId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? "",
      link: n.link ?? null,
      dedupeKey: n.dedupeKey,
    })),
    skipDuplicates: true,
  });
  return count;
}

/** Creates one in-app notification; false when its dedupeKey was already used. */
export async function notify(input: NotificationInput, tx?: Tx): Promise<boolean> {
  return (await notifyMany([input], tx)) === 1;
}

export const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 6;
export const INACTIVE_RECIPIENT_ERROR = "người nhận đã ngừng hoạt động";

/** Delay before the next try after `attempts` failed tries (1 → 1 min, 2 → 2 min, 3 → 4 min …). */
export function retryDelayMs(attempts: number): number {
  return 2 ** Math.max(0, attempts - 1) * 60_000;
}

export type ProcessOutboxOptions = {
  /** null when sending is disabled: nothing is claimed and emails stay PENDING. */
  transport: MailTransport | null;
  now?: Date;
  batchSize?: number;
  workerId: string;
  from?: string;
};

export type ProcessOutboxResult = {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skippedInactive: number;
};

type ClaimedRow = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attempts: number;
  fromAddress: string | null;
  headers: unknown;
};

/**
 * Claims due PENDING rows under a lease in one statement; concurrent workers never claim the same row. The
 * pick is a MATERIALIZED CTE: as an `IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` subquery the planner could
 * run it more than once and claim more than n rows (seen on PGlite: a batch of 1 claimed 2 or 3).
 */
async function claimBatch(now: Date, batchSize: number): Promise<ClaimedRow[]> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  return db.$queryRaw<ClaimedRow[]>`
    WITH picked AS MATERIALIZED (
      SELECT "id" FROM "OutboxEmail"
      WHERE "status" = 'PENDING'::"OutboxStatus" AND "nextAttemptAt" <= ${now}::timestamptz
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now}::timestamptz)
      ORDER BY "createdAt", "id"
      LIMIT ${batchSize}::int
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "OutboxEmail" o SET "lockedUntil" = ${leaseUntil}::timestamptz
    FROM picked
    WHERE o."id" = picked."id"
    RETURNING o."id", o."to", o."subject", o."text", o."html", o."attempts", o."fromAddress", o."headers"`;
}

/** The row's extra headers as name → text, or null when there are none (a non-object is ignored). */
function headerObject(value: unknown): Record<string, string> | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const entries = Object.entries(value).filter(([, v]) => typeof v === "string") as [string, string][];
  return entries.length ? Object.fromEntries(entries) : null;
}

function errorMessage(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.slice(0, 1000);
}

/** Sends one batch of due emails: SENT on success, a backed-off retry on failure, FAILED after 6 tries. */
export async function processOutbox(options: ProcessOutboxOptions): Promise<ProcessOutboxResult> {
  const result: ProcessOutboxResult = { claimed: 0, sent: 0, retried: 0, failed: 0, skippedInactive: 0 };
  const { transport, workerId } = options;
  if (!transport) return result;
  const now = options.now ?? new Date();
  const from = options.from ?? mailFrom();
  const rows = await claimBatch(now, options.batchSize ?? 50);
  result.claimed = rows.length;
  if (rows.length === 0) return result;

  const emails = [...new Set(rows.map((r) => r.to.trim().toLowerCase()))];
  const inactive = new Set(
    (
      await db.person.findMany({
        where: { email: { in: emails, mode: "insensitive" }, active: false },
        select: { email: true },
      })
    ).map((p) => p.email.toLowerCase()),
  );

  for (const row of rows) {
    const mine = { id: row.id, status: "PENDING" as const };
    if (inactive.has(row.to.trim().toLowerCase())) {
      await db.outboxEmail.updateMany({
        where: mine,
        data: { status: "FAILED", lastError: INACTIVE_RECIPIENT_ERROR, lockedUntil: null },
      });
      result.skippedInactive++;
      continue;
    }
    try {
      const headers = headerObject(row.headers);
      await transport.sendMail({
        from: row.fromAddress ?? from,
        to: row.to,
        subject: row.subject,
        text: row.text,
        ...(row.html ? { html: row.html } : {}),
        ...(headers ? { headers } : {}),
      });
      await db.outboxEmail.updateMany({
        where: mine,
        data: { status: "SENT", sentAt: now, attempts: row.attempts + 1, lockedUntil: null, lastError: null },
      });
      result.sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const lastError = `[${workerId}] ${errorMessage(err)}`;
      if (attempts >= MAX_ATTEMPTS) {
        await db.outboxEmail.updateMany({
          where: mine,
          data: { status: "FAILED", attempts, lastError, lockedUntil: null },
        });
        result.failed++;
      } else {
        await db.outboxEmail.updateMany({
          where: mine,
          data: {
            attempts,
            lastError,
            lockedUntil: null,
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
          },
        });
        result.retried++;
      }
    }
  }
  return result;
}
