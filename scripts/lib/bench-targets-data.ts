// bench:targets' data: a province or national set generated set-based in SQL (generate_series), fast enough
// for 2,000,000 people and ~10 million completions on a small machine, and kept for the next run.
// The load runs with what makes a bulk load slow taken away, then put back: the summary triggers dropped
// (a statement trigger with a transition table stores every inserted row even when it returns at once),
// foreign-key checks off (session_replication_role = replica; the rows are consistent by construction),
// the secondary indexes dropped and rebuilt by sorting afterwards, rows inserted in primary-key order (random
// keys into a primary key larger than shared_buffers cost a full-page image in the WAL per row after each
// checkpoint); then one figure_rebuild. Each phase is
// timed and printed. A complete set is marked in the database's comment; a later run reuses it.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { applyMigrations } from "./schema-engine.ts";
import { ms } from "./bench.ts";

export type Shape = {
  name: string;
  people: number;
  provinces: number;
  depts: number;
  units: number;
  communes: number;
  completionsPerPerson: number;
};

export const TOPICS = [
  "attt-co-ban",
  "attt-lanh-dao",
  "attt-chuyen-sau",
  "ky-nang-so-co-ban",
  "phan-tich-du-lieu",
];
// Bumped when the generated data change shape, so an older kept set is generated again.
const GENERATOR = "bench:targets data v2";
const SERVER = process.env.BENCH_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432";

const marker = (s: Shape) =>
  `${GENERATOR} ${JSON.stringify({ ...s, name: undefined, topics: TOPICS })} complete`;

export type BenchSet = { url: string; planId: string; reused: boolean; phases: [string, number][] };

/**
 * The set's database (DATABASE_URL when given, else `name` on the local server), migrated and complete:
 * reused when a previous run finished generating it with this shape (unless BENCH_FRESH=1), else generated.
 */
export async function benchSet(name: string, s: Shape, fresh: boolean): Promise<BenchSet> {
  const given = process.env.DATABASE_URL;
  const url = given ?? `${SERVER}/${name}`;
  const adminUrl = new URL(url);
  const dbName = decodeURIComponent(adminUrl.pathname.slice(1));
  adminUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const phases: [string, number][] = [];
  try {
    const found = await admin.query<{ note: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`,
      [dbName],
    );
    const complete = found.rows[0]?.note === marker(s);
    if (complete && !fresh) {
      await applyMigrations({ url });
      const planId = await withClient(url, async (c) => {
        // What the hourly tick does: the kept summary is exact at its generation; bring it to now.
        const t0 = performance.now();
        const moved = await c.query<{ n: number }>(`SELECT figure_advance(now()) AS n`);
        const label = `figure_advance to now (${moved.rows[0]!.n} people moved)`;
        phases.push([label, ms(t0)]);
        console.log(`    ${s.name} ${label}: ${(ms(t0) / 1000).toFixed(1)} s`);
        const plan = await c.query<{ id: string }>(
          `SELECT id FROM "TrainingPlan" WHERE "documentNumber" = $1`,
          [`BENCH-${s.name}`],
        );
        return plan.rows[0]!.id;
      });
      return { url, planId, reused: true, phases };
    }
    if (!given) {
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${dbName}"`);
    }
    // A given database is generated into as it is (the caller's choice); it must be empty of bench rows.
    await applyMigrations({ url });
    const planId = await withClient(url, (c) => generate(c, s, phases));
    await admin.query(`COMMENT ON DATABASE "${dbName}" IS ${admin.escapeLiteral(marker(s))}`);
    return { url, planId, reused: false, phases };
  } finally {
    await admin.end();
  }
}

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

const LOADED = ["Person", "Completion", "Target"];

