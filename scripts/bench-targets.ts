// Targets benchmark on PostgreSQL: the full dashboard (all 5 targets' figures + the dashboard's rows, cards and
// trend) for a province (30,000 people, 300 agencies, ~150,000 completions; p50/p95 over ≥ 20 runs, target
// p95 < 300 ms) and a national set (2,000,000 people, ~10,000 agencies, ~10 million completions; target < 3 s,
// and national ÷ province ≤ 3: live figures read the per-target, per-agency summary kept by triggers, see
// docs/decisions/014-figures-summary.md), plus this process's peak memory. Data are generated set-based in SQL
// (generate_series) with the summary triggers off, then the summary is built once (figure_rebuild, as the
// migration's backfill does), and that build is timed too.
// Uses fresh databases hoc_bench_targets_{province,national}[BENCH_DB_SUFFIX] on the local server (BENCH_SERVER_URL).
// BENCH_SETS=province to skip the national set; BENCH_RUNS to change the number of runs;
// BENCH_NATIONAL_PEOPLE for a smaller national set (agencies stay ~10,000); BENCH_EXACT=1 to also time the
// exact query (the reference, scans every completion) on each set.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { benchDatabase, ms, percentile } from "./lib/bench.ts";

const TOPICS = ["attt-co-ban", "attt-lanh-dao", "attt-chuyen-sau", "ky-nang-so-co-ban", "phan-tich-du-lieu"];
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SETS = (process.env.BENCH_SETS ?? "province,national").split(",");

type Shape = {
  name: string;
  people: number;
  provinces: number;
  depts: number;
  units: number;
  communes: number;
  completionsPerPerson: number;
};
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

type AgencyRow = {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  path: string;
  depth: number;
};

function agencyTree(s: Shape): { rows: AgencyRow[]; root: string } {
  const rows: AgencyRow[] = [];
  const add = (code: string, name: string, kind: string, parent: AgencyRow | null) => {
    const id = randomUUID();
    const row = {
      id,
      code,
      name,
      kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
    };
    rows.push(row);
    return row;
  };
  const national = s.provinces > 1 ? add(`${s.name}.VN`, "Toàn quốc", "GROUP", null) : null;
  for (let p = 1; p <= s.provinces; p++) {
    const prov = add(`${s.name}.T${p}`, `UBND tỉnh số ${p}`, "PROVINCE", national);
    const group = add(`${prov.code}.XA`, "UBND các xã, phường", "GROUP", prov);
    for (let d = 1; d <= s.depts; d++) {
      const dept = add(`${prov.code}.S${d}`, `Sở số ${d}`, "DEPARTMENT", prov);
      for (let u = 1; u <= s.units; u++) add(`${dept.code}.P${u}`, `Phòng ${u}`, "UNIT", dept);
    }
    for (let c = 1; c <= s.communes; c++) add(`${prov.code}.X${c}`, `Xã số ${c}`, "COMMUNE", group);
  }
  return { rows, root: rows[0].id };
}

