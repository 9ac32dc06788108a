// Targets benchmark on PostgreSQL: the full dashboard (all 5 targets' figures + the dashboard's rows, cards and
// trend) for a province (30,000 people, 300 agencies, ~150,000 completions; p50/p95 over ≥ 20 runs, target
// p95 < 300 ms) and a national set (2,000,000 people, ~10,000 agencies, ~10 million completions; target < 3 s,
// and national ÷ province ≤ 3: live figures read the per-target, per-agency summary kept by triggers, see
// docs/decisions/014-figures-summary.md), plus this process's peak memory. Data are generated set-based in SQL
// (generate_series) with the summary triggers, foreign-key checks and secondary indexes off, then the summary is
// built once (figure_rebuild, as the migration's backfill does); every phase is timed (scripts/lib/bench-targets-data.ts).
// Databases hoc_bench_targets_{province,national}[BENCH_DB_SUFFIX] on the local server (BENCH_SERVER_URL) are kept:
// a later run with the same shape reuses them (BENCH_FRESH=1 generates them again).
// BENCH_SETS=province to skip the national set; BENCH_RUNS to change the number of runs;
// BENCH_NATIONAL_PEOPLE for a smaller national set (agencies stay ~10,000); BENCH_EXACT=1 to also time the
// exact query (the reference, scans every completion) on each set; BENCH_WRITES (10; 0 = none) completions
// committed before each run of a second series, which the kept sets keep.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { ms, percentile } from "./lib/bench.ts";
import { cpuMsOf, readProcStat } from "./lib/proc.ts";
import { type Shape, benchSet } from "./lib/bench-targets-data.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SETS = (process.env.BENCH_SETS ?? "province,national").split(",");
const FRESH = process.env.BENCH_FRESH === "1";

const PROVINCE: Shape = {
  name: "province",
  people: 30_000,
  provinces: 1,
  depts: 20,
  units: 4,
  communes: 198,
  completionsPerPerson: 5,
};
// 34 provinces × (1 + group + 20 sở + 80 phòng + 192 xã) + the root = 9,997 agencies.
const NATIONAL: Shape = {
  name: "national",
  people: Number(process.env.BENCH_NATIONAL_PEOPLE ?? 2_000_000),
  provinces: 34,
  depts: 20,
  units: 4,
  communes: 192,
  completionsPerPerson: 5,
};
const EXACT = process.env.BENCH_EXACT === "1";
// Completions written before each run of the second series (0: no such series). They stay in the kept set.
const WRITES = Number(process.env.BENCH_WRITES ?? 10);

