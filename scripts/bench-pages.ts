// `npm run bench:pages [-- --rev <git-rev>]`: page views per second of the built server on PostgreSQL, with 1
// and with N processes (WEB_CONCURRENCY; BENCH_PROCESSES, default every core), for the learner home, a course,
// a lesson and the targets dashboard, at concurrency 1, 20 and 50 (keep-alive clients, each with a real
// session of its own in the Session table). Prints requests/s, p50/p99, errors and CPU-ms per request (the
// server's processes' CPU time from /proc ÷ requests: steadier than latency on a busy machine), then the
// throughput ratio N ÷ 1. `--rev` also builds that revision in a temporary worktree (its own database, seeded
// by its own seed) and runs the same load against it, interleaved with this tree's, to print both side by side.
// Each tree gets a fresh database `hoc_bench_pages_<BENCH_PORT>_<i>` on BENCH_SERVER_URL (default 127.0.0.1:5432), dropped
// afterwards. The load comes from wrk (scripts/lib/wrk.ts; Node's generator when wrk is missing), whose own
// CPU time is printed too. BENCH_SECONDS (per measurement, default 5), BENCH_CONCURRENCY ("1,20,50"),
// BENCH_PORT (3300), BENCH_LOAD=node|wrk, BENCH_LOAD_CPUS, BENCH_PAGES; the rest in scripts/lib/bench-options.ts.
import os from "node:os";
import { benchOptions } from "./lib/bench-options.ts";
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
import { databaseCpuMsSince, databaseCpuReading, serverCpuMs, settle, type LoadResult } from "./lib/load.ts";
import { describeGenerator, loadGenerator, runPageLoad } from "./lib/wrk.ts";

const OPTIONS = benchOptions({ seconds: 5, port: 3300 });
const SECONDS = OPTIONS.seconds;
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,20,50").split(",").map(Number);
const GENERATOR = loadGenerator();
const SESSIONS = 50;

const LEARNER = "hocvien@langson.gov.vn";
const REVIEWER = "sonoivu@langson.gov.vn";
const ALL_PAGES = [
  { name: "learner home", path: "/learn", as: "learner" },
  { name: "course", path: "/courses/attt-co-ban", as: "learner" },
  { name: "lesson", path: "/courses/attt-co-ban/lessons/1", as: "learner" },
  { name: "dashboard", path: "/targets", as: "reviewer" },
] as const;
// BENCH_PAGES="course,lesson" measures only those pages.
const ONLY = process.env.BENCH_PAGES?.split(",").map((s) => s.trim());
const PAGES = ALL_PAGES.filter((p) => !ONLY || ONLY.some((o) => p.name.includes(o)));

type Tree = BenchTree & { cookies: Record<"learner" | "reviewer", string[]> };

/** SESSIONS sessions for each account of the tree's demo data. */
async function withSessions(tree: BenchTree): Promise<Tree> {
  const cookies = { learner: [] as string[], reviewer: [] as string[] };
  await withClient(tree.db, async (c) => {
    await c.query("ANALYZE");
    for (const [who, email] of [
      ["learner", LEARNER],
      ["reviewer", REVIEWER],
    ] as const) {
      const { rows } = await c.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
      if (!rows[0]) throw new Error(`${tree.label}: no account ${email} in the demo data`);
      cookies[who] = await addSessions(c, Array<string>(SESSIONS).fill(rows[0].id));
    }
  });
  return { ...tree, cookies };
}

type Row = {
  tree: string;
  processes: number;
  page: string;
  concurrency: number;
  r: LoadResult;
  cpuMs: number;
  /** PostgreSQL's CPU time during the measurement (every postgres process on the machine). */
  dbCpuMs: number;
};

function printRow(x: Row) {
  console.log(
    `  ${x.page.padEnd(13)} c=${String(x.concurrency).padEnd(3)} ${x.tree.padEnd(12)} ${String(x.processes).padStart(2)} proc` +
      `  ${f(x.r.rps).padStart(7)} req/s  p50 ${f(x.r.p50).padStart(6)} ms  p99 ${f(x.r.p99).padStart(7)} ms` +
      `  errors ${String(x.r.errors).padStart(3)}  CPU ${f(x.cpuMs / Math.max(1, x.r.requests), 2).padStart(6)} ms/req` +
      `  (db ${f(x.dbCpuMs / Math.max(1, x.r.requests), 2)}, load ${f(x.r.generatorCpuMs / Math.max(1, x.r.requests), 2)})` +
      (x.r.samples.length ? `  (${x.r.samples.join("; ")})` : ""),
  );
}

