// The drills' share of the scheduler tick (jobs.server.ts runs it under the reminders' advisory lock, before
// the outbox delivery): the kill switch, starting and finishing campaigns, queueing each recipient's email
// at the campaign's pace, copying "delivered" from the outbox, and escalating repeat clickers.
import { LONG_TX, db, type Tx } from "~/db.server";
import { getEnv } from "~/env.server";
import { Prisma } from "~/generated/prisma/client";
import { translate } from "~/i18n";
import { agencyChain, nearestCoordinators } from "~/modules/agencies/coordinators.server";
import { publicBaseUrl } from "~/modules/auth/config.server";
import { audit } from "~/modules/audit/audit.server";
import { enqueueEmails, notifyMany } from "~/modules/notifications/outbox.server";
import { formatDay } from "~/utils/vn-calendar";
import { sendableMailDomains } from "./plan.server";
import { renderDrillEmail } from "./render";
import { signWithKey } from "./token.server";
import { DRILL_HEADER, DRILL_PATHS } from "./urls";

type Client = typeof db | Tx;

/** lastError of a drill email taken back by the kill switch; such a row is queued again when it is lifted. */
export const KILLED_ERROR = "dừng khẩn cấp";
/** Why a paused or stopped campaign's waiting emails were taken back (resuming queues them again). */
export const PAUSED_ERROR = "diễn tập tạm dừng";
export const STOPPED_ERROR = "diễn tập đã dừng";
const KEY_PREFIX = "phish:";

export type PhishingTickOptions = {
  /** The scheduler's interval: a campaign queues at most maxPerMinute × this many minutes in one tick. */
  tickMs?: number;
  /** PHISHING_ENABLED / PHISHING_ALLOWED_DOMAINS, given by a test; default: the environment. */
  enabled?: boolean;
  allowedDomains?: string[];
};

export type PhishingTickResult = {
  killed: boolean;
  withdrawn: number;
  started: number;
  queued: number;
  delivered: number;
  finished: number;
  escalated: number;
};

/** Whether drills are stopped: the admin's switch (PhishingSettings.killedAt) or PHISHING_ENABLED=false. */
export async function drillsKilled(
  client: Client = db,
  enabled = getEnv().PHISHING_ENABLED,
): Promise<boolean> {
  if (!enabled) return true;
  const s = await client.phishingSettings.findUnique({ where: { id: 1 }, select: { killedAt: true } });
  return s?.killedAt != null;
}

/**
 * Takes every PENDING drill email back from the outbox (FAILED, "dừng khẩn cấp") and marks its recipient not
 * queued, so lifting the switch sends it after all. A row a worker holds under its lease is being sent right
 * now and is left to finish: taking it back would lose the fact that it went out.
 */
export async function withdrawDrillEmails(
  now: Date,
  client: Client = db,
  only?: { campaignId: string; reason: string },
): Promise<number> {
  const ofCampaign = only
    ? Prisma.sql`AND "dedupeKey" = ANY(SELECT 'phish:' || id::text FROM "PhishingRecipient"
        WHERE "campaignId" = ${only.campaignId}::uuid)`
    : Prisma.empty;
  const rows = await client.$queryRaw<{ id: string }[]>`
    WITH w AS (
      UPDATE "OutboxEmail" SET status = 'FAILED'::"OutboxStatus", "lastError" = ${only?.reason ?? KILLED_ERROR}
      WHERE status = 'PENDING'::"OutboxStatus" AND "dedupeKey" LIKE 'phish:%' ${ofCampaign}
        AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now}::timestamptz)
      RETURNING substr("dedupeKey", ${KEY_PREFIX.length + 1}) AS id
    )
    UPDATE "PhishingRecipient" r SET "queuedAt" = NULL FROM w WHERE r.id = w.id::uuid
    RETURNING r.id`;
  return rows.length;
}

/** Copies the outbox's SENT time of each queued drill email into deliveredAt, once. */
export async function syncDelivered(client: Client = db): Promise<number> {
  return client.$executeRaw`
    UPDATE "PhishingRecipient" r SET "deliveredAt" = o."sentAt"
    FROM "OutboxEmail" o
    WHERE r."queuedAt" IS NOT NULL AND r."deliveredAt" IS NULL
      AND o."dedupeKey" = 'phish:' || r.id::text AND o.status = 'SENT'::"OutboxStatus"`;
}

