// Planning a drill when it is approved: one recipient row per person of the audience, each with a template
// drawn from the campaign's rotation and a send time at random over the working hours of the send window,
// and the follow-up assignment the click handler adds people to. Set-based (one INSERT … SELECT), so 30,000
// recipients plan in one statement; the caller holds the transaction (approval + planning are one).
import type { Tx } from "~/db.server";
import { getEnv } from "~/env.server";
import { Prisma, type PhishingCampaign } from "~/generated/prisma/client";
import { ruleSql } from "~/modules/assignments/audience.server";
import { DomainError } from "~/utils/errors";
import { vnCalendarDay } from "~/utils/vn-calendar";
import { totalMs, workingIntervals } from "./campaign-schedule";

/** The seed's demo domain (prisma/seed.ts): the default outside production when the setting is unset. */
export const DEMO_MAIL_DOMAIN = "langson.gov.vn";
/** Tracking links keep recording this long after the window closes (late readers, reports). */
export const LINK_GRACE_DAYS = 30;
const DAY_MS = 86_400_000;

/** The mail domains a drill may send to (PHISHING_ALLOWED_DOMAINS); refused in production when unset. */
export function allowedMailDomains(): string[] {
  const env = getEnv();
  if (env.PHISHING_ALLOWED_DOMAINS.length) return env.PHISHING_ALLOWED_DOMAINS;
  if (env.NODE_ENV === "production") throw new DomainError("phc.err.domainsUnset", { status: 409 });
  return [DEMO_MAIL_DOMAIN];
}

/** The same list for sending: none (nothing is sent) where planning would be refused. */
export function sendableMailDomains(): string[] {
  const env = getEnv();
  if (env.PHISHING_ALLOWED_DOMAINS.length) return env.PHISHING_ALLOWED_DOMAINS;
  return env.NODE_ENV === "production" ? [] : [DEMO_MAIL_DOMAIN];
}

/** Condition on person `p`: the address is at one of the domains or a subdomain of one. */
export function mailDomainSql(domains: readonly string[]): Prisma.Sql {
  // The setting allows only [a-z0-9.-], so the domains hold no LIKE wildcard.
  const patterns = domains.flatMap((d) => [`%@${d}`, `%.${d}`]);
  return Prisma.sql`lower(p.email) LIKE ANY(${patterns}::text[])`;
}

type CampaignRule = Pick<
  PhishingCampaign,
  "agencyId" | "includeSubagencies" | "staffCategories" | "itRoles" | "headOfUnitOnly" | "tags"
>;

/** Active people the campaign's rule reaches (exclusions and the domain rule not yet applied). */
export function audienceSql(rule: CampaignRule): Prisma.Sql {
  return Prisma.sql`p.active AND (${ruleSql(rule)})`;
}

/**
 * Plans campaign `campaignId` inside `tx`: recipients, follow-up assignment, linksExpireAt. Sends are spread
 * over the working hours from max(window start, now) to the window's end. Returns the number of recipients.
 */
export async function planCampaign(tx: Tx, campaignId: string, now: Date): Promise<number> {
  const c = await tx.phishingCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  const domains = allowedMailDomains();
  const intervals = workingIntervals(vnCalendarDay(c.windowStart), vnCalendarDay(c.windowEnd), now);
  if (intervals.length === 0) throw new DomainError("phc.err.windowPassed", { status: 409 });
  if (c.templateVersionIds.length === 0) throw new DomainError("phc.err.templateRequired", { status: 409 });
  const starts = intervals.map((i) => i.start.toISOString());
  let before = 0;
  const offsets = intervals.map((i) => String((before += i.ms) - i.ms));
  const total = totalMs(intervals);
  // Templates are dealt out over a random order of the audience: random per person and balanced, so every
  // template of the rotation is used once there are as many people as templates.
  const count = await tx.$executeRaw`
    WITH slots AS MATERIALIZED (
      SELECT s.start, s.offset_ms
      FROM unnest(${starts}::text[]::timestamptz[], ${offsets}::text[]::float8[]) AS s(start, offset_ms)
    ), chosen AS MATERIALIZED (
      SELECT p.id, p."agencyId", p.email,
             floor(random() * ${total}::float8) AS r,
             row_number() OVER (ORDER BY random()) AS n
      FROM "Person" p
      WHERE ${audienceSql(c)}
        AND NOT (p.id = ANY(${c.excludedPersonIds}::uuid[]))
        AND ${mailDomainSql(domains)}
    )
    INSERT INTO "PhishingRecipient" (id, "campaignId", "personId", "agencyId", email, "templateVersionId", "scheduledAt")
    SELECT gen_random_uuid(), ${c.id}::uuid, ch.id, ch."agencyId", ch.email,
           (${c.templateVersionIds}::uuid[])[1 + (ch.n % ${c.templateVersionIds.length}::int)],
           (SELECT sl.start + (ch.r - sl.offset_ms) * interval '1 millisecond'
              FROM slots sl WHERE sl.offset_ms <= ch.r ORDER BY sl.offset_ms DESC LIMIT 1)
    FROM chosen ch
    ON CONFLICT ("campaignId", "personId") DO NOTHING`;
  let followUpAssignmentId: string | null = c.followUpAssignmentId;
  if (c.followUpCourseId && !followUpAssignmentId) {
    // No audience rule and not standing: the click handler adds each person who fell for the drill.
    const assignment = await tx.assignment.create({
      data: {
        courseId: c.followUpCourseId,
        createdById: c.createdById,
        title: `Sau diễn tập: ${c.name}`,
        agencyId: null,
        dueDays: c.followUpDueDays,
        standing: false,
      },
    });
    followUpAssignmentId = assignment.id;
  }
  await tx.phishingCampaign.update({
    where: { id: c.id },
    data: {
      followUpAssignmentId,
      linksExpireAt: new Date(c.windowEnd.getTime() + LINK_GRACE_DAYS * DAY_MS),
    },
  });
  return count;
}