async function generate(c: pg.Client, s: Shape, phases: [string, number][]): Promise<string> {
  const phase = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    const t = ms(t0);
    phases.push([label, t]);
    console.log(`    ${s.name} ${label}: ${(t / 1000).toFixed(1)} s`);
    return out;
  };
  // This session only: a lost tail after a crash is regenerated (no marker), sorts and hashes stay in memory.
  await c.query(`SET synchronous_commit = off`);
  await c.query(`SET work_mem = '256MB'`);
  await c.query(`SET maintenance_work_mem = '1GB'`);
  // A plan gone wrong (a wide row carried through a sort) must not fill the shared disk.
  await c.query(`SET temp_file_limit = '20GB'`);

  const { triggers, indexes } = await phase("drop summary triggers and secondary indexes", async () => {
    const triggers = await c.query<{ name: string; tbl: string; def: string }>(
      `SELECT t.tgname AS name, r.relname AS tbl, pg_get_triggerdef(t.oid) AS def
       FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
       WHERE NOT t.tgisinternal AND r.relname = ANY($1)`,
      [LOADED],
    );
    // Indexes that back no constraint (Prisma's @unique and @@index are plain indexes; primary keys stay).
    const indexes = await c.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid
       WHERE r.relname = ANY($1) AND r.relnamespace = 'public'::regnamespace
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
      [["Person", "Completion"]],
    );
    for (const t of triggers.rows) await c.query(`DROP TRIGGER "${t.name}" ON "${t.tbl}"`);
    for (const i of indexes.rows) await c.query(`DROP INDEX ${i.name}`);
    return { triggers: triggers.rows, indexes: indexes.rows };
  });
  await c.query(`SET session_replication_role = replica`);

  await phase("agencies", () => insertAgencies(c, s));
  // People: staff category, heads (~3 %), IT roles (~7 %), a response-team tag for some IT staff.
  await phase(`people (${s.people.toLocaleString("en")})`, () =>
    c.query(
      `WITH leaf AS MATERIALIZED (
         SELECT id, row_number() OVER (ORDER BY code)::int AS i FROM "Agency"
         WHERE kind IN ('DEPARTMENT', 'UNIT', 'COMMUNE'))
       INSERT INTO "Person" (id, "fullName", email, "agencyId", "staffCategory", "isHeadOfUnit", "itRole", tags, "updatedAt")
       SELECT gen_random_uuid(), 'Cán bộ ' || g, 'cb' || g || '@' || $2 || '.bench.gov.vn',
         l.id,
         (ARRAY['CAN_BO','CONG_CHUC','CONG_CHUC','VIEN_CHUC','VIEN_CHUC','NGUOI_LAO_DONG'])[1 + floor(random() * 6)::int]::"StaffCategory",
         random() < 0.03,
         (CASE WHEN r < 0.02 THEN 'FULL_TIME' WHEN r < 0.07 THEN 'PART_TIME' ELSE 'NONE' END)::"ItRole",
         CASE WHEN r < 0.02 THEN ARRAY['doi-ung-cuu-su-co'] ELSE ARRAY[]::text[] END,
         now()
       -- OFFSET 0: x's random index is drawn once per person (not re-drawn by a join that rescans x), and
       -- only the agency's id, not a wide row, goes through the sort.
       FROM (SELECT g, random() AS r, 1 + floor(random() * (SELECT count(*) FROM leaf))::int AS i
             FROM generate_series(1, $1) g OFFSET 0) x
         JOIN leaf l ON l.i = x.i
       ORDER BY 1`,
      [s.people, s.name],
    ),
  );
  // Completions: each person × topic with some probability, dates over 2026, ~6 % already expired.
  const completions = await phase("completions", () =>
    c.query(
      `INSERT INTO "Completion" (id, "personId", topics, source, "completedAt", "validUntil")
       SELECT gen_random_uuid(), x.id, ARRAY[x.topic],
         (ARRAY['ONLINE','ONLINE','ONLINE','CLASS','DRILL','IMPORTED'])[1 + floor(random() * 6)::int]::"CompletionSource",
         x.d, CASE WHEN random() < 0.06 THEN x.d + interval '60 days' ELSE x.d + interval '2 years' END
       FROM (
         -- One date per row (a LATERAL subquery without a reference to the row would run only once).
         SELECT p.id, t.topic, timestamptz '2026-01-01' + random() * interval '320 days' AS d
         FROM "Person" p CROSS JOIN unnest($1::text[]) AS t(topic)
         WHERE random() < $2
       ) x
       ORDER BY 1`,
      [TOPICS, s.completionsPerPerson / TOPICS.length],
    ),
  );
  const planId = await phase("plan and 5 targets", () => insertPlan(c, s));
  await c.query(`RESET session_replication_role`);
  for (const i of indexes) await phase(`index ${i.name}`, () => c.query(i.def));
  await phase("summary triggers back", async () => {
    for (const t of triggers) await c.query(t.def);
  });
  await phase("ANALYZE", () => c.query("ANALYZE"));
  await phase(`figure_rebuild (${completions.rowCount} completions)`, async () => {
    await c.query(`SELECT figure_rebuild(now())`);
    await c.query(`ANALYZE "PersonFigureKey", "TargetCount"`);
  });
  return planId;
}