/** True when `email`'s domain is one of `domains` or a subdomain of one. */
export function domainAllowed(email: string, domains: string[]): boolean {
  const domain = email.trim().toLowerCase().split("@")[1] ?? "";
  return domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** SQL test of the same rule, for the queueing query (an empty list allows nothing). */
function domainSql(domains: string[]): Prisma.Sql {
  if (domains.length === 0) return Prisma.sql`FALSE`;
  const like = domains.map((d) => `%.${d}`);
  return Prisma.sql`(lower(split_part(r.email, '@', 2)) = ANY(${domains}::text[])
    OR lower(split_part(r.email, '@', 2)) LIKE ANY(${like}::text[]))`;
}

/** Recipients the campaign may still send to: due by `until`, not queued or cancelled, active, allowed domain. */
function sendable(campaignId: string, domains: string[]): Prisma.Sql {
  return Prisma.sql`r."campaignId" = ${campaignId}::uuid AND r."queuedAt" IS NULL AND r."cancelledAt" IS NULL
    AND p.active AND ${domainSql(domains)}`;
}

type DueRow = {
  id: string;
  email: string;
  templateVersionId: string;
  fullName: string;
  agencyName: string;
};

type CampaignRow = {
  id: string;
  maxPerMinute: number;
  trackOpens: boolean;
  startedAt: Date | null;
  lastQueuedAt: Date | null;
};

/**
 * How many emails a campaign may queue now: maxPerMinute for every minute since its previous queueing,
 * at most one tick's worth (a paused or quiet campaign does not save up a burst). The outbox's own
 * OUTBOX_MAX_PER_MINUTE still paces the actual sending across every kind of email.
 */
export function queueBudget(
  c: { maxPerMinute: number; lastQueuedAt: Date | null },
  now: Date,
  tickMs: number,
): number {
  const elapsed = c.lastQueuedAt ? Math.max(0, now.getTime() - c.lastQueuedAt.getTime()) : tickMs;
  return Math.floor((c.maxPerMinute * Math.min(elapsed, tickMs)) / 60_000);
}

async function queueCampaign(
  c: CampaignRow,
  now: Date,
  budget: number,
  domains: string[],
  tx: Tx,
  key: Buffer,
): Promise<number> {
  if (budget <= 0) return 0;
  const due = await tx.$queryRaw<DueRow[]>`
    SELECT r.id, r.email, r."templateVersionId", p."fullName", a.name AS "agencyName"
    FROM "PhishingRecipient" r
    JOIN "Person" p ON p.id = r."personId"
    JOIN "Agency" a ON a.id = r."agencyId"
    WHERE ${sendable(c.id, domains)} AND r."scheduledAt" <= ${now}::timestamptz
    ORDER BY r."scheduledAt", r.id
    LIMIT ${budget}::int`;
  if (due.length === 0) return 0;
  const versionIds = [...new Set(due.map((d) => d.templateVersionId))];
  const versions = new Map(
    (
      await tx.phishingTemplateVersion.findMany({
        where: { id: { in: versionIds } },
        select: {
          id: true,
          senderName: true,
          senderAddress: true,
          subject: true,
          emailHtml: true,
          emailText: true,
        },
      })
    ).map((v) => [v.id, v]),
  );
  const base = publicBaseUrl();
  const date = formatDay(now);
  const rows = due.map((d) => {
    const v = versions.get(d.templateVersionId)!;
    const token = signWithKey(key, d.id);
    const mail = renderDrillEmail(v, {
      fullName: d.fullName,
      email: d.email,
      agency: d.agencyName,
      date,
      link: base + DRILL_PATHS.click(token),
      reportLink: base + DRILL_PATHS.report(token),
      pixelUrl: c.trackOpens ? base + DRILL_PATHS.open(token) : null,
    });
    return {
      to: d.email.trim(),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      dedupeKey: KEY_PREFIX + d.id,
      fromAddress: `"${v.senderName.replace(/["\\\r\n]/g, "")}" <${v.senderAddress}>`,
      headers: { [DRILL_HEADER]: token },
    };
  });
  // One statement per chunk; a row the kill switch or a pause took back is put back as new (same dedupeKey).
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.$executeRaw`
      INSERT INTO "OutboxEmail" AS o (id, "to", subject, text, html, "dedupeKey", "fromAddress", headers, "nextAttemptAt")
      SELECT gen_random_uuid(), v."to", v.subject, v.text, v.html, v."dedupeKey", v."fromAddress", v.headers,
        ${now}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 1000))}::jsonb)
        AS v("to" text, subject text, text text, html text, "dedupeKey" text, "fromAddress" text, headers jsonb)
      ON CONFLICT ("dedupeKey") DO UPDATE SET status = 'PENDING'::"OutboxStatus", attempts = 0,
        "lastError" = NULL, "lockedUntil" = NULL, "nextAttemptAt" = EXCLUDED."nextAttemptAt",
        "to" = EXCLUDED."to", subject = EXCLUDED.subject, text = EXCLUDED.text, html = EXCLUDED.html,
        "fromAddress" = EXCLUDED."fromAddress", headers = EXCLUDED.headers
      WHERE o.status = 'FAILED'::"OutboxStatus" AND o."lastError" = ANY(${[KILLED_ERROR, PAUSED_ERROR]}::text[])`;
  }
  await tx.$executeRaw`
    UPDATE "PhishingRecipient" SET "queuedAt" = ${now}::timestamptz
    WHERE id = ANY(${due.map((d) => d.id)}::uuid[]) AND "queuedAt" IS NULL`;
  return due.length;
}

