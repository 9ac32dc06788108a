// Drill results (kết quả diễn tập): per campaign from ONE grouped query on PhishingRecipient.agencyId (the
// agency at planning time), rolled up over the campaign agency's subtree in memory with the pure rules of
// results.ts; the trend of an agency subtree across campaigns; a person's history; the dashboard's targets.
import { type db, forgetOnClose, readDb, type Tx } from "~/db.server";
import { getEnv } from "~/env.server";
import { Prisma } from "~/generated/prisma/client";
import type { PhishingCampaignStatus } from "~/generated/prisma/enums";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { type Actor, inScope, phishingViewScope, type Scope } from "~/modules/auth/scope";
import type { AgencyInfo } from "~/modules/targets/figures";
import { type PlanTree, planTree } from "~/modules/targets/plan-tree.server";
import { DomainError } from "~/utils/errors";
import { isUuid } from "~/utils/uuid";
import {
  type DrillFigure,
  type OwnDrill,
  type DrillRollup,
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
  // One raw statement with the agency's path (a findUnique with the relation cost a results request more
  // CPU than its grouped query's parsing).
  const [row] = isUuid(campaignId)
    ? await c.$queryRaw<CampaignHead[]>`
        SELECT k.id::text AS id, k.name, k.status::text AS status, k."agencyId"::text AS "agencyId",
          a.path AS "agencyPath", k."windowStart", k."windowEnd", k."clickRateTarget", k."reportRateTarget"
        FROM "PhishingCampaign" k JOIN "Agency" a ON a.id = k."agencyId"
        WHERE k.id = ${campaignId}::uuid`
    : [];
  if (!row || !seesCampaign(scope, row.agencyPath))
    throw new DomainError("phr.campaignNotFound", { status: 404 });
  const campaign: CampaignHead = row;
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
  delays: string | null;
};

/**
 * The one grouped query: own counts and sorted report delays (ms) per campaign and planning-time agency, for
 * the campaigns given (one on the results page, the dashboard's latest three at once).
 */
export async function ownDrillCountsOf(
  campaignIds: readonly string[],
  client: Client,
): Promise<Map<string, Map<string, OwnDrill>>> {
  const out = new Map<string, Map<string, OwnDrill>>(campaignIds.map((id) => [id, new Map()]));
  if (!campaignIds.length) return out;
  const rows = await client.$queryRaw<(OwnRow & { campaignId: string })[]>`
    SELECT r."campaignId"::text AS "campaignId", r."agencyId"::text AS "agencyId",
      count(*)::int AS recipients,
      count(*) FILTER (WHERE r."queuedAt" IS NOT NULL AND r."cancelledAt" IS NULL)::int AS sent,
      count(r."deliveredAt")::int AS delivered,
      count(r."openedAt")::int AS opened,
      count(r."clickedAt")::int AS clicked,
      count(r."submittedAt")::int AS submitted,
      count(*) FILTER (WHERE r."clickedAt" IS NOT NULL OR r."submittedAt" IS NOT NULL)::int AS prone,
      count(r."reportedAt")::int AS reported,
      -- Delays as one text of whole ms, sorted in Node: an ordered array_agg (a sort per agency) and numeric
      -- epoch arithmetic cost twice the whole query's time at 30,000 recipients.
      string_agg(greatest(0, round(date_part('epoch', r."reportedAt" - r."deliveredAt") * 1000))::bigint::text, ',')
        FILTER (WHERE r."reportedAt" IS NOT NULL AND r."deliveredAt" IS NOT NULL) AS delays
    FROM "PhishingRecipient" r
    WHERE r."campaignId" = ANY(${campaignIds as string[]}::uuid[])
    GROUP BY r."campaignId", r."agencyId"`;
  for (const { campaignId, ...r } of rows) {
    const delays = r.delays ? Float64Array.from(r.delays.split(","), Number).sort() : new Float64Array(0);
    out.get(campaignId)?.set(r.agencyId, { ...r, delays });
  }
  return out;
}

type CachedCounts = { at: number; own: Map<string, OwnDrill> };
const countsCache = new Map<string, CachedCounts>();
const MAX_CACHED = 64;

/** Forgets every cached campaign's counts (tests; a closed database). */
export function clearDrillCounts(): void {
  countsCache.clear();
}
forgetOnClose(clearDrillCounts);

/**
 * ownDrillCountsOf through a per-process cache of PHISHING_RESULTS_CACHE_SECONDS: events keep arriving while
 * a campaign runs and nothing cheap tells that they did, so figures may be that many seconds old; the grouped
 * query (~30,000 rows a province campaign) then runs at most once per campaign per interval, not per view.
 */
