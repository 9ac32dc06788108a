// `npm run bench:quiz [-- --rev <git-rev>]`: quiz throughput of the built server (`node server.js`, as in
// production) on PostgreSQL with 1 and with N processes (WEB_CONCURRENCY; BENCH_PROCESSES, default every
// core). BENCH_WORKERS (50) keep-alive clients, each a signed-in learner who has read the lessons of the demo
// course, loop over HTTP as the quiz page does: start (POST the course page) → open the paper (the route's
// data) → autosave half the sheet → submit it all. Pass mark 90 and no attempt limit: about one loop in six
// passes, so the pass path (Completion, Certificate) is exercised; a learner who passed is done and the
// client takes a fresh one. Prints submissions/s, p50/p99, errors and the Node CPU-ms per loop (every
// server process, from /proc), then N ÷ 1 and, with `--rev` (built in a temporary worktree, its own
// database, measured interleaved with this tree), this tree ÷ that revision. Afterwards each database must
// hold exactly one grading per submitted attempt. BENCH_SECONDS (per measurement, 10), BENCH_PORT (3320),
// BENCH_WORKERS (50), BENCH_CPU_PROF: scripts/lib/bench-options.ts. The load comes from wrk (the same loop in
// scripts/lib/wrk-quiz.lua), or from this process when wrk is missing or BENCH_LOAD=node; the generator's own
// CPU time is printed too ("load").
import http from "node:http";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { decode } from "turbo-stream";
import { benchOptions } from "./lib/bench-options.ts";
import { percentile } from "./lib/bench.ts";
import {
  addSessions,
  benchTrees,
  fmt as f,
  servingProcesses,
  startServers,
  withClient,
  type BenchTree,
  type RunningServer,
} from "./lib/bench-trees.ts";
import { databaseCpuMsSince, databaseCpuReading, httpRequest, serverCpuMs, settle } from "./lib/load.ts";
import { describeGenerator, loadGenerator, runQuizWrk } from "./lib/wrk.ts";

const OPTIONS = benchOptions({ seconds: 10, port: 3320, workers: 50 });
const SECONDS = OPTIONS.seconds;
const WORKERS = OPTIONS.workers;
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 6000);
const GENERATOR = loadGenerator();
const COURSE = "attt-co-ban";

type Key = { options: string[]; answer: number[] };
type Tree = BenchTree & { cookies: string[]; next: number; bank: Map<string, Key> };

/**
 * LEARNERS learners (person, account, session, enrollment with every lesson read) in the tree's database,
 * and the course's current version set to pass mark 90 without an attempt limit. Plain SQL, the same on
 * both trees.
 */
async function withLearners(tree: BenchTree): Promise<Tree> {
  return withClient(tree.db, async (c) => {
    const { rows: course } = await c.query<{ id: string; versionId: string }>(
      `SELECT id, "currentVersionId" AS "versionId" FROM "Course" WHERE code = $1`,
      [COURSE],
    );
    if (!course[0]?.versionId) throw new Error(`${tree.label}: no course ${COURSE} in the demo data`);
    const { id: courseId, versionId } = course[0];
    await c.query(`UPDATE "CourseVersion" SET "passMark" = 90, "maxAttempts" = NULL WHERE id = $1`, [
      versionId,
    ]);
    const run = tree.db.split("_").pop();
    const { rows: users } = await c.query<{ id: string }>(
      `WITH agency AS (SELECT id FROM "Agency" ORDER BY code LIMIT 1),
       people AS (
         INSERT INTO "Person" (id, "fullName", email, "agencyId", "staffCategory", "updatedAt")
         SELECT gen_random_uuid(), 'Học Viên Đo Thử ' || i, 'bench.quiz.' || $2 || '.' || i || '@bench.gov.vn',
                (SELECT id FROM agency), 'CONG_CHUC', now()
         FROM generate_series(1, $1::int) AS i RETURNING id, email),
       enrolled AS (
         INSERT INTO "Enrollment" (id, "personId", "courseId", "versionId")
         SELECT gen_random_uuid(), id, $3::uuid, $4::uuid FROM people RETURNING id),
       progress AS (
         INSERT INTO "LessonProgress" (id, "enrollmentId", "lessonId")
         SELECT gen_random_uuid(), e.id, l.id FROM enrolled e CROSS JOIN "Lesson" l WHERE l."versionId" = $4::uuid)
       INSERT INTO "User" (id, email, "personId", "updatedAt")
       SELECT gen_random_uuid(), email, id, now() FROM people RETURNING id`,
      [LEARNERS, run, courseId, versionId],
    );
    const cookies = await addSessions(
      c,
      users.map((u) => u.id),
    );
    const { rows: questions } = await c.query<{ id: string; options: string[]; answer: number[] }>(
      `SELECT id, options, answer FROM "Question" WHERE "versionId" = $1`,
      [versionId],
    );
    await c.query("ANALYZE");
    return { ...tree, cookies, next: 0, bank: new Map(questions.map((q) => [q.id, q])) };
  });
}