/** Campaigns past their window with nothing left to queue and no drill email waiting → FINISHED. */
async function finishCampaigns(now: Date, domains: string[], tx: Tx): Promise<number> {
  const candidates = await tx.phishingCampaign.findMany({
    where: { status: "RUNNING", windowEnd: { lt: now } },
    select: { id: true, agencyId: true },
  });
  let finished = 0;
  for (const c of candidates) {
    const [left] = await tx.$queryRaw<{ left: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM "PhishingRecipient" r JOIN "Person" p ON p.id = r."personId" WHERE ${sendable(c.id, domains)}
      ) OR EXISTS (
        SELECT 1 FROM "PhishingRecipient" r JOIN "OutboxEmail" o ON o."dedupeKey" = 'phish:' || r.id::text
        WHERE r."campaignId" = ${c.id}::uuid AND r."queuedAt" IS NOT NULL AND o.status = 'PENDING'::"OutboxStatus"
      ) AS left`;
    if (left?.left) continue;
    const n = await tx.phishingCampaign.updateMany({
      where: { id: c.id, status: "RUNNING" },
      data: { status: "FINISHED", finishedAt: now },
    });
    if (n.count === 1) {
      finished++;
      await audit(
        {
          actorUserId: null,
          action: "phishing.campaign.finish",
          entityType: "PhishingCampaign",
          entityId: c.id,
          agencyId: c.agencyId,
        },
        tx,
      );
    }
  }
  return finished;
}

type RepeatRow = {
  id: string;
  personId: string;
  fullName: string;
  email: string;
  personAgencyId: string;
  campaignName: string;
};

/**
 * Repeat clickers: a recipient who clicked or submitted, whose person had already clicked or submitted in
 * another campaign before, and who was not escalated yet. Their nearest coordinators hear of it by email
 * and in-app (deduplicated per recipient and coordinator); escalatedAt is set in the same transaction.
 */
export async function escalateRepeatClickers(now: Date, tx: Tx, limit = 500): Promise<number> {
  const rows = await tx.$queryRaw<RepeatRow[]>`
    SELECT r.id, r."personId", p."fullName", p.email, p."agencyId" AS "personAgencyId", c.name AS "campaignName"
    FROM "PhishingRecipient" r
    JOIN "Person" p ON p.id = r."personId"
    JOIN "PhishingCampaign" c ON c.id = r."campaignId"
    WHERE r."escalatedAt" IS NULL AND (r."clickedAt" IS NOT NULL OR r."submittedAt" IS NOT NULL)
      AND EXISTS (
        SELECT 1 FROM "PhishingRecipient" e
        WHERE e."personId" = r."personId" AND e."campaignId" <> r."campaignId"
          AND least(e."clickedAt", e."submittedAt") < least(r."clickedAt", r."submittedAt")
      )
    ORDER BY r.id
    LIMIT ${limit}::int`;
  const base = publicBaseUrl();
  for (const r of rows) {
    const chain = await agencyChain(r.personAgencyId, tx);
    const coordinators = chain ? await nearestCoordinators(chain, tx) : [];
    const params = { name: r.fullName, email: r.email, campaign: r.campaignName };
    const title = translate("vi", "phishingDrill.escalate.subject", params);
    const body = translate("vi", "phishingDrill.escalate.body", params);
    const link = `/people/${r.personId}`;
    await enqueueEmails(
      coordinators.map((c) => ({
        to: c.email,
        subject: title,
        text: `${translate("vi", "phishingDrill.escalate.greeting", { name: c.fullName })}\n\n${body}\n\n${base}${link}`,
        dedupeKey: `phish-escalate:${r.id}:${c.email.toLowerCase()}`,
      })),
      tx,
    );
    await notifyMany(
      coordinators
        .filter((c) => c.personId)
        .map((c) => ({
          personId: c.personId!,
          kind: "phishing.repeat-clicker",
          title,
          body,
          link,
          dedupeKey: `phish-escalate:${r.id}:${c.personId}`,
        })),
      tx,
    );
    await tx.phishingRecipient.updateMany({
      where: { id: r.id, escalatedAt: null },
      data: { escalatedAt: now },
    });
  }
  return rows.length;
}

async function inTx<T>(client: Client, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // A transaction object has $transaction too (nested ones, which PGlite's adapter refuses): compare with db.
  return client === db ? db.$transaction(fn, LONG_TX) : fn(client as Tx);
}

/** One tick of the drills; `client` is the scheduler's locked transaction (or the database in a test). */
export async function phishingTick(
  now: Date,
  client: Client = db,
  options: PhishingTickOptions = {},
): Promise<PhishingTickResult> {
  const env = getEnv();
  const enabled = options.enabled ?? env.PHISHING_ENABLED;
  const domains = (options.allowedDomains ?? sendableMailDomains()).map((d) => d.toLowerCase());
  const tickMs = options.tickMs ?? env.REMINDER_INTERVAL_SECONDS * 1000;
  const result: PhishingTickResult = {
    killed: false,
    withdrawn: 0,
    started: 0,
    queued: 0,
    delivered: 0,
    finished: 0,
    escalated: 0,
  };
  return inTx(client, async (tx) => {
    result.delivered = await syncDelivered(tx);
    if (await drillsKilled(tx, enabled)) {
      result.killed = true;
      result.withdrawn = await withdrawDrillEmails(now, tx);
      return result;
    }
    const starting = await tx.phishingCampaign.findMany({
      where: { status: "SCHEDULED", windowStart: { lte: now } },
      select: { id: true, agencyId: true },
    });
    for (const c of starting) {
      const n = await tx.phishingCampaign.updateMany({
        where: { id: c.id, status: "SCHEDULED" },
        data: { status: "RUNNING", startedAt: now },
      });
      if (n.count === 1) {
        result.started++;
        await audit(
          {
            actorUserId: null,
            action: "phishing.campaign.start",
            entityType: "PhishingCampaign",
            entityId: c.id,
            agencyId: c.agencyId,
          },
          tx,
        );
      }
    }
    const running = await tx.$queryRaw<CampaignRow[]>`
      SELECT c.id, c."maxPerMinute", c."trackOpens", c."startedAt",
        (SELECT max(r."queuedAt") FROM "PhishingRecipient" r WHERE r."campaignId" = c.id) AS "lastQueuedAt"
      FROM "PhishingCampaign" c WHERE c.status = 'RUNNING'::"PhishingCampaignStatus"`;
    if (running.length > 0) {
      // Read through the transaction: on PGlite its one connection is held by it.
      const settings = await tx.phishingSettings.findUniqueOrThrow({
        where: { id: 1 },
        select: { tokenKey: true },
      });
      const key = Buffer.from(settings.tokenKey);
      for (const c of running)
        result.queued += await queueCampaign(c, now, queueBudget(c, now, tickMs), domains, tx, key);
    }
    result.finished = await finishCampaigns(now, domains, tx);
    result.escalated = await escalateRepeatClickers(now, tx);
    return result;
  });
}

export type KillSwitchState = { killedAt: Date | null; envDisabled: boolean };

/** The kill switch as the admin page shows it: the admin's switch and the environment's. */
export async function killSwitchState(): Promise<KillSwitchState> {
  const s = await db.phishingSettings.findUnique({ where: { id: 1 }, select: { killedAt: true } });
  return { killedAt: s?.killedAt ?? null, envDisabled: !getEnv().PHISHING_ENABLED };
}

/**
 * The admin's emergency stop of every drill (or its lifting), audited. Stopping also withdraws the waiting
 * drill emails at once, in the same transaction, rather than at the next tick.
 */
export async function setKillSwitch(actorUserId: string, killed: boolean, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.phishingSettings.update({
      where: { id: 1 },
      data: killed ? { killedAt: now, killedById: actorUserId } : { killedAt: null, killedById: null },
    });
    const withdrawn = killed ? await withdrawDrillEmails(now, tx) : 0;
    await audit(
      {
        actorUserId,
        action: killed ? "phishing.kill" : "phishing.unkill",
        entityType: "PhishingSettings",
        entityId: "1",
        data: killed ? { withdrawn } : {},
      },
      tx,
    );
  });
}
