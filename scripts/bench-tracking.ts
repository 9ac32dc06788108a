// `npm run bench:tracking`: the drill's tracking endpoints beside the lesson page, on the built server and
// PostgreSQL (a fresh database with the demo data and a running campaign of 30,000 recipients): the open pixel
// (/t/o/<t>.gif) and a repeated click (/t/c/<t>) of one recipient, first clicks over many recipients (each
// request another token: the UPDATE, the follow-up member's INSERT and the landing page), and
// /courses/attt-co-ban/lessons/1 signed in. Prints requests/s, p50/p99, CPU ms per request (server and
// PostgreSQL), and each endpoint's requests/s ÷ the lesson's (target ≥ 5). BENCH_SECONDS (5),
// BENCH_CONCURRENCY ("20"), BENCH_PROCESSES (1 here), BENCH_PORT (3600), BENCH_RECIPIENTS (30000).
import { createHmac } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchOptions } from "./lib/bench-options.ts";
import {
  addSessions,
  benchTrees,
  fmt as f,
  startServers,
  withClient,
  type RunningServer,
} from "./lib/bench-trees.ts";
import { databaseCpuMsSince, databaseCpuReading, serverCpuMs, settle, type LoadResult } from "./lib/load.ts";
import { runPagesWrk, runWrk } from "./lib/wrk.ts";

process.env.BENCH_PROCESSES ??= "1";
const OPTIONS = benchOptions({ seconds: 5, port: 3600 });
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "20").split(",").map(Number);
const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 30_000);
const PATHS_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "lib/wrk-paths.lua");
const LEARNER = "hocvien@langson.gov.vn";

/** The token of app/modules/phishing/token.server.ts (kept in step with it: 16-byte id ‖ 12-byte MAC). */
function sign(key: Buffer, id: string): string {
  const raw = Buffer.from(id.replace(/-/g, ""), "hex");
  const mac = createHmac("sha256", key).update("hoc-phish:").update(raw).digest().subarray(0, 12);
  return Buffer.concat([raw, mac]).toString("base64url");
}

type Seeded = { cookies: string[]; tokens: string[] };

async function seed(url: string): Promise<Seeded> {
  return withClient(url, async (c) => {
    const { rows: users } = await c.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [
      LEARNER,
    ]);
    if (!users[0]) throw new Error(`no account ${LEARNER} in the demo data`);
    const cookies = await addSessions(c, Array<string>(50).fill(users[0].id));
    const { rows: courses } = await c.query<{ id: string }>(
      `SELECT id FROM "Course" WHERE code = 'attt-co-ban'`,
    );
    const { rows: agencies } = await c.query<{ id: string }>(
      `SELECT id FROM "Agency" ORDER BY depth LIMIT 1`,
    );
    const agencyId = agencies[0]!.id;
    const { rows: tpl } = await c.query<{ id: string }>(
      `INSERT INTO "PhishingTemplate" (id, code, "updatedAt") VALUES (gen_random_uuid(), 'bench-mau', now()) RETURNING id`,
    );
    const { rows: ver } = await c.query<{ id: string }>(
      `INSERT INTO "PhishingTemplateVersion" (id, "templateId", version, "contentHash", title, "senderName",
         "senderAddress", subject, difficulty, "redFlags", "lessonMarkdown", "emailHtml", "emailText", "landingHtml")
       VALUES (gen_random_uuid(), $1, 1, 'bench', 'Mẫu đo', 'Cổng dịch vụ công (giả lập)', 'tb@dvc-gov.example',
         'Cập nhật hồ sơ', 2, '[{"id":"sender","title":"Người gửi lạ","explanation":"Tên miền lạ"}]',
         'Kiểm tra người gửi.', '<a data-flag="link" href="{{link}}">Cập nhật</a>', '{{link}}',
         '<h1>Cổng dịch vụ công</h1><form method="post" action="{{submit_url}}"><label>Mã định danh <input name="ma"></label><button>Gửi</button></form>')
       RETURNING id`,
      [tpl[0]!.id],
    );
    const { rows: asg } = await c.query<{ id: string }>(
      `INSERT INTO "Assignment" (id, "courseId", "createdById", title, standing, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, 'Bồi dưỡng sau diễn tập', false, now()) RETURNING id`,
      [courses[0]!.id, users[0].id],
    );
    const { rows: camp } = await c.query<{ id: string }>(
      `INSERT INTO "PhishingCampaign" (id, name, "agencyId", "templateVersionIds", "windowStart", "windowEnd",
         "linksExpireAt", landing, "followUpCourseId", "followUpAssignmentId", status, "createdById", "updatedAt")
       VALUES (gen_random_uuid(), 'Đo tải', $1, ARRAY[$2::uuid], now() - interval '1 hour', now() + interval '7 days',
         now() + interval '30 days', 'FORM', $3, $4, 'RUNNING', $5, now()) RETURNING id`,
      [agencyId, ver[0]!.id, courses[0]!.id, asg[0]!.id, users[0].id],
    );
    await c.query(
      `INSERT INTO "Person" (id, "fullName", email, "agencyId", "staffCategory", "updatedAt")
       SELECT gen_random_uuid(), 'Người đo ' || i, 'do.tai.' || i || '@bench.test', $1, 'CONG_CHUC', now()
       FROM generate_series(1, $2::int) i`,
      [agencyId, RECIPIENTS],
    );
    const { rows: rec } = await c.query<{ id: string }>(
      `INSERT INTO "PhishingRecipient" (id, "campaignId", "personId", "agencyId", email, "templateVersionId",
         "scheduledAt", "queuedAt", "deliveredAt")
       SELECT gen_random_uuid(), $1, p.id, p."agencyId", p.email, $2, now(), now(), now()
       FROM "Person" p WHERE p.email LIKE 'do.tai.%@bench.test' RETURNING id`,
      [camp[0]!.id, ver[0]!.id],
    );
    await c.query("ANALYZE");
    const { rows: key } = await c.query<{ k: Buffer }>(
      `SELECT "tokenKey" AS k FROM "PhishingSettings" WHERE id = 1`,
    );
    return { cookies, tokens: rec.map((r) => sign(key[0]!.k, r.id)) };
  });
}