async function generate(client: pg.Client, s: Shape) {
  const t0 = performance.now();
  // Row-by-row upkeep of the summary is for the app's writes; a generated set is summarised once at the end.
  await client.query(`SET hoc.figures_off = 'on'`);
  const { rows, root } = agencyTree(s);
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await client.query(
      `INSERT INTO "Agency" (id, code, name, kind, "parentId", path, depth, "updatedAt")
       SELECT x.id, x.code, x.name, x.kind::"AgencyKind", x."parentId", x.path, x.depth, now()
       FROM json_to_recordset($1::json) AS x(id uuid, code text, name text, kind text, "parentId" uuid, path text, depth int)`,
      [JSON.stringify(chunk)],
    );
  }
  const leaves = rows
    .filter((r) => r.kind === "DEPARTMENT" || r.kind === "UNIT" || r.kind === "COMMUNE")
    .map((r) => r.id);
  // People: staff category, heads (~3 %), IT roles (~7 %), a response-team tag for some IT staff.
  await client.query(
    `INSERT INTO "Person" (id, "fullName", email, "agencyId", "staffCategory", "isHeadOfUnit", "itRole", tags, "updatedAt")
     SELECT gen_random_uuid(), 'Cán bộ ' || g, 'cb' || g || '@' || $4 || '.bench.gov.vn',
       ($1::uuid[])[1 + floor(random() * $2)::int],
       (ARRAY['CAN_BO','CONG_CHUC','CONG_CHUC','VIEN_CHUC','VIEN_CHUC','NGUOI_LAO_DONG'])[1 + floor(random() * 6)::int]::"StaffCategory",
       random() < 0.03,
       (CASE WHEN r < 0.02 THEN 'FULL_TIME' WHEN r < 0.07 THEN 'PART_TIME' ELSE 'NONE' END)::"ItRole",
       CASE WHEN r < 0.02 THEN ARRAY['doi-ung-cuu-su-co'] ELSE ARRAY[]::text[] END,
       now()
     FROM (SELECT g, random() AS r FROM generate_series(1, $3) g) x`,
    [leaves, leaves.length, s.people, s.name],
  );
  // Completions: each person × topic with some probability, dates over 2026, ~6 % already expired.
  await client.query(
    `INSERT INTO "Completion" (id, "personId", topics, source, "completedAt", "validUntil")
     SELECT gen_random_uuid(), x.id, ARRAY[x.topic],
       (ARRAY['ONLINE','ONLINE','ONLINE','CLASS','DRILL','IMPORTED'])[1 + floor(random() * 6)::int]::"CompletionSource",
       x.d, CASE WHEN random() < 0.06 THEN x.d + interval '60 days' ELSE x.d + interval '2 years' END
     FROM (
       -- One date per row (a LATERAL subquery without a reference to the row would run only once).
       SELECT p.id, t.topic, timestamptz '2026-01-01' + random() * interval '320 days' AS d
       FROM "Person" p CROSS JOIN unnest($1::text[]) AS t(topic)
       WHERE random() < $2
     ) x`,
    [TOPICS, s.completionsPerPerson / TOPICS.length],
  );
  const planId = randomUUID();
  await client.query(
    `INSERT INTO "TrainingPlan" (id, "documentNumber", title, issuer, year, "agencyId", "startsAt", "updatedAt")
     VALUES ($1, 'BENCH-' || $3, 'Kế hoạch đo', 'UBND', 2026, $2, '2026-01-01', now())`,
    [planId, root, s.name],
  );
  const targets = [
    [`'{CAN_BO,CONG_CHUC,VIEN_CHUC}'`, `'{}'`, false, ["attt-co-ban"], 100],
    [`'{}'`, `'{}'`, true, ["attt-lanh-dao"], 100],
    [`'{}'`, `'{FULL_TIME,PART_TIME}'`, false, ["attt-chuyen-sau"], 100],
    [`'{CAN_BO,CONG_CHUC,VIEN_CHUC}'`, `'{}'`, false, ["ky-nang-so-co-ban"], 50],
    [`'{CAN_BO,CONG_CHUC,VIEN_CHUC}'`, `'{}'`, false, ["phan-tich-du-lieu"], 25],
  ] as const;
  for (const [i, [cats, roles, head, topics, pct]] of targets.entries())
    await client.query(
      `INSERT INTO "Target" (id, "planId", code, title, position, "staffCategories", "itRoles", "headOfUnitOnly", topics, "targetPercent", deadline, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $2, $3, ${cats}::"StaffCategory"[], ${roles}::"ItRole"[], $4, $5, $6, '2026-12-31T16:59:59Z', now())`,
      [planId, `T${i + 1}`, i, head, topics, pct],
    );
  await client.query("ANALYZE");
  const generated = ms(t0);
  await client.query(`RESET hoc.figures_off`);
  const t1 = performance.now();
  await client.query(`SELECT figure_rebuild(now())`);
  await client.query(`ANALYZE "PersonFigureKey", "TargetCount"`);
  const summary = await client.query(`SELECT count(*)::int n FROM "TargetCount"`);
  const built = ms(t1);
  const counts = await client.query(
    `SELECT (SELECT count(*) FROM "Agency")::int a, (SELECT count(*) FROM "Person")::int p, (SELECT count(*) FROM "Completion")::int c`,
  );
  const c = counts.rows[0];
  console.log(
    `  ${s.name}: ${c.a} agencies, ${c.p} people, ${c.c} completions generated in ${(generated / 1000).toFixed(1)} s; ` +
      `summary (${summary.rows[0].n} target × agency rows) built in ${(built / 1000).toFixed(1)} s`,
  );
  return planId;
}

let peakHeap = 0;
const sampleHeap = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));

const GIVEN_URL = process.env.DATABASE_URL;

async function measure(s: Shape, runs: number) {
  // benchDatabase honours DATABASE_URL; the previous set's URL must not leak into the next one.
  if (GIVEN_URL) process.env.DATABASE_URL = GIVEN_URL;
  else delete process.env.DATABASE_URL;
  const url = await benchDatabase(`hoc_bench_targets_${s.name}${process.env.BENCH_DB_SUFFIX ?? ""}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const planId = await generate(client, s);
  await client.end();
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
  const once = async () => {
    const t0 = performance.now();
    const view = (await resolveView(q, "ALL"))!;
    const d = await dashboardData(view, admin, "ALL", "vi");
    sampleHeap();
    return { t: ms(t0), d };
  };
  const warm = await once(); // first run pays for connections and plan caching
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await once()).t);
  times.sort((a, b) => a - b);
  const card = warm.d.cards[0].figure!;
  console.log(
    `  ${s.name}: dashboard p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, ` +
      `max ${times[times.length - 1].toFixed(0)} ms over ${runs} runs (first ${warm.t.toFixed(0)} ms); ` +
      `T1 at the top: ${card.completed}/${card.audience}`,
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
  return times;
}

async function main() {
  console.log("bench:targets — full dashboard (5 targets) on PostgreSQL");
  const results: Record<string, number[]> = {};
  if (SETS.includes("province")) results.province = await measure(PROVINCE, Math.max(20, RUNS));
  if (SETS.includes("national"))
    results.national = await measure(NATIONAL, Number(process.env.BENCH_NATIONAL_RUNS ?? 20));
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
        `p50 ${ratio(50).toFixed(2)}, p95 ${ratio(95).toFixed(2)} ${ratio(95) <= 3 ? "≤ 3 ✓" : "> 3 ✗"}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
