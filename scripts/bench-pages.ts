// `npm run bench:pages [-- --rev <git-rev>]`: page views per second of the built server on PostgreSQL, with 1
// and with N processes (WEB_CONCURRENCY; BENCH_PROCESSES, default every core), for the learner home, a course,
// a lesson and the targets dashboard, at concurrency 1, 20 and 50 (keep-alive clients, each with a real
// session of its own in the Session table). Prints requests/s, p50/p99, errors and CPU-ms per request (the
// server's processes' CPU time from /proc ÷ requests: steadier than latency on a busy machine), then the
// throughput ratio N ÷ 1. `--rev` also builds that revision in a temporary worktree (its own database, seeded
// by its own seed) and runs the same load against it, interleaved with this tree's, to print both side by side.
// Each tree gets a fresh database `hoc_bench_pages_<port>_<i>` on BENCH_SERVER_URL (default 127.0.0.1:5432), dropped
// afterwards. BENCH_SECONDS (per measurement, default 5), BENCH_CONCURRENCY ("1,20,50"), BENCH_PORT (3300).
// BENCH_PAGES="course,lesson" measures only those pages; BENCH_CPU_PROF=<dir>: this tree's servers write V8
// CPU profiles there on exit (`node --cpu-prof`; summarise with scripts/cpuprofile-summary.mjs).
import os from "node:os";
import path from "node:path";
import {
  addSessions,
  benchTrees,
  fmt as f,
  servingProcesses,
  startServers,
  withClient,
  type BenchTree,
} from "./lib/bench-trees.ts";
import { runLoad, serverCpuMs, type LoadResult, type RunningServer } from "./lib/load.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,20,50").split(",").map(Number);
const N = Number(process.env.BENCH_PROCESSES ?? os.availableParallelism());
const BASE_PORT = Number(process.env.BENCH_PORT ?? 3300);
const SESSIONS = 50;

const LEARNER = "hocvien@langson.gov.vn";
const REVIEWER = "sonoivu@langson.gov.vn";
const ALL_PAGES = [
  { name: "learner home", path: "/learn", as: "learner" },
  { name: "course", path: "/courses/attt-co-ban", as: "learner" },
  { name: "lesson", path: "/courses/attt-co-ban/lessons/1", as: "learner" },
  { name: "dashboard", path: "/targets", as: "reviewer" },
] as const;
const ONLY = process.env.BENCH_PAGES?.split(",").map((s) => s.trim());
const PAGES = ALL_PAGES.filter((p) => !ONLY || ONLY.some((o) => p.name.includes(o)));
const PROF_ARGS = process.env.BENCH_CPU_PROF
  ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`]
  : [];

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
};

function printRow(x: Row) {
  console.log(
    `  ${x.page.padEnd(13)} c=${String(x.concurrency).padEnd(3)} ${x.tree.padEnd(12)} ${String(x.processes).padStart(2)} proc` +
      `  ${f(x.r.rps).padStart(7)} req/s  p50 ${f(x.r.p50).padStart(6)} ms  p99 ${f(x.r.p99).padStart(7)} ms` +
      `  errors ${String(x.r.errors).padStart(3)}  CPU ${f(x.cpuMs / Math.max(1, x.r.requests), 2).padStart(6)} ms/req` +
      (x.r.samples.length ? `  (${x.r.samples.join("; ")})` : ""),
  );
}

async function main() {
  // The port in the name: helpers benchmarking at once on one server must not drop each other's databases.
  const prepared = await benchTrees(`hoc_bench_pages_${BASE_PORT}`);
  const servers: RunningServer[] = [];
  try {
    const trees: Tree[] = [];
    for (const t of prepared.trees) trees.push(await withSessions(t));
    const rows: Row[] = [];
    console.log(
      `\nPages on PostgreSQL, ${SECONDS} s per measurement, ${os.availableParallelism()} cores, load generator in this process`,
    );
    for (const processes of [...new Set([1, N])]) {
      // Every tree's server runs at once (idle ones cost nothing), so the trees are measured interleaved.
      // The profile is of this tree only (the first; the other revision runs as it is).
      servers.push(...(await startServers(trees.slice(0, 1), processes, BASE_PORT, PROF_ARGS)));
      servers.push(...(await startServers(trees.slice(1), processes, BASE_PORT + 1)));
      const serving = servers.map(servingProcesses);
      console.log(
        `\n${processes} process(es) asked: ` +
          trees.map((t, i) => `${t.label} serves with ${serving[i]}`).join(", "),
      );
      for (const page of PAGES) {
        for (const [i, tree] of trees.entries()) {
          // Warm-up: connections, query plans, the JIT of the hot paths.
          const cookies = tree.cookies[page.as];
          const w = await runLoad({
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
            const cpu0 = serverCpuMs(server.child.pid!);
            const r = await runLoad({
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