async function main() {
  const prepared = await benchTrees(`hoc_bench_pages_${OPTIONS.basePort}`, OPTIONS.rev);
  const servers: RunningServer[] = [];
  try {
    const trees: Tree[] = [];
    for (const t of prepared.trees) trees.push(await withSessions(t));
    const rows: Row[] = [];
    console.log(
      `\nPages on PostgreSQL, ${SECONDS} s per measurement, ${os.availableParallelism()} cores, ` +
        `${describeGenerator(GENERATOR)}; CPU ms/req: the server's processes (load: the generator's)`,
    );
    for (const processes of OPTIONS.processCounts) {
      // Every tree's server runs at once (idle ones cost nothing), so the trees are measured interleaved.
      servers.push(...(await startServers(trees, processes, OPTIONS.basePort, OPTIONS.nodeArgs)));
      const serving = servers.map(servingProcesses);
      console.log(
        `\n${processes} process(es) asked: ` +
          trees.map((t, i) => `${t.label} serves with ${serving[i]}`).join(", "),
      );
      for (const page of PAGES) {
        for (const [i, tree] of trees.entries()) {
          // Warm-up: connections, query plans, the JIT of the hot paths.
          const cookies = tree.cookies[page.as];
          const w = await runPageLoad(GENERATOR, {
            port: servers[i]!.port,
            path: page.path,
            cookies,
            concurrency: 10,
            seconds: 2,
          });
          if (w.errors)
            console.log(`  ! ${tree.label} ${page.path}: ${w.errors} errors in warm-up (${w.samples})`);
        }
        for (const concurrency of LEVELS) {
          for (const [i, tree] of trees.entries()) {
            if (processes > 1 && serving[i] === 1) continue; // this revision serves with one process only
            const server = servers[i]!;
            await settle(server.child.pid!);
            const cpu0 = serverCpuMs(server.child.pid!);
            const db0 = databaseCpuReading();
            const r = await runPageLoad(GENERATOR, {
              port: server.port,
              path: page.path,
              cookies: tree.cookies[page.as],
              concurrency,
              seconds: SECONDS,
            });
            const row = {
              tree: tree.label,
              processes: serving[i]!,
              page: page.name,
              concurrency,
              r,
              cpuMs: serverCpuMs(server.child.pid!) - cpu0,
              dbCpuMs: databaseCpuMsSince(db0),
            };
            rows.push(row);
            printRow(row);
          }
        }
      }
      await Promise.all(servers.map((s) => s.stop()));
      servers.length = 0;
    }
    summary(rows, trees);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await prepared.cleanup();
  }
}

function summary(rows: Row[], trees: Tree[]) {
  const find = (tree: string, page: string, c: number, multi: boolean) =>
    rows.find((x) => x.tree === tree && x.page === page && x.concurrency === c && x.processes > 1 === multi);
  const cpu = (x: Row | undefined) => (x ? x.cpuMs / Math.max(1, x.r.requests) : NaN);
  const top = Math.max(...LEVELS);
  console.log(`\nThroughput N ÷ 1 process (target ≥ 1.7 on 2 cores), errors in total:`);
  for (const tree of trees) {
    const parts = PAGES.map((p) => {
      const one = find(tree.label, p.name, top, false);
      const many = find(tree.label, p.name, top, true);
      return `${p.name} ${one && many ? f(many.r.rps / one.r.rps, 2) : "–"}×`;
    });
    const errors = rows.filter((x) => x.tree === tree.label).reduce((s, x) => s + x.r.errors, 0);
    console.log(`  ${tree.label.padEnd(12)} c=${top}: ${parts.join(", ")}; ${errors} errors`);
  }
  // On 2 cores the generator's CPU is taken from the server's: say how much.
  const topRows = rows.filter((x) => x.concurrency === top);
  const sum = (pick: (x: Row) => number) => topRows.reduce((s, x) => s + pick(x), 0);
  const [load, server, wall] = [sum((x) => x.r.generatorCpuMs), sum((x) => x.cpuMs), sum((x) => x.r.seconds)];
  console.log(
    `  load generator (${GENERATOR}) at c=${top}: ${f((100 * load) / (load + server))}% of the CPU spent ` +
      `(${f(load / wall / 10)}% of a core); load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
  );
  // PostgreSQL and the generator share the cores with the server: N processes can at best keep every core
  // busy, so N ÷ 1 cannot pass cores ÷ (the cores already busy while one process serves).
  const cores = os.availableParallelism();
  const self = trees[0]!;
  const ceilings = PAGES.map((p) => {
    const one = find(self.label, p.name, top, false);
    if (!one) return `${p.name} –`;
    const busy = (one.cpuMs + one.dbCpuMs + one.r.generatorCpuMs) / (one.r.seconds * 1000);
    return `${p.name} ${f(cores / Math.max(0.01, busy), 2)}× (${f(busy, 2)} cores busy)`;
  });
  console.log(
    `  ceiling of N ÷ 1 on ${cores} cores shared with PostgreSQL and the generator ` +
      `(cores ÷ cores busy at 1 process, this tree, c=${top}): ${ceilings.join(", ")}`,
  );
  if (trees.length > 1) {
    const [self, other] = trees;
    console.log(
      `\nCPU-ms per request, ${other!.label} → this tree, 1 process (target: this ≤ 1/5 of the other):`,
    );
    for (const p of PAGES) {
      const parts = LEVELS.map((c) => {
        const a = cpu(find(other!.label, p.name, c, false));
        const b = cpu(find(self!.label, p.name, c, false));
        return `c=${c} ${f(a, 2)} → ${f(b, 2)} (${f(b / a, 2)}×)`;
      });
      console.log(`  ${p.name.padEnd(13)} ${parts.join("   ")}`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
