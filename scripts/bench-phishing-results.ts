// The results page of a 30,000-recipient campaign beside the province targets dashboard, on PostgreSQL: CPU
// per request of each loader's work (this process + the PostgreSQL backends serving it), p50 wall time, over
// BENCH_RUNS runs (20) after a warm-up. Target: the results page no slower than the dashboard. Uses bench:targets'
// province set (30,000 people, ~300 agencies; database hoc_bench_targets_province<BENCH_DB_SUFFIX>, kept), adds
// one campaign at the province with one recipient per active person and random events (set-based SQL), and
// deletes it at the end. Meant to be folded into `npm run bench:phishing`: measureResultsBeside(url, planId).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { ms, percentile } from "./lib/bench.ts";
import { type Shape, benchSet } from "./lib/bench-targets-data.ts";
import { cpuMsOf, readProcStat } from "./lib/proc.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PROVINCE: Shape = {
  name: "province",
  people: 30_000,
  provinces: 1,
  depts: 20,
  units: 4,
  communes: 198,
  completionsPerPerson: 5,
};

/** A campaign at the province root with every active person as a recipient and random events. */
export async function plantCampaign(c: pg.Client): Promise<string> {
  const campaignId = randomUUID();
  const versionId = randomUUID();
  const templateId = randomUUID();
  await c.query("BEGIN");
  await c.query(`INSERT INTO "PhishingTemplate" (id, code, "updatedAt") VALUES ($1, $2, now())`, [
    templateId,
    `bench-${templateId.slice(0, 8)}`,
  ]);
  await c.query(
    `INSERT INTO "PhishingTemplateVersion" (id, "templateId", version, "contentHash", title, "senderName",
       "senderAddress", subject, difficulty, "redFlags", "lessonMarkdown", "emailHtml", "emailText", "landingHtml")
     VALUES ($1, $2, 1, $3, 'Bench', 'Bench', 'bench@bench.example', 'Bench', 2, '[]', '', '', '', '')`,
    [versionId, templateId, randomUUID()],
  );
  const { rows } = await c.query<{ id: string }>(
    `SELECT id FROM "Agency" WHERE "parentId" IS NULL AND active ORDER BY depth LIMIT 1`,
  );
  await c.query(
    `INSERT INTO "PhishingCampaign" (id, name, "agencyId", "templateVersionIds", "windowStart", "windowEnd",
       "linksExpireAt", status, "createdById", "clickRateTarget", "reportRateTarget", "updatedAt")
     VALUES ($1, 'Bench', $2, ARRAY[$3]::uuid[], now() - interval '2 days', now() + interval '5 days',
       now() + interval '30 days', 'RUNNING', $4, 10, 40, now())`,
    [campaignId, rows[0]!.id, versionId, randomUUID()],
  );
  // ~95 % delivered, 30 % opened, 12 % clicked, 5 % submitted, 25 % reported within 0–48 h.
  await c.query(
    `INSERT INTO "PhishingRecipient" (id, "campaignId", "personId", "agencyId", email, "templateVersionId",
       "scheduledAt", "queuedAt", "deliveredAt", "openedAt", "clickedAt", "submittedAt", "reportedAt")
     SELECT gen_random_uuid(), $1, p.id, p."agencyId", p.email, $2, t0, t0, d,
       CASE WHEN r1 < 0.30 THEN d + interval '5 min' END,
       CASE WHEN r2 < 0.12 THEN d + interval '7 min' END,
       CASE WHEN r2 < 0.05 THEN d + interval '9 min' END,
       CASE WHEN r3 < 0.25 THEN d + (r4 * interval '48 hours') END
     FROM (SELECT p.*, now() - interval '2 days' AS t0,
             CASE WHEN random() < 0.95 THEN now() - interval '2 days' + random() * interval '8 hours' END AS d,
             random() AS r1, random() AS r2, random() AS r3, random() AS r4
           FROM "Person" p WHERE p.active) p`,
    [campaignId, versionId],
  );
  await c.query("COMMIT");
  await c.query(`ANALYZE "PhishingRecipient"`);
  return campaignId;
}

export async function dropCampaign(c: pg.Client, campaignId: string) {
  await c.query("BEGIN");
  const { rows } = await c.query<{ v: string[] }>(
    `SELECT "templateVersionIds"::text[] AS v FROM "PhishingCampaign" WHERE id = $1`,
    [campaignId],
  );
  await c.query(`DELETE FROM "PhishingRecipient" WHERE "campaignId" = $1`, [campaignId]);
  await c.query(`DELETE FROM "PhishingCampaign" WHERE id = $1`, [campaignId]);
  const versions = rows[0]?.v ?? [];
  const t = await c.query<{ t: string }>(
    `DELETE FROM "PhishingTemplateVersion" WHERE id = ANY($1::uuid[]) RETURNING "templateId"::text AS t`,
    [versions],
  );
  await c.query(`DELETE FROM "PhishingTemplate" WHERE id = ANY($1::uuid[])`, [t.rows.map((r) => r.t)]);
  await c.query("COMMIT");
}

type Series = { p50: number; p95: number; cpuNode: number; cpuPg: number };