// 34 provinces × (1 + group + 20 sở + 80 phòng + 192 xã) + the root = 9,997 agencies; level by level.
async function insertAgencies(c: pg.Client, s: Shape) {
  const insert = (select: string, params: unknown[]) =>
    c.query(
      `INSERT INTO "Agency" (id, code, name, kind, "parentId", path, depth, "updatedAt")
       SELECT x.id, x.code, x.name, x.kind::"AgencyKind", x.parent, coalesce(x.ppath, '/') || x.id || '/', x.depth, now()
       FROM (${select} OFFSET 0) x`,
      params,
    );
  // gen_random_uuid() in a subquery with OFFSET 0: one id per row, read twice (id and path).
  if (s.provinces > 1)
    await insert(
      `SELECT gen_random_uuid() AS id, $1 || '.VN' AS code, 'Toàn quốc' AS name, 'GROUP' AS kind,
         NULL::uuid AS parent, NULL::text AS ppath, 0 AS depth`,
      [s.name],
    );
  await insert(
    `SELECT gen_random_uuid() AS id, $1 || '.T' || g AS code, 'UBND tỉnh số ' || g AS name, 'PROVINCE' AS kind,
       r.id AS parent, r.path AS ppath, coalesce(r.depth + 1, 0) AS depth
     FROM generate_series(1, $2) g LEFT JOIN "Agency" r ON r.code = $1 || '.VN'`,
    [s.name, s.provinces],
  );
  const under = (kind: string, childCode: string, name: string, childKind: string, n: number) =>
    insert(
      `SELECT gen_random_uuid() AS id, a.code || ${childCode} AS code, ${name} AS name, '${childKind}' AS kind,
         a.id AS parent, a.path AS ppath, a.depth + 1 AS depth
       FROM "Agency" a CROSS JOIN generate_series(1, $1) g WHERE a.kind = '${kind}'`,
      [n],
    );
  await under("PROVINCE", `'.XA'`, `'UBND các xã, phường'`, "GROUP", 1);
  await under("PROVINCE", `'.S' || g`, `'Sở số ' || g`, "DEPARTMENT", s.depts);
  await under("DEPARTMENT", `'.P' || g`, `'Phòng ' || g`, "UNIT", s.units);
  // The communes' group is the province's only GROUP child.
  await insert(
    `SELECT gen_random_uuid() AS id, a.code || '.X' || g AS code, 'Xã số ' || g AS name, 'COMMUNE' AS kind,
       a.id AS parent, a.path AS ppath, a.depth + 1 AS depth
     FROM "Agency" a CROSS JOIN generate_series(1, $1) g WHERE a.kind = 'GROUP' AND a.code LIKE '%.XA'`,
    [s.communes],
  );
}

async function insertPlan(c: pg.Client, s: Shape): Promise<string> {
  const plan = await c.query<{ id: string }>(
    `INSERT INTO "TrainingPlan" (id, "documentNumber", title, issuer, year, "agencyId", "startsAt", "updatedAt")
     SELECT gen_random_uuid(), 'BENCH-' || $1, 'Kế hoạch đo', 'UBND', 2026, a.id, '2026-01-01', now()
     FROM "Agency" a WHERE a."parentId" IS NULL RETURNING id`,
    [s.name],
  );
  const planId = plan.rows[0]!.id;
  const targets = [
    [`'{CAN_BO,CONG_CHUC,VIEN_CHUC}'`, `'{}'`, false, ["attt-co-ban"], 100],
    [`'{}'`, `'{}'`, true, ["attt-lanh-dao"], 100],
    [`'{}'`, `'{FULL_TIME,PART_TIME}'`, false, ["attt-chuyen-sau"], 100],
    [`'{CAN_BO,CONG_CHUC,VIEN_CHUC}'`, `'{}'`, false, ["ky-nang-so-co-ban"], 50],
    [`'{CAN_BO,CONG_CHUC,VIEN_CHUC}'`, `'{}'`, false, ["phan-tich-du-lieu"], 25],
  ] as const;
  for (const [i, [cats, roles, head, topics, pct]] of targets.entries())
    await c.query(
      `INSERT INTO "Target" (id, "planId", code, title, position, "staffCategories", "itRoles", "headOfUnitOnly", topics, "targetPercent", deadline, "updatedAt")
       VALUES (gen_random_uuid(), $1, $2, $2, $3, ${cats}::"StaffCategory"[], ${roles}::"ItRole"[], $4, $5, $6, '2026-12-31T16:59:59Z', now())`,
      [planId, `T${i + 1}`, i, head, topics, pct],
    );
  return planId;
}