export async function cachedDrillCounts(
  campaignIds: readonly string[],
  client: Client,
): Promise<Map<string, Map<string, OwnDrill>>> {
  const ttl = getEnv().PHISHING_RESULTS_CACHE_SECONDS * 1000;
  const now = Date.now();
  const out = new Map<string, Map<string, OwnDrill>>();
  const missing: string[] = [];
  for (const id of campaignIds) {
    const hit = countsCache.get(id);
    if (hit && ttl > 0 && now - hit.at < ttl) out.set(id, hit.own);
    else missing.push(id);
  }
  if (missing.length) {
    const read = await ownDrillCountsOf(missing, client);
    for (const [id, own] of read) {
      out.set(id, own);
      if (ttl <= 0) continue;
      countsCache.delete(id);
      countsCache.set(id, { at: now, own });
      if (countsCache.size > MAX_CACHED) countsCache.delete(countsCache.keys().next().value!);
    }
  }
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

/**
 * Own counts keyed by the agency they count at in `tree`: a merged-away agency's at its survivor, one no
 * longer in the subtree (moved out since planning) at the campaign's agency.
 */
function placedInTree(tree: PlanTree, rootId: string, raw: ReadonlyMap<string, OwnDrill>) {
  const own = new Map<string, OwnDrill>();
  for (const [agencyId, counts] of raw) {
    let at = agencyId;
    if (!tree.index.has(at)) at = tree.survivors.get(at) ?? at;
    if (!tree.index.has(at)) at = rootId;
    own.set(at, addOwn(own.get(at), counts));
  }
  return own;
}

export type CampaignResults = {
  campaign: CampaignHead;
  /** The agencies the caller sees, in tree order (parent first). */
  agencies: AgencyInfo[];
  /** Figures by agency id, made when asked for (get). */
  figures: DrillRollup;
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
  const [tree, counts] = await Promise.all([
    planTree({ id: campaign.agencyId, path: campaign.agencyPath }, c),
    cachedDrillCounts([campaign.id], c),
  ]);
  const own = placedInTree(tree, campaign.agencyId, counts.get(campaign.id)!);
  const figures = rollUpDrill(tree.agencies, own, tree.tree);
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

export type DrillTargetFigure = TrendPoint & {
  clickRateTarget: number | null;
  reportRateTarget: number | null;
  /** null: nothing delivered yet, or no such target. */
  clickMet: boolean | null;
  reportMet: boolean | null;
};

/**
 * The dashboard's drill targets: the latest 3 started campaigns with a click or report target that reach the
 * caller's scope, each counted over the recipients in scope. One statement for the campaigns, then their
 * counts from the cache or one grouped query for all three.
 */
export async function drillTargets(actor: Actor, client?: Client): Promise<DrillTargetFigure[]> {
  const scope = phishingViewScope(actor);
  if (scope !== "ALL" && !scope.length) return [];
  const c = client ?? (await readDb());
  const reaches =
    scope === "ALL"
      ? Prisma.empty
      : Prisma.sql`AND (${Prisma.join(
          scope.map((p) => Prisma.sql`starts_with(a.path, ${p}::text) OR starts_with(${p}::text, a.path)`),
          " OR ",
        )})`;
  const campaigns = await c.$queryRaw<
    {
      campaignId: string;
      name: string;
      windowStart: Date;
      clickRateTarget: number | null;
      reportRateTarget: number | null;
      agencyId: string;
      agencyPath: string;
    }[]
  >`
    SELECT k.id::text AS "campaignId", k.name, k."windowStart", k."clickRateTarget", k."reportRateTarget",
      k."agencyId"::text AS "agencyId", a.path AS "agencyPath"
    FROM "PhishingCampaign" k JOIN "Agency" a ON a.id = k."agencyId"
    WHERE (k."clickRateTarget" IS NOT NULL OR k."reportRateTarget" IS NOT NULL)
      AND k.status::text = ANY(${STARTED}::text[])
      ${reaches}
    ORDER BY k."windowStart" DESC, k.id
    LIMIT 3`;
  if (!campaigns.length) return [];
  const counts = await cachedDrillCounts(
    campaigns.map((k) => k.campaignId),
    c,
  );
  const out: DrillTargetFigure[] = [];
  for (const k of campaigns) {
    const raw = counts.get(k.campaignId)!;
    const sum = { delivered: 0, prone: 0, reported: 0 };
    const add = (o: OwnDrill) => {
      sum.delivered += o.delivered;
      sum.prone += o.prone;
      sum.reported += o.reported;
    };
    if (scope === "ALL" || inScope(scope, k.agencyPath)) for (const o of raw.values()) add(o);
    else {
      // A part of the campaign: the recipients placed (as on the results page) at agencies in scope.
      const tree = await planTree({ id: k.agencyId, path: k.agencyPath }, c);
      for (const [agencyId, o] of placedInTree(tree, k.agencyId, raw))
        if (inScope(scope, tree.paths.get(agencyId) ?? "")) add(o);
    }
    out.push({
      campaignId: k.campaignId,
      name: k.name,
      windowStart: k.windowStart,
      clickRateTarget: k.clickRateTarget,
      reportRateTarget: k.reportRateTarget,
      ...sum,
      pronePercent: ratePercent(sum.prone, sum.delivered),
      reportPercent: ratePercent(sum.reported, sum.delivered),
      clickMet: k.clickRateTarget === null ? null : clickTargetMet(sum, k.clickRateTarget),
      reportMet: k.reportRateTarget === null ? null : reportTargetMet(sum, k.reportRateTarget),
    });
  }
  return out;
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