async function describe(url: string, s: Shape, reused: boolean, took: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<Record<"a" | "p" | "c" | "k", number> & { size: string }>(
    `SELECT (SELECT count(*) FROM "Agency")::int a, (SELECT count(*) FROM "Person")::int p,
       (SELECT count(*) FROM "Completion")::int c, (SELECT count(*) FROM "TargetCount")::int k,
       pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  await client.end();
  const c = rows[0]!;
  console.log(
    `  ${s.name}: ${c.a} agencies, ${c.p} people, ${c.c} completions, summary ${c.k} target × agency rows; ` +
      `database ${c.size}; ${reused ? "kept set reused" : "generated"} in ${(took / 1000).toFixed(1)} s`,
  );
}

let peakHeap = 0;
const sampleHeap = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));

const GIVEN_URL = process.env.DATABASE_URL;

async function measure(s: Shape, runs: number) {
  // benchDatabase honours DATABASE_URL; the previous set's URL must not leak into the next one.
  if (GIVEN_URL) process.env.DATABASE_URL = GIVEN_URL;
  else delete process.env.DATABASE_URL;
  const t0 = performance.now();
  const set = await benchSet(`hoc_bench_targets_${s.name}${process.env.BENCH_DB_SUFFIX ?? ""}`, s, FRESH);
  const { url, planId } = set;
  await describe(url, s, set.reused, ms(t0));
  // The app's db module reads DATABASE_URL on first use; each set gets a fresh module instance.
  process.env.DATABASE_URL = url;
  const { closeDb } = await import("../app/db.server.ts");
  await closeDb();
  const { resolveView } = await import("../app/modules/targets/view.server.ts");
  const { dashboardData } = await import("../app/modules/targets/dashboard.server.ts");
  const admin = {
    userId: randomUUID(),
    email: "bench@x",
    personId: null,
    fullName: "Bench",
    locale: "vi" as const,
    mustChangePassword: false,
    grants: [{ role: "ADMIN" as const, agencyId: null, agencyPath: null }],
  };
  const q = { plan: planId, target: undefined, agency: undefined, snapshot: undefined, kind: "ALL" as const };
  // As the dashboard route asks: only the figures the page shows (the full table is for reports and exports).
  const once = async () => {
    const t0 = performance.now();
    const view = (await resolveView(q, "ALL", undefined, { shownOnly: true }))!;
    const d = await dashboardData(view, admin, "ALL", "vi");
    sampleHeap();
    return { t: ms(t0), d };
  };
  const warm = await once(); // first run pays for connections and plan caching
  // CPU per request, which other work on the machine does not stretch as it does wall time: this process's
  // and that of the PostgreSQL backends serving this database (10 ms clock ticks: read over the whole series).
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  const backendCpuMs = async () => {
    const { rows } = await probe.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    return rows.reduce((sum, r) => {
      const st = readProcStat(r.pid);
      return sum + (st ? cpuMsOf(st) : 0);
    }, 0);
  };
  const pg0 = await backendCpuMs();
  const node0 = process.cpuUsage();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await once()).t);
  const nodeCpu = process.cpuUsage(node0);
  const cpu = {
    node: (nodeCpu.user + nodeCpu.system) / 1000 / runs,
    pg: ((await backendCpuMs()) - pg0) / runs,
  };
  await probe.end();
  times.sort((a, b) => a - b);
  // Then with writes: WRITES completions (one transaction each, random people, so as many agencies) committed
  // before each run, untimed, as people finish courses while the dashboard is read; each request re-reads
  // the TargetCount rows of the agencies written since the previous one (docs/decisions/014).
  let written: number[] = [];
  if (WRITES > 0) {
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    const { rows: people } = await writer.query<{ id: string }>(
      `SELECT id FROM "Person" WHERE active ORDER BY random() LIMIT $1`,
      [WRITES * runs],
    );
    for (let i = 0; i < runs; i++) {
      for (const p of people.slice(i * WRITES, (i + 1) * WRITES))
        await writer.query(
          `INSERT INTO "Completion" (id, "personId", topics, source, "completedAt")
           VALUES (gen_random_uuid(), $1::uuid, ARRAY['attt-co-ban'], 'DRILL', now() - interval '1 minute')`,
          [p.id],
        );
      written.push((await once()).t);
    }
    await writer.end();
    written = written.sort((a, b) => a - b);
  }
  const card = warm.d.cards[0].figure!;
  // Once: the page's figures equal those built from the full table (as the reports compute it), read right
  // after it (figures move with the clock: a completion expiring between two reads changes them).
  const page = (await once()).d;
  const t1 = performance.now();
  const fullView = (await resolveView(q, "ALL"))!;
  const full = await dashboardData(fullView, admin, "ALL", "vi");
  const fullMs = ms(t1);
  const pick = (d: typeof full) => JSON.stringify([d.cards, d.focus, d.rows, d.breadcrumb]);
  console.log(
    `  ${s.name}: page figures ${pick(full) === pick(page) ? "equal" : "DIFFER FROM"} the full table's ` +
      `(${warm.d.rows.length} rows shown; the dashboard from the full table, as before: ${fullMs.toFixed(0)} ms once)`,
  );
  console.log(
    `  ${s.name}: dashboard p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, ` +
      `max ${times[times.length - 1].toFixed(0)} ms over ${runs} runs (first ${warm.t.toFixed(0)} ms); ` +
      `T1 at the top: ${card.completed}/${card.audience}`,
  );
  console.log(
    `  ${s.name}: CPU per request: Node ${cpu.node.toFixed(1)} ms, PostgreSQL ${cpu.pg.toFixed(1)} ms ` +
      `(total ${(cpu.node + cpu.pg).toFixed(1)} ms)`,
  );
  if (written.length)
    console.log(
      `  ${s.name}: with ${WRITES} completions committed before each run: dashboard p50 ${percentile(written, 50).toFixed(0)} ms, ` +
        `p95 ${percentile(written, 95).toFixed(0)} ms over ${written.length} runs`,
    );
  if (EXACT) {
    // The reference: the exact query scans every completion (as-of past dates and snapshots still use it).
    const { computePlanFigures } = await import("../app/modules/targets/figures.server.ts");
    const asOf = new Date(Date.now() + 60_000);
    const exactTimes: number[] = [];
    let same = true;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const exact = await computePlanFigures(planId, { asOf, exact: true });
      exactTimes.push(ms(t0));
      const summary = await computePlanFigures(planId, { asOf });
      same &&= JSON.stringify(summary.table.figures) === JSON.stringify(exact.table.figures);
    }
    exactTimes.sort((a, b) => a - b);
    console.log(
      `  ${s.name}: exact query (reference) figures p50 ${percentile(exactTimes, 50).toFixed(0)} ms over 3 runs; ` +
        `summary figures ${same ? "equal" : "DIFFER FROM"} the exact ones`,
    );
  }
  await closeDb();
  return { times, cpu: cpu.node + cpu.pg };
}

async function main() {
  console.log("bench:targets — full dashboard (5 targets) on PostgreSQL");
  const results: Record<string, number[]> = {};
  const cpu: Record<string, number> = {};
  for (const [set, shape, runs] of [
    ["province", PROVINCE, Math.max(20, RUNS)],
    ["national", NATIONAL, Number(process.env.BENCH_NATIONAL_RUNS ?? 20)],
  ] as const)
    if (SETS.includes(set)) ({ times: results[set]!, cpu: cpu[set]! } = await measure(shape, runs));
  const usage = process.resourceUsage();
  console.log(
    `  peak memory of this (server) process: maxRSS ${(usage.maxRSS / 1024).toFixed(0)} MB, peak heap used ${(peakHeap / 1024 / 1024).toFixed(0)} MB`,
  );
  if (results.province) {
    const p95 = percentile(results.province, 95);
    console.log(`  province p95 ${p95.toFixed(0)} ms ${p95 < 300 ? "< 300 ms ✓" : "≥ 300 ms ✗"}`);
  }
  if (results.national) {
    const worst = results.national[results.national.length - 1];
    console.log(`  national max ${worst.toFixed(0)} ms ${worst < 3000 ? "< 3 s ✓" : "≥ 3 s ✗"}`);
  }
  if (results.province && results.national) {
    const ratio = (p: number) => percentile(results.national, p) / percentile(results.province, p);
    console.log(
      `  national ÷ province (${NATIONAL.people.toLocaleString("en")} ÷ ${PROVINCE.people.toLocaleString("en")} people): ` +
        `p50 ${ratio(50).toFixed(2)}, p95 ${ratio(95).toFixed(2)} ${ratio(95) <= 3 ? "≤ 3 ✓" : "> 3 ✗"}; ` +
        `CPU per request ${(cpu.national! / cpu.province!).toFixed(2)}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
