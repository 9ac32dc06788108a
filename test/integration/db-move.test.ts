// Issue 14.6: `npm run db:move -- postgresql://…` on the demo database. The demo data (the seed `npm start` loads)
// goes into a temporary PGlite directory, is moved into a fresh PostgreSQL database, and this test recomputes
// every table's row count and checksum on both sides with its own SQL (whole-row text in primary-key order,
// keys read from information_schema), independently of the figures the script prints.
// Needs a PostgreSQL server: TEST_DATABASE_URL's, else 127.0.0.1:5432 when it answers (skipped otherwise).
// It makes its own databases, so it runs once, in the PGlite pass, not again in the PostgreSQL one.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MoveError, connectionMessage, parseTargetUrl } from "../../scripts/lib/db-move.ts";
import { ownServer, ownServerEnabled, type Run, runProgram, withClient } from "./helpers/pg-server";

const root = path.resolve(import.meta.dirname, "../..");
const server = ownServer;
const enabled = await ownServerEnabled();
const work = enabled ? mkdtempSync(path.join(tmpdir(), "hoc-move-")) : "";
const dir = path.join(work, "pglite");
const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir, NODE_ENV: "production" };
delete env.DATABASE_URL;

/** `node --import tsx <script> …args` in the repository, as `npm run` would. */
function run(script: string, args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  return runProgram(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
  });
}
const move = (url: string, extraEnv?: Record<string, string>) => run("scripts/db-move.ts", [url], extraEnv);

const created: string[] = [];
const admin = <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => withClient(server, fn);
/** A fresh, empty database on the server; dropped after the file. */
async function freshDatabase(): Promise<string> {
  const name = `hoc_move_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;
async function withSource<T>(fn: (q: Query) => Promise<T>): Promise<T> {
  const db = new PGlite(dir);
  try {
    return await fn(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await db.close();
  }
}
async function withTarget<T>(url: string, fn: (q: Query) => Promise<T>): Promise<T> {
  return withClient(url, (c) => fn(async (sql) => (await c.query(sql)).rows));
}

/** Per table: rows and md5 of all rows' text joined in primary-key order; sequences; foreign keys; migrations. */
async function fingerprint(q: Query) {
  await q("SET TimeZone = 'UTC'");
  const keys = await q(
    `SELECT k.table_name AS t, string_agg(format('%I', k.column_name), ',' ORDER BY k.ordinal_position) AS cols
       FROM information_schema.table_constraints c
       JOIN information_schema.key_column_usage k
         ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
      WHERE c.table_schema = 'public' AND c.constraint_type = 'PRIMARY KEY' AND k.table_name <> '_prisma_migrations'
      GROUP BY 1 ORDER BY 1`,
  );
  const tables: Record<string, { rows: number; md5: string }> = {};
  for (const { t, cols } of keys as { t: string; cols: string }[]) {
    // Text keys compared byte-wise: PGlite knows no other order, the server's default may be a locale's.
    const order = (cols as string)
      .split(",")
      .map((c) => `(${c})::text COLLATE "C"`)
      .join(", ");
    const [r] = await q(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(_r::text, E'\\n' ORDER BY ${order}), '')) AS md5
         FROM public."${t}" _r`,
    );
    tables[t] = r as { rows: number; md5: string };
  }
  const sequences: Record<string, string> = {};
  for (const { s } of (await q(
    `SELECT sequence_name AS s FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1`,
  )) as { s: string }[]) {
    const [r] = await q(`SELECT last_value::text || '/' || is_called::text AS v FROM public."${s}"`);
    sequences[s] = r.v as string;
  }
  const [fk] = await q(
    `SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY conname) AS v
       FROM pg_constraint WHERE contype = 'f'`,
  );
  const migrations = (
    await q(`SELECT migration_name AS m FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1`)
  ).map((r) => r.m);
  return { tables, sequences, foreignKeys: fk.v, migrations };
}

