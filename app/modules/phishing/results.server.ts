// Drill results (kết quả diễn tập): per campaign from ONE grouped query on PhishingRecipient.agencyId (the
// agency at planning time), rolled up over the campaign agency's subtree in memory with the pure rules of
// results.ts; the trend of an agency subtree across campaigns; a person's history; the dashboard's targets.
import { type db, readDb, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { PhishingCampaignStatus } from "~/generated/prisma/enums";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { type Actor, inScope, phishingViewScope, type Scope } from "~/modules/auth/scope";
import type { AgencyInfo } from "~/modules/targets/figures";
import { planTree } from "~/modules/targets/plan-tree.server";
import { DomainError } from "~/utils/errors";
import { isUuid } from "~/utils/uuid";
import {
  type DrillFigure,
  type OwnDrill,
  type RolledUp,
  clickTargetMet,
  ratePercent,
  reportTargetMet,
  rollUpDrill,
  totalOfSubtrees,
} from "~/domain/phishing-results";

type Client = typeof db | Tx;

/** Campaigns that have not started have no results to trend or to hold against a target. */
const STARTED: PhishingCampaignStatus[] = ["SCHEDULED", "RUNNING", "PAUSED", "STOPPED", "FINISHED"];

export type CampaignHead = {
  id: string;
  name: string;
  status: PhishingCampaignStatus;
  agencyId: string;
  agencyPath: string;
  windowStart: Date;
  windowEnd: Date;
  clickRateTarget: number | null;
  reportRateTarget: number | null;
};

/** The scope reaches the campaign: it holds the campaign's agency, or some subtree below it. */
export function seesCampaign(scope: Scope, campaignPath: string): boolean {
  if (scope === "ALL" || inScope(scope, campaignPath)) return true;
  return scope.some((p) => p.startsWith(campaignPath));
}

/** The campaign if the caller's drill-view scope reaches it; otherwise the same 404 as an unknown id. */
export async function campaignForViewer(actor: Actor, campaignId: string, client?: Client) {
  const scope = phishingViewScope(actor);
  const c = client ?? (await readDb());
  const row = isUuid(campaignId)
    ? await c.phishingCampaign.findUnique({
        where: { id: campaignId },
        select: {
          id: true,
          name: true,
          status: true,
          agencyId: true,
          windowStart: true,
          windowEnd: true,
          clickRateTarget: true,
          reportRateTarget: true,
          agency: { select: { path: true } },
        },
      })
    : null;
  if (!row || !seesCampaign(scope, row.agency.path))
    throw new DomainError("phr.campaignNotFound", { status: 404 });
  const { agency, ...rest } = row;
  const campaign: CampaignHead = { ...rest, agencyPath: agency.path };
  return { campaign, scope };
}

type OwnRow = {
  agencyId: string;
  recipients: number;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  submitted: number;
  prone: number;
  reported: number;
  delays: number[];
};

/** The one grouped query: own counts and sorted report delays (ms) per planning-time agency. */
export async function ownDrillCounts(campaignId: string, client: Client): Promise<Map<string, OwnDrill>> {
  const rows = await client.$queryRaw<OwnRow[]>`
    SELECT r."agencyId"::text AS "agencyId",
      count(*)::int AS recipients,
      count(*) FILTER (WHERE r."queuedAt" IS NOT NULL AND r."cancelledAt" IS NULL)::int AS sent,
      count(r."deliveredAt")::int AS delivered,
      count(r."openedAt")::int AS opened,
      count(r."clickedAt")::int AS clicked,
      count(r."submittedAt")::int AS submitted,
      count(*) FILTER (WHERE r."clickedAt" IS NOT NULL OR r."submittedAt" IS NOT NULL)::int AS prone,
      count(r."reportedAt")::int AS reported,
      coalesce(
        array_agg(greatest(0, round(extract(epoch FROM r."reportedAt" - r."deliveredAt") * 1000))::float8
                  ORDER BY r."reportedAt" - r."deliveredAt")
          FILTER (WHERE r."reportedAt" IS NOT NULL AND r."deliveredAt" IS NOT NULL),
        '{}'::float8[]) AS delays
    FROM "PhishingRecipient" r
    WHERE r."campaignId" = ${campaignId}::uuid
    GROUP BY r."agencyId"`;
  const out = new Map<string, OwnDrill>();
  for (const r of rows) out.set(r.agencyId, { ...r, delays: Float64Array.from(r.delays, Number) });
  return out;
}

/** Adds `b`'s counts and delays into `a` (recipients of a merged-away agency counted at its survivor). */
function addOwn(a: OwnDrill | undefined, b: OwnDrill): OwnDrill {
  if (!a) return b;
  const delays = Float64Array.from([...a.delays, ...b.delays]).sort();
  return {
    recipients: a.recipients + b.recipients,
    sent: a.sent + b.sent,
    delivered: a.delivered + b.delivered,
    opened: a.opened + b.opened,
    clicked: a.clicked + b.clicked,
    submitted: a.submitted + b.submitted,
    prone: a.prone + b.prone,
    reported: a.reported + b.reported,
    delays,
  };
}

export type CampaignResults = {
  campaign: CampaignHead;
  /** The agencies the caller sees, in tree order (parent first). */
  agencies: AgencyInfo[];
  figures: Map<string, RolledUp>;
  /** Visible agencies whose parent is not visible: the tops of the caller's part of the campaign. */
  tops: string[];
  /** The figure of everything the caller sees. */
  total: DrillFigure;
};

/**
 * One campaign's figures for the caller: every agency of the campaign agency's subtree, rolled up; a caller
 * whose scope is a part of the subtree gets that part's rows and their total only. Recipients of an agency
 * merged away since planning count at its survivor; of one no longer in the subtree (moved out), at the top.
 */
export async function campaignResults(
  actor: Actor,
  campaignId: string,
  client?: Client,
): Promise<CampaignResults> {
  const c = client ?? (await readDb());
  const { campaign, scope } = await campaignForViewer(actor, campaignId, c);
  const [tree, rawOwn] = await Promise.all([
    planTree({ id: campaign.agencyId, path: campaign.agencyPath }, c),
    ownDrillCounts(campaign.id, c),
  ]);
  const own = new Map<string, OwnDrill>();
  for (const [agencyId, counts] of rawOwn) {
    let at = agencyId;
    if (!tree.index.has(at)) at = tree.survivors.get(at) ?? at;
    if (!tree.index.has(at)) at = campaign.agencyId;
    own.set(at, addOwn(own.get(at), counts));
  }
  const figures = rollUpDrill(tree.agencies, own);
  const all = scope === "ALL" || inScope(scope, campaign.agencyPath);
  const visible = all
    ? tree.agencies.slice()
    : tree.agencies.filter((a) => inScope(scope, tree.paths.get(a.id) ?? ""));
  const shown = new Set(visible.map((a) => a.id));
  const tops = visible.filter((a) => !a.parentId || !shown.has(a.parentId)).map((a) => a.id);
  const total = totalOfSubtrees(tops.map((id) => figures.get(id)!));
  return { campaign, agencies: visible, figures, tops, total };
}

export type TrendPoint = {
  campaignId: string;
  name: string;
  windowStart: Date;
  delivered: number;
  prone: number;
  reported: number;
  pronePercent: number | null;
  reportPercent: number | null;
};

/** The agency a trend is drawn for: the one asked for when in scope, else the top of the caller's scope. */
export async function trendAgency(actor: Actor, agencyId: string | null, client?: Client) {
  const scope = phishingViewScope(actor);
  const c = client ?? (await readDb());
  const select = { id: true, name: true, path: true } as const;
  if (agencyId && isUuid(agencyId)) {
    const a = await c.agency.findUnique({ where: { id: agencyId }, select });
    if (a && inScope(scope, a.path)) return a;
    throw new DomainError("phr.agencyNotFound", { status: 404 });
  }
  if (agencyId) throw new DomainError("phr.agencyNotFound", { status: 404 });
  if (scope === "ALL")
    return c.agency.findFirst({ where: { parentId: null, active: true }, select, orderBy: { code: "asc" } });
  if (!scope.length) return null;
  return c.agency.findFirst({ where: { path: scope[0] }, select });
}

/**
 * One point per started campaign with recipients in the agency's subtree (planning-time agency), ordered by
 * window: phish-prone % and report rate of that subtree. One grouped query.
 */
export async function drillTrend(agencyPath: string, client?: Client): Promise<TrendPoint[]> {
  const c = client ?? (await readDb());
  const rows = await c.$queryRaw<
    {
      campaignId: string;
      name: string;
      windowStart: Date;
      delivered: number;
      prone: number;
      reported: number;
    }[]
  >`
    SELECT k.id::text AS "campaignId", k.name, k."windowStart",
      count(r."deliveredAt")::int AS delivered,
      count(*) FILTER (WHERE r."clickedAt" IS NOT NULL OR r."submittedAt" IS NOT NULL)::int AS prone,
      count(r."reportedAt")::int AS reported
    FROM "PhishingRecipient" r
    JOIN "Agency" a ON a.id = r."agencyId"
    JOIN "PhishingCampaign" k ON k.id = r."campaignId"
    WHERE starts_with(a.path, ${agencyPath}::text)
      AND k.status::text = ANY(${STARTED}::text[])
    GROUP BY k.id
    ORDER BY k."windowStart", k.id`;
  return rows.map((r) => ({
    ...r,
    pronePercent: ratePercent(r.prone, r.delivered),
    reportPercent: ratePercent(r.reported, r.delivered),
  }));
}

export type DrillHistoryRow = {
  recipientId: string;
  campaignId: string;
  campaignName: string;
  windowStart: Date;
  templateTitle: string;
  deliveredAt: Date | null;
  openedAt: Date | null;
  clickedAt: Date | null;
  submittedAt: Date | null;
  reportedAt: Date | null;
};

/** Every drill email a person was sent (started campaigns), newest first. */
export async function personDrillHistory(personId: string, client?: Client): Promise<DrillHistoryRow[]> {
  const c = client ?? (await readDb());
  const rows = await c.phishingRecipient.findMany({
    where: { personId, campaign: { status: { in: STARTED } } },
    orderBy: [{ campaign: { windowStart: "desc" } }, { id: "asc" }],
    select: {
      id: true,
      deliveredAt: true,
      openedAt: true,
      clickedAt: true,
      submittedAt: true,
      reportedAt: true,
      campaign: { select: { id: true, name: true, windowStart: true } },
      templateVersion: { select: { title: true } },
    },
  });
  return rows.map((r) => ({
    recipientId: r.id,
    campaignId: r.campaign.id,
    campaignName: r.campaign.name,
    windowStart: r.campaign.windowStart,
    templateTitle: r.templateVersion.title,
    deliveredAt: r.deliveredAt,
    openedAt: r.openedAt,
    clickedAt: r.clickedAt,
    submittedAt: r.submittedAt,
    reportedAt: r.reportedAt,
  }));
}

/**
 * A person's drill history for the caller: the person themself, or anyone whose drill-view scope holds the
 * person's agency; null for anyone else (the people page then shows no section).
 */
export async function drillHistoryFor(
  actor: Actor,
  personId: string,
  client?: Client,
): Promise<DrillHistoryRow[] | null> {
  const c = client ?? (await readDb());
  if (actor.personId !== personId) {
    const scope = phishingViewScope(actor);
    if (scope !== "ALL") {
      if (!scope.length || !isUuid(personId)) return null;
      const person = await c.person.findUnique({
        where: { id: personId },
        select: { agency: { select: { path: true } } },
      });
      if (!person || !inScope(scope, person.agency.path)) return null;
    }
  }
  return personDrillHistory(personId, c);
}

export type DrillTargetFigure = {
  campaignId: string;
  name: string;
  windowStart: Date;
  delivered: number;
  prone: number;
  reported: number;
  pronePercent: number | null;
  reportPercent: number | null;
  clickRateTarget: number | null;
  reportRateTarget: number | null;
  /** null: nothing delivered yet, or no such target. */
  clickMet: boolean | null;
  reportMet: boolean | null;
};

/**
 * The dashboard's drill targets: the latest 3 started campaigns with a click or report target that have
 * recipients in the caller's scope, each counted over the recipients in scope. One grouped query.
 */
export async function drillTargets(actor: Actor, client?: Client): Promise<DrillTargetFigure[]> {
  const scope = phishingViewScope(actor);
  if (scope !== "ALL" && !scope.length) return [];
  const c = client ?? (await readDb());
  const inScopeSql =
    scope === "ALL"
      ? Prisma.empty
      : Prisma.sql`AND EXISTS (SELECT 1 FROM "Agency" a WHERE a.id = r."agencyId"
          AND (${Prisma.join(
            scope.map((p) => Prisma.sql`starts_with(a.path, ${p}::text)`),
            " OR ",
          )}))`;
  const rows = await c.$queryRaw<
    {
      campaignId: string;
      name: string;
      windowStart: Date;
      clickRateTarget: number | null;
      reportRateTarget: number | null;
      delivered: number;
      prone: number;
      reported: number;
    }[]
  >`
    SELECT k.id::text AS "campaignId", k.name, k."windowStart", k."clickRateTarget", k."reportRateTarget",
      count(r."deliveredAt")::int AS delivered,
      count(*) FILTER (WHERE r."clickedAt" IS NOT NULL OR r."submittedAt" IS NOT NULL)::int AS prone,
      count(r."reportedAt")::int AS reported
    FROM "PhishingCampaign" k
    JOIN "PhishingRecipient" r ON r."campaignId" = k.id
    WHERE (k."clickRateTarget" IS NOT NULL OR k."reportRateTarget" IS NOT NULL)
      AND k.status::text = ANY(${STARTED}::text[])
      ${inScopeSql}
    GROUP BY k.id
    ORDER BY k."windowStart" DESC, k.id
    LIMIT 3`;
  return rows.map((r) => ({
    ...r,
    pronePercent: ratePercent(r.prone, r.delivered),
    reportPercent: ratePercent(r.reported, r.delivered),
    clickMet: r.clickRateTarget === null ? null : clickTargetMet(r, r.clickRateTarget),
    reportMet: r.reportRateTarget === null ? null : reportTargetMet(r, r.reportRateTarget),
  }));
}

/** /phishing/results: the trend of one agency subtree (in scope) and the agencies the picker offers. */
export async function trendPage(actor: Actor, agencyId: string | null) {
  const scope = phishingViewScope(actor);
  const c = await readDb();
  const agency = await trendAgency(actor, agencyId, c);
  const [points, options] = await Promise.all([
    agency ? drillTrend(agency.path, c) : Promise.resolve([]),
    scope === "ALL" || scope.length ? listAgencyOptions(scope) : Promise.resolve([]),
  ]);
  return {
    agency: agency ? { id: agency.id, name: agency.name } : null,
    points,
    options: indentedAgencyOptions(options),
  };
}