type Step = "start" | "open" | "save" | "submit";
type Measure = {
  tree: string;
  processes: number;
  loops: number;
  passes: number;
  errors: number;
  samples: string[];
  seconds: number;
  cpuMs: number;
  /** PostgreSQL's CPU time over the window (every postgres process on the machine). */
  dbCpuMs: number;
  /** This process's CPU time over the window: the load generator's. */
  loadCpuMs: number;
  t: Record<Step, number[]>;
  /** wrk's latency of every step (it does not tell the steps apart). */
  latency?: { p50: number; p99: number };
};

type Paper = { mode: string; attempt?: { items: { questionId: string; options: string[] }[] } };

/** A single-fetch (turbo-stream) answer of route data, decoded as Remix's client does. */
async function decodeData(body: string): Promise<Record<string, { data?: Paper }>> {
  const decoded = await decode(new Blob([body]).stream());
  await decoded.done;
  return decoded.value as Record<string, { data?: Paper }>;
}

/** One learner's loop; true when the attempt passed (the learner is done). */
async function loop(
  tree: Tree,
  port: number,
  agent: http.Agent,
  cookie: string,
  m: Measure,
): Promise<boolean> {
  const req = (p: string, form?: URLSearchParams) => httpRequest({ agent, port, path: p, cookie, form });
  const step = async (name: Step, p: string, form?: URLSearchParams) => {
    const t0 = performance.now();
    const r = await req(p, form);
    m.t[name].push(performance.now() - t0);
    return r;
  };
  const started = await step("start", `/courses/${COURSE}?index`, new URLSearchParams({ intent: "start" }));
  const to = started.headers.location ?? "";
  if (started.status !== 302 || !to.startsWith("/attempts/"))
    throw new Error(`start: ${started.status} ${to}`);
  // As the page's client navigation asks for it: every route's loader of /attempts/<id>, single fetch.
  const opened = await step("open", `${to}.data`);
  if (opened.status !== 200) throw new Error(`open: ${opened.status} ${opened.body.slice(0, 100)}`);
  const page = (await decodeData(opened.body))["routes/attempts.$attemptId"]?.data;
  if (!page?.attempt) throw new Error(`open: ${page?.mode ?? opened.body.slice(0, 100)}`);
  const right = Math.floor(Math.random() * 11); // 0–10 right answers
  const sheet = page.attempt.items.map((item, i) => {
    const key = tree.bank.get(item.questionId)!;
    // The page shows option texts; map the right ones back to display positions.
    const correct = item.options.flatMap((text, d) =>
      key.answer.includes(key.options.indexOf(text)) ? [d] : [],
    );
    return [
      item.questionId,
      i < right ? correct : [item.options.findIndex((_, d) => !correct.includes(d))],
    ] as const;
  });
  const form = (intent: string, part: typeof sheet) => {
    const body = new URLSearchParams({ intent });
    for (const [id, chosen] of part) for (const d of chosen) body.append(`q.${id}`, String(d));
    return body;
  };
  const saved = await step("save", `${to}/answers`, form("save", sheet.slice(0, 5)));
  if (saved.status !== 200 || !saved.body.includes('"saved"'))
    throw new Error(`save: ${saved.status} ${saved.body}`);
  const submitted = await step("submit", `${to}/answers`, form("submit", sheet));
  if (submitted.status !== 200)
    throw new Error(`submit: ${submitted.status} ${submitted.body.slice(0, 200)}`);
  const reply = JSON.parse(submitted.body) as { state?: string; passed?: boolean };
  if (reply.state !== "graded") throw new Error(`submit: ${submitted.status} ${submitted.body}`);
  m.loops++;
  if (reply.passed) m.passes++;
  return Boolean(reply.passed);
}

/** WORKERS clients looping for `seconds`; the servers' CPU time over the window. */
async function measure(tree: Tree, server: RunningServer, seconds: number): Promise<Measure> {
  await settle(server.child.pid!);
  return GENERATOR === "wrk" ? measureWrk(tree, server, seconds) : measureNode(tree, server, seconds);
}

const emptyMeasure = (tree: Tree, server: RunningServer): Measure => ({
  tree: tree.label,
  processes: servingProcesses(server),
  loops: 0,
  passes: 0,
  errors: 0,
  samples: [],
  seconds: 0,
  cpuMs: 0,
  dbCpuMs: 0,
  loadCpuMs: 0,
  t: { start: [], open: [], save: [], submit: [] },
});