async function manyPaths(
  port: number,
  paths: string[],
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const r = await runWrk<{ bytes: number; non200: number }>(PATHS_SCRIPT, {
    port,
    concurrency,
    seconds,
    path: paths[0]!,
    files: { paths: paths.join("\n") + "\n" },
    args: (dir) => [path.join(dir, "paths"), String(concurrency)],
  });
  return {
    requests: r.requests,
    errors: r.line.non200 + r.socketErrors,
    samples: r.samples,
    seconds: r.seconds,
    rps: r.requests / r.seconds,
    p50: r.p50,
    p99: r.p99,
    bytes: r.line.bytes,
    generatorCpuMs: r.generatorCpuMs,
  };
}

async function main() {
  const prepared = await benchTrees(`hoc_bench_track_${OPTIONS.basePort}`, undefined);
  const servers: RunningServer[] = [];
  try {
    const tree = prepared.trees[0]!;
    console.log(`› ${RECIPIENTS} recipients, sessions…`);
    const { cookies, tokens } = await seed(tree.db);
    let nextFirst = 1; // tokens[0] is the repeated one
    for (const processes of OPTIONS.processCounts) {
      servers.push(...(await startServers([tree], processes, OPTIONS.basePort, OPTIONS.nodeArgs)));
      const server = servers[servers.length - 1]!;
      const port = server.port;
      console.log(
        `\nTracking vs lesson on PostgreSQL, ${OPTIONS.seconds} s per measurement, ${processes} process(es), ${os.availableParallelism()} cores`,
      );
      const cases = [
        {
          name: "lesson page",
          run: (c: number, s: number) =>
            runPagesWrk({
              port,
              path: "/courses/attt-co-ban/lessons/1",
              cookies,
              concurrency: c,
              seconds: s,
            }),
        },
        {
          name: "open pixel",
          run: (c: number, s: number) =>
            runPagesWrk({ port, path: `/t/o/${tokens[0]}.gif`, cookies: [""], concurrency: c, seconds: s }),
        },
        {
          name: "repeat click",
          run: (c: number, s: number) =>
            runPagesWrk({ port, path: `/t/c/${tokens[0]}`, cookies: [""], concurrency: c, seconds: s }),
        },
        {
          name: "first clicks",
          run: (c: number, s: number) => {
            const slice = tokens.slice(nextFirst);
            nextFirst = tokens.length; // a second run wraps to clicked ones: printed as such below
            return manyPaths(
              port,
              slice.map((t) => `/t/c/${t}`),
              c,
              s,
            );
          },
        },
      ];
      for (const c of cases) await c.run(10, 2).catch(() => undefined); // warm-up
      nextFirst = 1 + 0;
      await withClient(tree.db, (cl) =>
        cl.query(`UPDATE "PhishingRecipient" SET "clickedAt" = NULL, "followUpAt" = NULL, "openedAt" = NULL`),
      );
      await withClient(tree.db, (cl) =>
        cl.query(
          `DELETE FROM "AssignmentMember" m USING "Assignment" a WHERE a.id = m."assignmentId" AND a.title = 'Bồi dưỡng sau diễn tập'`,
        ),
      );
      for (const concurrency of LEVELS) {
        let lesson = 0;
        for (const c of cases) {
          await settle(server.child.pid!);
          const cpu0 = serverCpuMs(server.child.pid!);
          const db0 = databaseCpuReading();
          const r = await c.run(concurrency, OPTIONS.seconds);
          const cpu = serverCpuMs(server.child.pid!) - cpu0;
          const dbCpu = databaseCpuMsSince(db0);
          if (c.name === "lesson page") lesson = r.rps;
          const ratio = c.name === "lesson page" ? "" : `  ×${f(r.rps / lesson, 1)} the lesson`;
          console.log(
            `  ${c.name.padEnd(13)} c=${String(concurrency).padEnd(3)} ${f(r.rps).padStart(8)} req/s  p50 ${f(r.p50).padStart(6)} ms  p99 ${f(r.p99).padStart(7)} ms` +
              `  errors ${r.errors}  CPU ${f(cpu / Math.max(1, r.requests), 2)} ms/req (db ${f(dbCpu / Math.max(1, r.requests), 2)})${ratio}` +
              (c.name === "first clicks" && r.requests > tokens.length - 1
                ? `  (${r.requests - tokens.length + 1} were repeats)`
                : "") +
              (r.samples.length ? `  (${r.samples.join("; ")})` : ""),
          );
        }
      }
      const [counts] = await withClient(
        tree.db,
        async (cl) =>
          (
            await cl.query<{ clicked: number; members: number }>(
              `SELECT (SELECT count(*) FROM "PhishingRecipient" WHERE "clickedAt" IS NOT NULL)::int AS clicked,
             (SELECT count(*) FROM "AssignmentMember" m JOIN "Assignment" a ON a.id = m."assignmentId" WHERE a.title = 'Bồi dưỡng sau diễn tập')::int AS members`,
            )
          ).rows,
      );
      console.log(`  recorded: ${counts!.clicked} clicks, ${counts!.members} follow-up members`);
      await server.stop();
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    await prepared.cleanup();
  }
}

await main();
