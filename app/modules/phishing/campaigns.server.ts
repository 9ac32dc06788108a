// Drill campaigns (đợt diễn tập): drafts made from the form, the four-eyes approval that plans them, and
// the lifecycle after (pause, resume, stop). Every query is scoped by the caller's phishingScope; a campaign
// outside it is a 404. Every state change is one transaction with its audit row.
import { LONG_TX, db, type Tx } from "~/db.server";
import type { Prisma, PhishingCampaignStatus } from "~/generated/prisma/client";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { assignableCourses } from "~/modules/assignments/new-assignment.server";
import { audit } from "~/modules/audit/audit.server";
import { type Actor, type Scope, agencyWhere, inScope } from "~/modules/auth/scope";
import type { MessageRef } from "~/i18n";
import { DomainError } from "~/utils/errors";
import { type PageRequest, type Paged, pageOf } from "~/utils/paging";
import { foldVietnamese } from "~/utils/text";
import { endOfVnDay, formatDay, parseDay, startOfVnDay } from "~/utils/vn-calendar";
import {
  CAMPAIGN_INTENT_PERMISSION,
  type CampaignAction,
  TRANSITIONS,
  availableActions,
} from "./campaign-intents";
import type { CampaignSettings } from "./campaign-schema";
import { LINK_GRACE_DAYS, allowedMailDomains, audienceSql, mailDomainSql, planCampaign } from "./plan.server";
import { PAUSED_ERROR, STOPPED_ERROR, withdrawDrillEmails } from "./send.server";

const DAY_MS = 86_400_000;
const NOT_FOUND = () => new DomainError("phc.err.notFound", { status: 404 });

// ---- form choices ----

export type TemplateOption = { versionId: string; title: string; difficulty: number; subject: string };

/** Active templates' current versions, the catalogue's courses and the caller's agencies. */
export async function campaignFormOptions(scope: Scope) {
  const [templates, courses, agencies, suggested] = await Promise.all([
    activeTemplates(),
    assignableCourses(),
    listAgencyOptions(scope),
    suggestedFollowUps(),
  ]);
  // The templates' own follow-up courses first: the form's default is the course the drill was written for.
  const rank = (id: string) => (suggested.has(id) ? 0 : 1);
  courses.sort((a, b) => rank(a.id) - rank(b.id));
  return { templates, courses, agencies: indentedAgencyOptions(agencies) };
}