async function measureWrk(tree: Tree, server: RunningServer, seconds: number): Promise<Measure> {
  const key = new Map([...tree.bank].map(([id, q]) => [id, q.answer.map((i) => q.options[i]!)] as const));
  const cpu0 = serverCpuMs(server.child.pid!);
  const db0 = databaseCpuReading();
  const r = await runQuizWrk({
    port: server.port,
    course: COURSE,
    learners: tree.cookies.slice(tree.next),
    key,
    concurrency: WORKERS,
    seconds,
  });
  const m = emptyMeasure(tree, server);
  m.cpuMs = serverCpuMs(server.child.pid!) - cpu0;
  m.dbCpuMs = databaseCpuMsSince(db0);
  Object.assign(m, {
    loops: r.loops,
    passes: r.passes,
    errors: r.errors,
    samples: r.samples,
    seconds: r.seconds,
    loadCpuMs: r.generatorCpuMs,
    latency: { p50: r.p50, p99: r.p99 },
  });
  tree.cookies = r.unused;
  tree.next = 0;
  if (r.ranOut) console.log(`  ! ${tree.label}: learners ran out (BENCH_LEARNERS)`);
  return m;
}

async function measureNode(tree: Tree, server: RunningServer, seconds: number): Promise<Measure> {
  const m = emptyMeasure(tree, server);
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS, maxFreeSockets: WORKERS });
  const fresh = () => (tree.next < tree.cookies.length ? tree.cookies[tree.next++] : null);
  const cpu0 = serverCpuMs(server.child.pid!);
  const db0 = databaseCpuReading();
  const load0 = process.cpuUsage();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      let cookie = fresh();
      while (cookie && performance.now() < deadline) {
        try {
          if (await loop(tree, server.port, agent, cookie, m)) cookie = fresh();
        } catch (e) {
          m.errors++;
          if (m.samples.length < 3) m.samples.push(String((e as Error).message).slice(0, 200));
          cookie = fresh(); // a learner in an unknown state is not reused
        }
      }
    }),
  );
  m.seconds = (performance.now() - t0) / 1000;
  m.cpuMs = serverCpuMs(server.child.pid!) - cpu0;
  m.dbCpuMs = databaseCpuMsSince(db0);
  const load = process.cpuUsage(load0);
  m.loadCpuMs = (load.user + load.system) / 1000;
  agent.destroy();
  for (const xs of Object.values(m.t)) xs.sort((a, b) => a - b);
  if (tree.next >= tree.cookies.length) console.log(`  ! ${tree.label}: learners ran out (BENCH_LEARNERS)`);
  return m;
}

const perLoop = (m: Measure) => m.cpuMs / Math.max(1, m.loops);
const rate = (m: Measure) => m.loops / m.seconds;

function printMeasure(m: Measure) {
  const all = Object.values(m.t)
    .flat()
    .sort((a, b) => a - b);
  const { p50, p99 } = m.latency ?? { p50: percentile(all, 50), p99: percentile(all, 99) };
  console.log(
    `  ${m.tree.padEnd(12)} ${String(m.processes).padStart(2)} proc  ${f(rate(m)).padStart(6)} submissions/s` +
      `  p50 ${f(p50).padStart(6)} ms  p99 ${f(p99).padStart(7)} ms (any step)` +
      `  submit p99 ${f(percentile(m.t.submit, 99)).padStart(7)} ms  errors ${m.errors}` +
      `  Node CPU ${f(perLoop(m), 2)} ms/loop (db ${f(m.dbCpuMs / Math.max(1, m.loops), 2)}, load ${f(m.loadCpuMs / Math.max(1, m.loops), 2)})` +
      `  (${m.loops} loops, ${m.passes} passed)` +
      (m.samples.length ? `\n      ${m.samples.join("\n      ")}` : ""),
  );
}

