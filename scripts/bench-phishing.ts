// `npm run bench:phishing`: the three figures of a phishing drill at province size, in one run, on PostgreSQL.
// 1. Planning a campaign to 30,000 people (planCampaign: the audience, exclusions, the mail-domain rule, a
//    random template and send time per recipient, the follow-up assignment), beside giving one course to the
//    same 30,000 (createAssignment) — target < 10 s.
// 2. The tracking endpoints' requests/s and CPU per request beside the lesson page's, 1 server process:
//    the open pixel and first clicks over distinct tokens, and repeated clicks of one token — target ≥ 5× the
//    lesson page's requests/s.
// 3. The campaign's results page (30,000 recipients, the events of step 2) beside the province dashboard
//    (/targets) — target: no slower.
// The database is `hoc_bench_phishing_<BENCH_PORT>` on BENCH_SERVER_URL (default 127.0.0.1:5432), built from
// the demo data with BENCH_PEOPLE people (default 30,000) and dropped afterwards. BENCH_SECONDS (default 5),
// BENCH_CONCURRENCY ("1,20"), BENCH_PORT (3320); the load comes from wrk (scripts/lib/wrk.ts).
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { benchOptions } from "./lib/bench-options.ts";
import { addSessions, admin, fmt as f, prepareTree, root, withClient } from "./lib/bench-trees.ts";
import { databaseCpuMsSince, databaseCpuReading, serverCpuMs, settle, type LoadResult } from "./lib/load.ts";
import { prodEnv, startProdServer, type ProdServer } from "./lib/prod-server.ts";
import { describeGenerator, loadGenerator, runPageLoad, runWrk, toLoadResult } from "./lib/wrk.ts";

const OPTIONS = benchOptions({ seconds: 5, port: 3320 });
const SECONDS = OPTIONS.seconds;
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,20").split(",").map(Number);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 30_000);
const GENERATOR = loadGenerator();
const PATHS_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "lib/wrk-paths.lua");
const SESSIONS = 50;

type Measured = { name: string; concurrency: number; r: LoadResult; cpuMs: number; dbCpuMs: number };

const perReq = (x: Measured, v: number) => v / Math.max(1, x.r.requests);

function print(x: Measured) {
  console.log(
    `  ${x.name.padEnd(34)} c=${String(x.concurrency).padEnd(3)} ${f(x.r.rps).padStart(7)} req/s` +
      `  p50 ${f(x.r.p50).padStart(6)} ms  p99 ${f(x.r.p99).padStart(7)} ms  errors ${String(x.r.errors).padStart(3)}` +
      `  CPU ${f(perReq(x, x.cpuMs), 2).padStart(6)} ms/req (db ${f(perReq(x, x.dbCpuMs), 2)})` +
      (x.r.samples.length ? `  (${x.r.samples.slice(0, 2).join("; ")})` : ""),
  );
}

/** wrk over a list of paths (wrk-paths.lua): each request the next path, threads interleaved. */
async function runPaths(
  port: number,
  paths: string[],
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  return toLoadResult(
    await runWrk<{ bytes: number; non200: number }>(PATHS_SCRIPT, {
      port,
      concurrency,
      seconds,
      path: paths[0]!,
      files: { paths: paths.join("\n") + "\n" },
      args: (dir) => [path.join(dir, "paths"), String(concurrency)],
    }),
  );
}

async function measure(
  server: ProdServer,
  name: string,
  concurrency: number,
  load: () => Promise<LoadResult>,
): Promise<Measured> {
  await settle(server.child.pid!);
  const cpu0 = serverCpuMs(server.child.pid!);
  const db0 = databaseCpuReading();
  const r = await load();
  const m = {
    name,
    concurrency,
    r,
    cpuMs: serverCpuMs(server.child.pid!) - cpu0,
    dbCpuMs: databaseCpuMsSince(db0),
  };
  print(m);
  return m;
}