/** Ids of the courses that active templates name as their follow-up. */
async function suggestedFollowUps(): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT c.id FROM "PhishingTemplate" t
    JOIN "PhishingTemplateVersion" v ON v.id = t."currentVersionId"
    JOIN "Course" c ON c.code = v."followUpCourseCode"
    WHERE t.active`;
  return new Set(rows.map((r) => r.id));
}

async function activeTemplates(): Promise<TemplateOption[]> {
  const rows = await db.phishingTemplate.findMany({
    where: { active: true, currentVersionId: { not: null } },
    select: { currentVersionId: true },
  });
  const ids = rows.map((r) => r.currentVersionId as string);
  const versions = await db.phishingTemplateVersion.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, difficulty: true, subject: true },
    orderBy: [{ difficulty: "asc" }, { title: "asc" }],
  });
  return versions.map((v) => ({
    versionId: v.id,
    title: v.title,
    difficulty: v.difficulty,
    subject: v.subject,
  }));
}

// ---- checks that need the database ----

async function agencyInScope(scope: Scope, agencyId: string, client: typeof db | Tx = db) {
  const agency = await client.agency.findFirst({ where: { id: agencyId, active: true } });
  if (!agency || !inScope(scope, agency.path))
    throw new DomainError("phc.err.agencyForbidden", { field: "agencyId", status: 400 });
  return agency;
}

/** The settings refer to things that exist and are the caller's to use. */
async function checkSettings(scope: Scope, s: CampaignSettings): Promise<void> {
  const agency = await agencyInScope(scope, s.agencyId);
  const current = new Set((await activeTemplates()).map((t) => t.versionId));
  if (s.templateVersionIds.some((id) => !current.has(id)))
    throw new DomainError("phc.err.templateUnknown", { field: "templateVersionIds" });
  const course = await db.course.findFirst({
    where: { id: s.followUpCourseId, active: true, currentVersionId: { not: null } },
  });
  if (!course) throw new DomainError("phc.err.courseUnknown", { field: "followUpCourseId" });
  if (s.excludedPersonIds.length) {
    // Excluded people are picked inside the audience's agency (its subtree when included).
    const inside = await db.person.count({
      where: {
        id: { in: s.excludedPersonIds },
        agency: s.includeSubagencies ? { path: { startsWith: agency.path } } : { id: agency.id },
      },
    });
    if (inside !== s.excludedPersonIds.length)
      throw new DomainError("phc.err.excludedOutside", { field: "excludedPersonIds" });
  }
}

function settingsData(s: CampaignSettings) {
  const windowStart = startOfVnDay(parseDay(s.windowStart)!);
  const windowEnd = endOfVnDay(parseDay(s.windowEnd)!);
  return {
    name: s.name,
    agencyId: s.agencyId,
    includeSubagencies: s.includeSubagencies,
    staffCategories: s.staffCategories,
    itRoles: s.itRoles,
    headOfUnitOnly: s.headOfUnitOnly,
    tags: s.tags,
    excludedPersonIds: s.excludedPersonIds,
    templateVersionIds: s.templateVersionIds,
    windowStart,
    windowEnd,
    landing: s.landing,
    trackOpens: s.trackOpens,
    followUpCourseId: s.followUpCourseId,
    followUpDueDays: s.followUpDueDays,
    maxPerMinute: s.maxPerMinute,
    clickRateTarget: s.clickRateTarget,
    reportRateTarget: s.reportRateTarget,
    linksExpireAt: new Date(windowEnd.getTime() + LINK_GRACE_DAYS * DAY_MS),
  };
}

// ---- audience preview ----

export type AudiencePreview = {
  /** People who would receive the drill. */
  count: number;
  /** The first names (Vietnamese order). */
  sample: string[];
  /** Active people of the rule left out because their address is not at an allowed mail domain. */
  outsideDomains: number;
  /** Active people of the rule left out by name. */
  excluded: number;
  domains: string[];
};

type AudienceRule = Pick<
  CampaignSettings,
  | "agencyId"
  | "includeSubagencies"
  | "staffCategories"
  | "itRoles"
  | "headOfUnitOnly"
  | "tags"
  | "excludedPersonIds"
>;

/** Whom the rule reaches, in one query: counts by fate and the first names of those who get the drill. */
export async function previewAudience(scope: Scope, rule: AudienceRule): Promise<AudiencePreview> {
  await agencyInScope(scope, rule.agencyId);
  const domains = allowedMailDomains();
  const rows = await db.$queryRaw<
    { total: number; outside: number; excluded: number; names: string[] | null }[]
  >`
    WITH a AS (
      SELECT p."fullName", p."sortKey", p.id,
             (p.id = ANY(${rule.excludedPersonIds}::uuid[])) AS ex,
             (${mailDomainSql(domains)}) AS ok
      FROM "Person" p WHERE ${audienceSql(rule)}
    )
    SELECT (count(*) FILTER (WHERE NOT ex AND ok))::int AS total,
           (count(*) FILTER (WHERE NOT ex AND NOT ok))::int AS outside,
           (count(*) FILTER (WHERE ex))::int AS excluded,
           (SELECT array_agg(s."fullName") FROM (
              SELECT "fullName" FROM a WHERE NOT ex AND ok ORDER BY "sortKey" COLLATE "C", id LIMIT 10) s) AS names
    FROM a`;
  const r = rows[0];
  return {
    count: r?.total ?? 0,
    sample: r?.names ?? [],
    outsideDomains: r?.outside ?? 0,
    excluded: r?.excluded ?? 0,
    domains,
  };
}

/** People of the audience's agency matching a search (name or email, without diacritics), for exclusion. */
export async function searchAudiencePeople(
  scope: Scope,
  input: { agencyId: string; includeSubagencies: boolean; q: string },
) {
  const agency = await db.agency.findFirst({ where: { id: input.agencyId, active: true } });
  if (!agency || !inScope(scope, agency.path)) throw NOT_FOUND();
  const q = foldVietnamese(input.q.trim());
  if (q.length < 2) return [];
  const people = await db.person.findMany({
    where: {
      active: true,
      searchText: { contains: q },
      agency: input.includeSubagencies ? { path: { startsWith: agency.path } } : { id: agency.id },
    },
    select: { id: true, fullName: true, email: true, agency: { select: { name: true } } },
    orderBy: [{ sortKey: "asc" }, { id: "asc" }],
    take: 20,
  });
  return people.map((p) => ({ id: p.id, fullName: p.fullName, email: p.email, agencyName: p.agency.name }));
}

// ---- reading ----

export type CampaignRow = {
  id: string;
  name: string;
  status: PhishingCampaignStatus;
  agencyName: string;
  windowStart: Date;
  windowEnd: Date;
  recipients: number;
  createdAt: Date;
};

export const CAMPAIGN_SORTS = ["name", "status", "window", "audience", "created"] as const;
export type CampaignSort = (typeof CAMPAIGN_SORTS)[number] | `-${(typeof CAMPAIGN_SORTS)[number]}`;

/**
 * Campaigns of agencies in scope, filtered by a search on name or agency (diacritics ignored), sorted and
 * paged. A province runs a few drills a quarter, so the list is read whole and filtered here.
 */
export async function listCampaigns(
  scope: Scope,
  opts: { q: string; sort: CampaignSort; status?: PhishingCampaignStatus | "" } & PageRequest,
): Promise<Paged<CampaignRow>> {
  const rows = await db.phishingCampaign.findMany({
    where: { agency: agencyWhere(scope), ...(opts.status ? { status: opts.status } : {}) },
    select: {
      id: true,
      name: true,
      status: true,
      windowStart: true,
      windowEnd: true,
      createdAt: true,
      agency: { select: { name: true } },
      _count: { select: { recipients: true } },
    },
  });
  const q = foldVietnamese(opts.q.trim());
  const all: CampaignRow[] = rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      agencyName: r.agency.name,
      windowStart: r.windowStart,
      windowEnd: r.windowEnd,
      recipients: r._count.recipients,
      createdAt: r.createdAt,
    }))
    .filter((r) => !q || foldVietnamese(`${r.name} ${r.agencyName}`).includes(q));
  const desc = opts.sort.startsWith("-");
  const key = (desc ? opts.sort.slice(1) : opts.sort) as (typeof CAMPAIGN_SORTS)[number];
  const collator = new Intl.Collator("vi");
  const cmp = (a: CampaignRow, b: CampaignRow): number => {
    switch (key) {
      case "name":
        return collator.compare(a.name, b.name);
      case "status":
        return a.status.localeCompare(b.status);
      case "window":
        return a.windowStart.getTime() - b.windowStart.getTime();
      case "audience":
        return a.recipients - b.recipients;
      case "created":
        return a.createdAt.getTime() - b.createdAt.getTime();
    }
  };
  all.sort((a, b) => (desc ? -cmp(a, b) : cmp(a, b)) || a.id.localeCompare(b.id));
  return pageOf(all, opts);
}

/** A campaign inside the caller's scope, or a 404 (one outside is not told apart from one that is not). */
async function campaignInScope(scope: Scope, id: string, client: typeof db | Tx = db) {
  const c = await client.phishingCampaign.findUnique({
    where: { id },
    include: { agency: { select: { id: true, name: true, path: true } } },
  });
  if (!c || !inScope(scope, c.agency.path)) throw NOT_FOUND();
  return c;
}

/** The campaign page: settings with names, audience summary, the caller's actions and the audit trail. */
export async function campaignPage(actor: Actor, scope: Scope, id: string) {
  const c = await campaignInScope(scope, id);
  const [templates, course, people, excluded, recipients, trail] = await Promise.all([
    db.phishingTemplateVersion.findMany({
      where: { id: { in: c.templateVersionIds } },
      select: { id: true, title: true, subject: true, difficulty: true },
    }),
    c.followUpCourseId
      ? db.course.findUnique({
          where: { id: c.followUpCourseId },
          select: { code: true, currentVersion: { select: { title: true } } },
        })
      : null,
    db.user.findMany({
      where: { id: { in: [c.createdById, c.approvedById].filter((x): x is string => !!x) } },
      select: { id: true, email: true, person: { select: { fullName: true } } },
    }),
    db.person.findMany({
      where: { id: { in: c.excludedPersonIds } },
      select: { id: true, fullName: true, email: true },
      orderBy: { sortKey: "asc" },
    }),
    db.phishingRecipient.groupBy({
      by: ["campaignId"],
      where: { campaignId: c.id },
      _count: { _all: true },
    }),
    campaignAuditTrail(c.id),
  ]);
  const nameOf = (userId: string | null) => {
    const u = people.find((p) => p.id === userId);
    return u ? (u.person?.fullName ?? u.email) : null;
  };
  const isCreator = c.createdById === actor.userId;
  const actions = availableActions(c.status, { manages: true, isCreator });
  // Before planning, the audience as it stands now; a refusal (no mail domain configured) is shown instead.
  let preview: AudiencePreview | null = null;
  let previewProblem: MessageRef | null = null;
  if (c.status === "DRAFT" || c.status === "PENDING_APPROVAL") {
    try {
      preview = await previewAudience(scope, c);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      previewProblem = e.ref;
    }
  }
  return {
    campaign: {
      id: c.id,
      name: c.name,
      status: c.status,
      agency: { id: c.agency.id, name: c.agency.name },
      includeSubagencies: c.includeSubagencies,
      staffCategories: c.staffCategories,
      itRoles: c.itRoles,
      headOfUnitOnly: c.headOfUnitOnly,
      tags: c.tags,
      windowStart: c.windowStart,
      windowEnd: c.windowEnd,
      landing: c.landing,
      trackOpens: c.trackOpens,
      followUpDueDays: c.followUpDueDays,
      maxPerMinute: c.maxPerMinute,
      clickRateTarget: c.clickRateTarget,
      reportRateTarget: c.reportRateTarget,
      linksExpireAt: c.linksExpireAt,
      approvedAt: c.approvedAt,
      createdBy: nameOf(c.createdById),
      approvedBy: nameOf(c.approvedById),
    },
    templates,
    course: course ? { code: course.code, title: course.currentVersion?.title ?? course.code } : null,
    excluded,
    recipients: recipients[0]?._count._all ?? 0,
    preview,
    previewProblem,
    actions,
    isCreator,
    trail,
  };
}

/** The campaign's audit rows, oldest first, with the acting account's name. */
export async function campaignAuditTrail(campaignId: string) {
  const events = await db.auditEvent.findMany({
    where: { entityType: "PhishingCampaign", entityId: campaignId },
    orderBy: { id: "asc" },
    take: 200,
  });
  const ids = [...new Set(events.map((e) => e.actorUserId).filter((x): x is string => !!x))];
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, email: true, person: { select: { fullName: true } } },
  });
  return events.map((e) => {
    const u = users.find((x) => x.id === e.actorUserId);
    const data = (e.data ?? {}) as Record<string, unknown>;
    return {
      id: String(e.id),
      at: e.createdAt,
      action: e.action,
      actor: u ? (u.person?.fullName ?? u.email) : null,
      reason: typeof data.reason === "string" ? data.reason : null,
      recipients: typeof data.recipients === "number" ? data.recipients : null,
    };
  });
}

/** The settings of a DRAFT as the form's default values. */
export async function draftFormValues(scope: Scope, id: string) {
  const c = await campaignInScope(scope, id);
  if (c.status !== "DRAFT") throw new DomainError("phc.err.notDraft", { status: 409 });
  const excluded = await db.person.findMany({
    where: { id: { in: c.excludedPersonIds } },
    select: { id: true, fullName: true, email: true },
  });
  return {
    values: {
      name: c.name,
      agencyId: c.agencyId,
      includeSubagencies: c.includeSubagencies ? "on" : undefined,
      staffCategories: c.staffCategories,
      itRoles: c.itRoles,
      headOfUnitOnly: c.headOfUnitOnly ? "on" : undefined,
      tags: c.tags.join(", "),
      templateVersionIds: c.templateVersionIds,
      windowStart: formatDay(c.windowStart),
      windowEnd: formatDay(c.windowEnd),
      landing: c.landing,
      trackOpens: c.trackOpens ? "on" : undefined,
      followUpCourseId: c.followUpCourseId ?? "",
      followUpDueDays: String(c.followUpDueDays),
      maxPerMinute: String(c.maxPerMinute),
      clickRateTarget: c.clickRateTarget === null ? "" : String(c.clickRateTarget),
      reportRateTarget: c.reportRateTarget === null ? "" : String(c.reportRateTarget),
    },
    excluded,
  };
}

// ---- writing ----

/** A new DRAFT from the form's settings. */
export async function createCampaign(
  actor: Actor,
  scope: Scope,
  s: CampaignSettings,
): Promise<{ id: string }> {
  await checkSettings(scope, s);
  return db.$transaction(async (tx) => {
    const c = await tx.phishingCampaign.create({
      data: { ...settingsData(s), status: "DRAFT", createdById: actor.userId },
    });
    await audit(
      {
        actorUserId: actor.userId,
        action: "phishing.campaign.create",
        entityType: "PhishingCampaign",
        entityId: c.id,
        agencyId: c.agencyId,
        data: { name: c.name, templates: s.templateVersionIds.length, excluded: s.excludedPersonIds.length },
      },
      tx,
    );
    return { id: c.id };
  });
}

/** New settings for a DRAFT (in scope before and after: a draft cannot be moved out of one's reach). */
export async function updateDraft(
  actor: Actor,
  scope: Scope,
  id: string,
  s: CampaignSettings,
): Promise<void> {
  await campaignInScope(scope, id);
  await checkSettings(scope, s);
  await db.$transaction(async (tx) => {
    const { count } = await tx.phishingCampaign.updateMany({
      where: { id, status: "DRAFT" },
      data: settingsData(s),
    });
    if (count === 0) throw new DomainError("phc.err.notDraft", { status: 409 });
    await audit(
      {
        actorUserId: actor.userId,
        action: "phishing.campaign.update",
        entityType: "PhishingCampaign",
        entityId: id,
        agencyId: s.agencyId,
        data: { name: s.name, templates: s.templateVersionIds.length, excluded: s.excludedPersonIds.length },
      },
      tx,
    );
  });
}

export type TransitionInput = { intent: CampaignAction; reason?: string };

/**
 * One lifecycle step, from the states TRANSITIONS allows (else "phc.err.wrongState"). The status changes
 * with a conditional update, so two managers pressing at once change it once. Approval is four-eyes: the
 * approver holds the power over the campaign's agency (it is in their scope) and is not its creator; it plans
 * the recipients in the same transaction. Stopping cancels every recipient not yet put in the outbox.
 */
export async function transitionCampaign(
  actor: Actor,
  scope: Scope,
  id: string,
  input: TransitionInput,
  now: Date = new Date(),
): Promise<{ status: PhishingCampaignStatus; recipients?: number; cancelled?: number }> {
  const c = await campaignInScope(scope, id);
  const step = TRANSITIONS[input.intent];
  if (CAMPAIGN_INTENT_PERMISSION[input.intent] === "approve" && c.createdById === actor.userId)
    throw new DomainError(input.intent === "approve" ? "phc.err.selfApproval" : "phc.err.selfReject", {
      status: 403,
    });
  if (!step.from.includes(c.status))
    throw new DomainError("phc.err.wrongState", { params: { action: input.intent }, status: 409 });
  if (input.intent === "approve") {
    const settings = await db.phishingSettings.findUnique({ where: { id: 1 } });
    if (settings?.killedAt) throw new DomainError("phc.err.killed", { status: 409 });
  }
  const stamp: Prisma.PhishingCampaignUpdateManyMutationInput = {
    status: step.to,
    ...(input.intent === "approve" ? { approvedById: actor.userId, approvedAt: now } : {}),
    ...(input.intent === "pause" ? { pausedAt: now } : {}),
    ...(input.intent === "resume" ? { pausedAt: null } : {}),
    ...(input.intent === "stop" ? { stoppedAt: now } : {}),
  };
  return db.$transaction(
    async (tx) => {
      const { count } = await tx.phishingCampaign.updateMany({
        where: { id, status: { in: [...step.from] } },
        data: stamp,
      });
      if (count === 0)
        throw new DomainError("phc.err.wrongState", { params: { action: input.intent }, status: 409 });
      let recipients: number | undefined;
      let cancelled: number | undefined;
      if (input.intent === "approve") recipients = await planCampaign(tx, id, now);
      // Emails already in the outbox but not yet sent are taken back: a paused drill sends nothing more
      // (resuming queues them again), a stopped one never will.
      if (input.intent === "pause" || input.intent === "stop")
        await withdrawDrillEmails(now, tx, {
          campaignId: id,
          reason: input.intent === "pause" ? PAUSED_ERROR : STOPPED_ERROR,
        });
      if (input.intent === "stop") {
        const r = await tx.phishingRecipient.updateMany({
          where: { campaignId: id, queuedAt: null, cancelledAt: null },
          data: { cancelledAt: now },
        });
        cancelled = r.count;
      }
      await audit(
        {
          actorUserId: actor.userId,
          action: `phishing.campaign.${input.intent}`,
          entityType: "PhishingCampaign",
          entityId: id,
          agencyId: c.agencyId,
          data: {
            from: c.status,
            to: step.to,
            ...(input.reason ? { reason: input.reason } : {}),
            ...(recipients !== undefined ? { recipients } : {}),
            ...(cancelled !== undefined ? { cancelled } : {}),
          },
        },
        tx,
      );
      return { status: step.to, recipients, cancelled };
    },
    { maxWait: LONG_TX.maxWait, timeout: LONG_TX.timeout },
  );
}