/** Runs `once` RUNS times after a warm-up; CPU of this process and of the database's backends per run. */
async function series(url: string, once: () => Promise<unknown>, runs = RUNS): Promise<Series> {
  await once();
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  const backendCpuMs = async () => {
    const { rows } = await probe.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.reduce((sum, r) => sum + (readProcStat(r.pid) ? cpuMsOf(readProcStat(r.pid)!) : 0), 0);
  };
  const pg0 = await backendCpuMs();
  const node0 = process.cpuUsage();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    times.push(ms(t0));
  }
  const node = process.cpuUsage(node0);
  const pgMs = (await backendCpuMs()) - pg0;
  await probe.end();
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    cpuNode: (node.user + node.system) / 1000 / runs,
    cpuPg: pgMs / runs,
  };
}

/** The results page (30,000 recipients) beside the province dashboard, on the set at `url`. */
export async function measureResultsBeside(url: string, planId: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const campaignId = await plantCampaign(c);
  try {
    process.env.DATABASE_URL = url;
    const { closeDb } = await import("../app/db.server.ts");
    const { resolveView } = await import("../app/modules/targets/view.server.ts");
    const { dashboardData } = await import("../app/modules/targets/dashboard.server.ts");
    const { drillTargets } = await import("../app/modules/phishing/results.server.ts");
    const { resultsPage } = await import("../app/modules/phishing/results-page.server.ts");
    const { resultsQuery } = await import("../app/modules/phishing/results-query.ts");
    const admin = {
      userId: randomUUID(),
      email: "bench@x",
      personId: null,
      fullName: "Bench",
      locale: "vi" as const,
      mustChangePassword: false,
      grants: [{ role: "ADMIN" as const, agencyId: null, agencyPath: null }],
    };
    const q = {
      plan: planId,
      target: undefined,
      agency: undefined,
      snapshot: undefined,
      kind: "ALL" as const,
    };
    // The loaders' work after the session: the dashboard as its route asks (drill targets included), the page.
    const dashboard = async () => {
      const view = (await resolveView(q, "ALL", undefined, { shownOnly: true }))!;
      await drillTargets(admin);
      return dashboardData(view, admin, "ALL", "vi");
    };
    const trainingOnly = async () => {
      const view = (await resolveView(q, "ALL", undefined, { shownOnly: true }))!;
      return dashboardData(view, admin, "ALL", "vi");
    };
    const query = resultsQuery.parse({});
    const results = () => resultsPage(admin, campaignId, query);
    const first = await results();
    console.log(
      `  campaign: ${first.total.recipients} recipients, ${first.total.delivered} delivered, ` +
        `phish-prone ${first.total.pronePercent?.toFixed(1)} %, report rate ${first.total.reportPercent?.toFixed(1)} %, ` +
        `median time to report ${((first.total.medianReportMs ?? 0) / 60_000).toFixed(0)} min; ${first.rows.length} rows shown`,
    );
    // Every request reading the counts (a cache miss each time), then as the app runs (counts reused for
    // PHISHING_RESULTS_CACHE_SECONDS, 10 by default: a series of runs takes less, so these are hits).
    process.env.PHISHING_RESULTS_CACHE_SECONDS = "0";
    const dCold = await series(url, dashboard);
    const rCold = await series(url, results);
    delete process.env.PHISHING_RESULTS_CACHE_SECONDS;
    const before = await series(url, trainingOnly);
    const d = await series(url, dashboard);
    const r = await series(url, results);
    const fmt = (s: Series) =>
      `CPU ${(s.cpuNode + s.cpuPg).toFixed(1)} ms per request (Node ${s.cpuNode.toFixed(1)}, PostgreSQL ${s.cpuPg.toFixed(1)}), ` +
      `p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`;
    console.log(`  province dashboard (/targets) without drill targets (as before): ${fmt(before)}`);
    console.log(`  province dashboard with drill targets, counts cached:            ${fmt(d)}`);
    console.log(`  province dashboard with drill targets, counts read every time:   ${fmt(dCold)}`);
    console.log(`  results page, 30,000 recipients, counts cached:                  ${fmt(r)}`);
    console.log(`  results page, 30,000 recipients, counts read every time:         ${fmt(rCold)}`);
    const cpu = (s: Series) => s.cpuNode + s.cpuPg;
    const ratio = cpu(r) / cpu(before);
    console.log(
      `  results ÷ dashboard (as before) CPU: cached ${ratio.toFixed(2)} ${ratio <= 1 ? "≤ 1 ✓ no slower" : "> 1 ✗ slower"}, ` +
        `read every time ${(cpu(rCold) / cpu(before)).toFixed(2)}`,
    );
    await closeDb();
    return { dashboard: d, dashboardCold: dCold, trainingOnly: before, results: r, resultsCold: rCold };
  } finally {
    await dropCampaign(c, campaignId);
    await c.end();
  }
}

async function main() {
  console.log(
    `bench:phishing-results — results page vs province dashboard on PostgreSQL (${RUNS} runs each)`,
  );
  const set = await benchSet(
    `hoc_bench_targets_province${process.env.BENCH_DB_SUFFIX ?? ""}`,
    PROVINCE,
    false,
  );
  await measureResultsBeside(set.url, set.planId);
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