async function main() {
  const dbName = `hoc_bench_phishing_${OPTIONS.basePort}`;
  process.env.DEMO_PEOPLE = String(PEOPLE);
  const tree = await prepareTree("this tree", root, dbName);
  let server: ProdServer | undefined;
  try {
    // --- 1. Planning, in this process through the app's modules.
    process.env.DATABASE_URL = tree.db;
    const { db, closeDb, LONG_TX } = await import("../app/db.server.ts");
    const { makeTemplateVersion, makeCampaign } = await import("../test/fixtures/phishing.ts");
    const { planCampaign } = await import("../app/modules/phishing/plan.server.ts");
    const { createAssignment } = await import("../app/modules/assignments/assignments.server.ts");
    const { signWithKey } = await import("../app/modules/phishing/token.server.ts");

    const province = await db.agency.findFirstOrThrow({ where: { parentId: null, kind: "PROVINCE" } });
    const people = await db.person.count({ where: { active: true } });
    const adminUser = await db.user.findFirstOrThrow({ where: { grants: { some: { role: "ADMIN" } } } });
    const course = await db.course.findFirstOrThrow({ where: { code: "attt-co-ban" } });
    const domains = await db.$queryRaw<{ d: string }[]>`
      SELECT DISTINCT lower(split_part(email, '@', 2)) AS d FROM "Person"`;
    process.env.PHISHING_ALLOWED_DOMAINS = domains.map((r) => r.d).join(",");
    const templates = [await makeTemplateVersion(), await makeTemplateVersion(), await makeTemplateVersion()];
    await db.$executeRawUnsafe("ANALYZE");

    const now = new Date();
    const campaign = await makeCampaign({
      agencyId: province.id,
      createdById: adminUser.id,
      status: "PENDING_APPROVAL",
      templateVersionIds: templates.map((t) => t.id),
      followUpCourseId: course.id,
      windowStart: now,
      windowEnd: new Date(now.getTime() + 14 * 86_400_000),
      landing: "FORM",
    });
    let t0 = performance.now();
    const planned = await db.$transaction((tx) => planCampaign(tx, campaign.id, now), LONG_TX);
    const planMs = performance.now() - t0;
    const recipients = await db.phishingRecipient.count({ where: { campaignId: campaign.id } });
    if (planned !== recipients)
      throw new Error(`planCampaign said ${planned}, the table holds ${recipients}`);
    t0 = performance.now();
    const assigned = await createAssignment(
      "ALL",
      { courseId: course.id, agencyId: province.id, includeSubagencies: true, dueDays: 30, standing: false },
      adminUser.id,
    );
    const assignMs = performance.now() - t0;
    console.log(
      `\n1. Planning a campaign to the province (${people} active people, ${os.availableParallelism()} cores):` +
        `\n  planCampaign: ${recipients} recipients in ${f(planMs / 1000, 2)} s (target < 10 s)` +
        `\n  createAssignment, same audience: ${assigned.count} members in ${f(assignMs / 1000, 2)} s` +
        `\n  ratio planning ÷ assignment: ${f(planMs / assignMs, 2)}×`,
    );
    if (recipients < people * 0.9) throw new Error(`only ${recipients} of ${people} people were planned`);

    // The campaign as sending leaves it: running, every email delivered.
    await db.$executeRaw`UPDATE "PhishingCampaign" SET status = 'RUNNING', "startedAt" = now() WHERE id = ${campaign.id}::uuid`;
    await db.$executeRaw`
      UPDATE "PhishingRecipient" SET "queuedAt" = now() - interval '1 hour', "deliveredAt" = now() - interval '50 minutes'
      WHERE "campaignId" = ${campaign.id}::uuid`;
    const key = Buffer.from((await db.phishingSettings.findUniqueOrThrow({ where: { id: 1 } })).tokenKey);
    const ids = (
      await db.phishingRecipient.findMany({ where: { campaignId: campaign.id }, select: { id: true } })
    ).map((r) => r.id);
    const tokens = ids.map((id) => signWithKey(key, id));
    // A tenth report the email, some hours in: the results page has medians to compute.
    await db.$executeRaw`
      UPDATE "PhishingRecipient" SET "reportedAt" = "deliveredAt" + (abs(hashtext(id::text)) % 300) * interval '1 minute'
      WHERE "campaignId" = ${campaign.id}::uuid AND abs(hashtext(id::text)) % 10 = 0`;
    await db.$executeRawUnsafe("ANALYZE");
    await closeDb();

    // --- 2 and 3: the built server, one process.
    const cookies = await withClient(tree.db, async (c) => {
      const out: Record<string, string[]> = {};
      for (const [who, email] of [
        ["learner", "hocvien@langson.gov.vn"],
        ["reviewer", "sonoivu@langson.gov.vn"],
        ["admin", "quantri@langson.gov.vn"],
      ] as const) {
        const { rows } = await c.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
        if (!rows[0]) throw new Error(`no account ${email} in the demo data`);
        out[who] = await addSessions(c, Array<string>(SESSIONS).fill(rows[0].id));
      }
      return out;
    });
    server = await startProdServer({
      cwd: root,
      env: prodEnv(tree.db, {
        WEB_CONCURRENCY: "1",
        PHISHING_ALLOWED_DOMAINS: process.env.PHISHING_ALLOWED_DOMAINS,
      }),
      port: OPTIONS.basePort,
      nodeArgs: OPTIONS.nodeArgs,
    });
    const port = server.port;
    const page = (p: string, who: string, c: number, s = SECONDS) =>
      runPageLoad(GENERATOR, { port, path: p, cookies: cookies[who]!, concurrency: c, seconds: s });
    console.log(
      `\n2. Tracking vs the lesson page, 1 process, ${SECONDS} s each, ${describeGenerator(GENERATOR)}`,
    );
    // Warm-up: plans, JIT; the tokens of the warm-up are the list's last ones, kept out of the measurements.
    await page("/courses/attt-co-ban/lessons/1", "learner", 10, 2);
    const warm = tokens.splice(-2000);
    await runPaths(
      port,
      warm.map((t) => `/t/o/${t}.gif`),
      10,
      2,
    );
    await runPaths(
      port,
      warm.map((t) => `/t/c/${t}`),
      10,
      2,
    );

    const rows: Measured[] = [];
    const half = Math.floor(tokens.length / 2);
    const openTokens = tokens.slice(0, half);
    const clickTokens = tokens.slice(half);
    for (const c of LEVELS) {
      rows.push(
        await measure(server, "lesson page", c, () => page("/courses/attt-co-ban/lessons/1", "learner", c)),
      );
      rows.push(
        await measure(server, "open pixel, distinct tokens", c, () =>
          runPaths(
            port,
            openTokens.map((t) => `/t/o/${t}.gif`),
            c,
            SECONDS,
          ),
        ),
      );
      rows.push(
        await measure(server, "click, distinct tokens (first)", c, () =>
          runPaths(
            port,
            clickTokens.map((t) => `/t/c/${t}`),
            c,
            SECONDS,
          ),
        ),
      );
      rows.push(
        await measure(server, "click, one token (repeat)", c, () =>
          runPaths(port, [`/t/c/${clickTokens[0]}`], c, SECONDS),
        ),
      );
    }
    const clicked = await withClient(tree.db, async (c) => {
      const { rows: r } = await c.query<{ clicked: number; opened: number; members: number }>(
        `SELECT count(*) FILTER (WHERE "clickedAt" IS NOT NULL)::int AS clicked,
                count(*) FILTER (WHERE "openedAt" IS NOT NULL)::int AS opened,
                (SELECT count(*)::int FROM "AssignmentMember" m JOIN "PhishingCampaign" pc
                   ON pc."followUpAssignmentId" = m."assignmentId" WHERE pc.id = $1) AS members
         FROM "PhishingRecipient" WHERE "campaignId" = $1`,
        [campaign.id],
      );
      return r[0]!;
    });
    console.log(
      `  recorded: ${clicked.opened} opens, ${clicked.clicked} clicks, ${clicked.members} follow-up course members`,
    );
    console.log(`  requests/s ÷ the lesson page's (target ≥ 5×):`);
    for (const c of LEVELS) {
      const lesson = rows.find((x) => x.name === "lesson page" && x.concurrency === c)!;
      const parts = rows
        .filter((x) => x.concurrency === c && x !== lesson)
        .map(
          (x) =>
            `${x.name} ${f(x.r.rps / lesson.r.rps, 2)}× (CPU ${f(perReq(lesson, lesson.cpuMs) / perReq(x, x.cpuMs), 2)}× less)`,
        );
      console.log(`    c=${c}: ${parts.join("; ")}`);
    }

    console.log(`\n3. Results of the ${recipients}-recipient campaign vs the province dashboard, 1 process`);
    const results: Measured[] = [];
    await page(`/phishing/${campaign.id}/results`, "reviewer", 4, 2);
    await page("/targets", "reviewer", 4, 2);
    for (const c of LEVELS) {
      results.push(
        await measure(server, "campaign results (reviewer)", c, () =>
          page(`/phishing/${campaign.id}/results`, "reviewer", c),
        ),
      );
      results.push(
        await measure(server, "province dashboard (reviewer)", c, () => page("/targets", "reviewer", c)),
      );
    }
    for (const c of LEVELS) {
      const [r, d] = [results[LEVELS.indexOf(c) * 2]!, results[LEVELS.indexOf(c) * 2 + 1]!];
      console.log(
        `  c=${c}: results ÷ dashboard requests/s ${f(r.r.rps / d.r.rps, 2)}× (target ≥ 1), ` +
          `CPU ms/req ${f(perReq(r, r.cpuMs), 2)} vs ${f(perReq(d, d.cpuMs), 2)}`,
      );
    }
    const errors = [...rows, ...results].reduce((s, x) => s + x.r.errors, 0);
    console.log(
      `\n${errors} errors in total; load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
    if (errors) process.exitCode = 1;
  } finally {
    await server?.stop();
    await admin(async (c) => c.query(`DROP DATABASE IF EXISTS "${tree.db.split("/").pop()}" WITH (FORCE)`));
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