/** Exactly one grading per graded attempt: one quiz.grade event, at most one completion, none left over. */
async function checkGradings(tree: Tree, loops: number): Promise<boolean> {
  return withClient(tree.db, async (c) => {
    const q = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
    // Only the benchmark's learners: the demo data has attempts of its own.
    const mine = `SELECT a.id FROM "QuizAttempt" a JOIN "Person" p ON p.id = a."personId"
                  WHERE p.email LIKE 'bench.quiz.%' AND a.status = 'GRADED'`;
    const graded = await q(`SELECT count(*) AS n FROM (${mine}) g`);
    const doubleEvents = await q(
      `SELECT count(*) AS n FROM (SELECT "entityId" FROM "AuditEvent" WHERE action = 'quiz.grade'
       AND "entityId" IN (SELECT id::text FROM (${mine}) g) GROUP BY "entityId" HAVING count(*) > 1) d`,
    );
    const events = await q(
      `SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'quiz.grade'
       AND "entityId" IN (SELECT id::text FROM (${mine}) g)`,
    );
    const doubleCompletions = await q(
      `SELECT count(*) AS n FROM (SELECT c."personId" FROM "Completion" c JOIN "Person" p ON p.id = c."personId"
       WHERE p.email LIKE 'bench.quiz.%' GROUP BY c."personId", c."courseId" HAVING count(*) > 1) d`,
    );
    const ok = doubleEvents === 0 && doubleCompletions === 0 && events === graded && graded >= loops;
    console.log(
      `  ${ok ? "✓" : "✗"} ${tree.label}: ${graded} graded attempts, ${events} quiz.grade events, ` +
        `${doubleEvents} attempts graded twice, ${doubleCompletions} learners with two completions`,
    );
    return ok;
  });
}

async function main() {
  const prepared = await benchTrees(`hoc_bench_quiz_${OPTIONS.basePort}`, OPTIONS.rev);
  let servers: RunningServer[] = [];
  try {
    const trees: Tree[] = [];
    for (const t of prepared.trees) trees.push(await withLearners(t));
    console.log(
      `\nQuiz loops on PostgreSQL, ${WORKERS} clients, ${SECONDS} s per measurement, ` +
        `${os.availableParallelism()} cores, ${describeGenerator(GENERATOR)} (its CPU: "load")`,
    );
    const rows: Measure[] = [];
    for (const processes of OPTIONS.processCounts) {
      servers = await startServers(trees, processes, OPTIONS.basePort, OPTIONS.nodeArgs);
      console.log(`\n${processes} process(es) asked:`);
      // Warm-up (connections, query plans, the JIT of the hot paths), then the measurement, tree after tree.
      for (const [i, tree] of trees.entries()) await measure(tree, servers[i]!, 3);
      for (const [i, tree] of trees.entries()) {
        if (processes > 1 && servingProcesses(servers[i]!) === 1) continue;
        const m = await measure(tree, servers[i]!, SECONDS);
        rows.push(m);
        printMeasure(m);
      }
      await Promise.all(servers.map((s) => s.stop()));
      servers = [];
    }
    console.log(`\nThroughput N ÷ 1 process (target ≥ 1.8), Node CPU per loop:`);
    for (const tree of trees) {
      const [one, many] = [false, true].map((multi) =>
        rows.find((m) => m.tree === tree.label && m.processes > 1 === multi),
      );
      console.log(
        `  ${tree.label.padEnd(12)} ${one && many ? f(rate(many) / rate(one), 2) : "–"}×` +
          `  (${f(one ? rate(one) : NaN)} → ${f(many ? rate(many) : NaN)} submissions/s)`,
      );
      // PostgreSQL and the generator share the cores: N processes can at best keep every core busy, so
      // N ÷ 1 cannot pass cores ÷ (the cores already busy while one process serves).
      if (one) {
        const busy = (one.cpuMs + one.dbCpuMs + one.loadCpuMs) / (one.seconds * 1000);
        const cores = os.availableParallelism();
        console.log(
          `    ceiling on ${cores} cores shared with PostgreSQL and the generator (cores ÷ cores busy at ` +
            `1 process): ${f(cores / Math.max(0.01, busy), 2)}× (${f(busy, 2)} cores busy)`,
        );
      }
    }
    const [load, server] = rows.reduce(([l, s], m) => [l + m.loadCpuMs, s + m.cpuMs], [0, 0]);
    console.log(
      `  load generator: ${f((100 * load) / (load + server))}% of the CPU spent; ` +
        `load average ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(" ")}`,
    );
    if (trees.length > 1) {
      const [self, other] = trees.map((t) => rows.filter((m) => m.tree === t.label));
      console.log(`\nNode CPU-ms per loop, ${trees[1]!.label} → this tree (target ≤ 0.5×):`);
      for (const [i, a] of other!.entries()) {
        const b = self!.find((m) => m.processes === a.processes) ?? self![i];
        if (b)
          console.log(
            `  ${a.processes} proc  ${f(perLoop(a), 2)} → ${f(perLoop(b), 2)} (${f(perLoop(b) / perLoop(a), 2)}×)`,
          );
      }
    }
    console.log(`\nGradings:`);
    let ok = true;
    for (const tree of trees) {
      const loops = rows.filter((m) => m.tree === tree.label).reduce((s, m) => s + m.loops, 0);
      ok = (await checkGradings(tree, loops)) && ok;
    }
    if (!ok || rows.some((m) => m.errors)) process.exitCode = 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await prepared.cleanup();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