let holder: ChildProcess | undefined;
afterAll(async () => {
  holder?.kill();
  if (enabled) {
    for (const name of created) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

// In every pass and without a server (cheap, in process). It also keeps the file from being all skipped:
// vitest then skips the hooks too, and setup.ts's afterAll would leave its PostgreSQL database behind.
describe("db:move's target URL", () => {
  it("names what is wrong and never shows the password", () => {
    const message = (raw: string | undefined) => {
      try {
        parseTargetUrl(raw);
        return "";
      } catch (e) {
        expect(e).toBeInstanceOf(MoveError);
        return `${(e as MoveError).exitCode} ${(e as MoveError).message}`;
      }
    };
    expect(message(undefined)).toMatch(/^2 Cách dùng: npm run db:move -- postgresql:\/\//);
    expect(message("mysql://root@db/hoc")).toMatch(
      /^2 Địa chỉ PostgreSQL không hợp lệ: "mysql:\/\/root@db\/hoc"/,
    );
    expect(message("postgresql://")).toContain("không hợp lệ");
    expect(message("postgres://u:p@db:5432/")).toContain("postgres://u:***@db:5432/ thiếu tên cơ sở dữ liệu");
    expect(message("postgresql://u:p@db:5432/hoc")).toBe("");
    const url = parseTargetUrl("postgresql://u:bi-mat@db:5432/hoc");
    expect(connectionMessage(url, { code: "3D000" })).toContain('chưa có cơ sở dữ liệu "hoc"');
    expect(connectionMessage(url, { code: "28P01", message: "password authentication failed" })).toContain(
      "sai người dùng hoặc mật khẩu",
    );
    expect(connectionMessage(url, { code: "ECONNREFUSED", message: "connect ECONNREFUSED" })).not.toContain(
      "bi-mat",
    );
  });
});

describe.skipIf(!enabled)("npm run db:move (embedded PGlite → empty PostgreSQL)", () => {
  let source: Awaited<ReturnType<typeof fingerprint>>;
  let moved: string;

  beforeAll(async () => {
    for (const script of ["scripts/db.ts", "prisma/seed.ts"]) {
      const r = await run(script, script === "scripts/db.ts" ? ["migrate"] : []);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    }
    // Values whose text forms bite: bytea, a float that is not short, arrays with quotes, commas and
    // backslashes, JSON with an emoji, a deleted last row (the sequence is past the highest id).
    await withSource(async (q) => {
      const one = async (sql: string) => expect(await q(`${sql} RETURNING 1`)).toHaveLength(1);
      await one(
        `UPDATE "User" SET "totpKey" = '\\x00ff105c22'::bytea WHERE email = 'quantri@langson.gov.vn'`,
      );
      await one(`UPDATE "Enrollment" SET "lastPosition" = 0.1::float8 + 0.2::float8`);
      await one(
        `UPDATE "Person" SET tags = ARRAY['có "ngoặc"', 'a,b', 'back\\slash', '{x}', 'NULL', ''],
                "fullName" = E'Nguyễn\\tVăn\\nA (thử)'
          WHERE email = 'hocvien@langson.gov.vn'`,
      );
      await q(
        `INSERT INTO "AuditEvent" (action, "entityType", data)
         VALUES ('db-move.test', 'Test', '{"q": "\\"", "emoji": "😀", "n": [1, 2.5, null]}')`,
      );
      await q(`INSERT INTO "LoginAttempt" (key, success) VALUES ('a', true), ('b', false)`);
      await q(`DELETE FROM "LoginAttempt" WHERE key = 'b'`);
    });
    source = await withSource(fingerprint);
  }, 900_000);

  it("copies the demo database: every table's row count and checksum are equal, sequences continue", async () => {
    moved = await freshDatabase();
    const r = await move(moved);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("số dòng và checksum của mọi bảng đều khớp");
    expect(r.stdout).not.toContain("✗");

    // The demo data really is there (not an empty copy of an empty database).
    expect(source.tables.Person.rows).toBeGreaterThanOrEqual(3000);
    expect(source.tables.Completion.rows).toBeGreaterThan(1000);
    expect(Object.keys(source.tables).length).toBeGreaterThanOrEqual(38);
    expect(source.sequences.LoginAttempt_id_seq).toBe("2/true");

    const target = await withTarget(moved, fingerprint);
    expect(target.tables).toEqual(source.tables);
    expect(target.sequences).toEqual(source.sequences);
    expect(target.foreignKeys).toEqual(source.foreignKeys);
    expect(target.migrations).toEqual(source.migrations);

    // The script prints, per table, md5 over each row's md5 in key order: the same figure by SQL on the target.
    await withTarget(moved, async (q) => {
      await q("SET TimeZone = 'UTC'");
      const [p] = await q(`SELECT md5(string_agg(md5(_r::text), '' ORDER BY id)) AS v FROM "Person" _r`);
      expect(r.stdout).toMatch(new RegExp(`Person\\s+${source.tables.Person.rows}\\s+${p.v}\\s+✓`));
      // Numbering goes on after the last number the embedded database handed out.
      const [next] = await q(`SELECT nextval('"LoginAttempt_id_seq"')::int AS v`);
      expect(next.v).toBe(3);
    });
  }, 600_000);

  it("refuses a target that already has rows, and writes nothing", async () => {
    const again = await move(moved);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("đã có dữ liệu");
    expect(again.stderr).toContain("Chưa có gì được ghi");
    expect((await withTarget(moved, fingerprint)).tables).toEqual(source.tables);

    // Rows of another application: not even our schema is created there.
    const other = await freshDatabase();
    await withTarget(other, (q) =>
      q(`CREATE TABLE notes (body text); INSERT INTO notes VALUES ('giữ nguyên')`),
    );
    const r = await move(other);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("đã có dữ liệu (bảng notes)");
    const tables = await withTarget(other, (q) =>
      q(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`),
    );
    expect(tables.map((t) => t.t)).toEqual(["notes"]);
  }, 300_000);

  it("says clearly what is wrong with a bad URL, an unknown database or an unreachable server", async () => {
    const noArg = await run("scripts/db-move.ts", []);
    expect(noArg.status).toBe(2);
    expect(noArg.stderr).toContain("Cách dùng: npm run db:move -- postgresql://");

    const bad = await move("khong-phai-url");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Địa chỉ PostgreSQL không hợp lệ: "khong-phai-url"');

    const noName = await move("postgresql://postgres@127.0.0.1:5432");
    expect(noName.status).toBe(2);
    expect(noName.stderr).toContain("thiếu tên cơ sở dữ liệu");

    const missing = new URL(server);
    missing.pathname = "/hoc_move_khong_co";
    const unknown = await move(missing.toString());
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('chưa có cơ sở dữ liệu "hoc_move_khong_co"');

    const refused = await move("postgresql://postgres:bi-mat@127.0.0.1:1/hoc");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(
      "Không kết nối được tới PostgreSQL postgresql://postgres:***@127.0.0.1:1/hoc",
    );
    expect(refused.stderr).not.toContain("bi-mat");
    for (const r of [noArg, bad, noName, unknown, refused]) expect(r.stderr).not.toMatch(/\n\s+at /);

    const nowhere = await move(await freshDatabase(), { PGLITE_DIR: path.join(work, "khong-co") });
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toContain("Không có cơ sở dữ liệu nhúng tại");
  }, 300_000);

  it("refuses to run while the app holds the embedded database", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/scripts/open-db.ts", "--hold"], {
      cwd: root,
      env,
      stdio: ["pipe", "pipe", "inherit"],
    });
    holder = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (b: Buffer) => b.toString().includes("open") && resolve());
      child.on("exit", (code) => reject(new Error(`holder exited early (${code})`)));
    });
    const target = await freshDatabase();
    const r = await move(target);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`đang được tiến trình PID ${child.pid}`);
    const tables = await withTarget(target, (q) =>
      q(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`),
    );
    expect(tables[0].n).toBe(0);
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.stdin!.end();
    await exited;
    holder = undefined;
  }, 300_000);
});
