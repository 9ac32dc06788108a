// Issue 14.7: the backup and the restore drill of docs/deploy.md, as an operator runs them. deploy/backup.sh
// dumps a small database of its own (pg_dump -Fc) and prunes old dumps; deploy/restore-drill.sh restores the
// dump into a new database, compares every table's row count with the source, and drops what it made.
// A source that changed after the dump fails the drill. Needs a PostgreSQL server (TEST_DATABASE_URL's, else
// 127.0.0.1:5432 when it answers) and pg_dump; it makes its own databases, so it runs in the PGlite pass only.
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownServer, ownServerEnabled, type Run, runProgram, withClient } from "./helpers/pg-server";

const root = path.resolve(import.meta.dirname, "../..");
const server = ownServer;
const enabled = existsSync("/usr/bin/pg_dump") && (await ownServerEnabled());

function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return runProgram("bash", [path.join(root, "deploy", script), ...args], {
    env: { ...process.env, ...env },
  });
}

const name = `hoc_drill_src_${process.pid}`;
const source = new URL(server);
source.pathname = `/${name}`;
const work = enabled ? mkdtempSync(path.join(tmpdir(), "hoc-backup-")) : "";

async function sql(url: URL, text: string) {
  return withClient(url, (c) => c.query(text));
}
const drillDatabases = async () =>
  (await sql(server, `SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'hoc_attt_drill_%'`))
    .rows[0].n as number;

describe.skipIf(!enabled)("deploy/backup.sh and deploy/restore-drill.sh", () => {
  beforeAll(async () => {
    await sql(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await sql(server, `CREATE DATABASE "${name}"`);
    await sql(
      source,
      `CREATE TABLE "Agency" (id serial PRIMARY KEY, name text NOT NULL);
       CREATE TABLE "Person" (id serial PRIMARY KEY, "agencyId" int REFERENCES "Agency", "fullName" text,
         "createdAt" timestamptz DEFAULT now());
       INSERT INTO "Agency" (name) VALUES ('Sở Khoa học và Công nghệ'), ('Sở Nội vụ');
       INSERT INTO "Person" ("agencyId", "fullName") SELECT 1 + i % 2, 'Nguyễn Văn ' || i FROM generate_series(1, 250) i;
       CREATE TABLE "Empty" (id int);`,
    );
  });
  afterAll(async () => {
    if (!enabled) return;
    await sql(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    rmSync(work, { recursive: true, force: true });
  });

  it("dumps, prunes old dumps, restores into a new database with the same row counts, and drops it", async () => {
    // A dump from 20 days ago goes (RETAIN_DAYS=14); one from 3 days ago stays.
    const old = path.join(work, "hoc-attt-20000101T000000Z.dump");
    const recent = path.join(work, "hoc-attt-20000102T000000Z.dump");
    for (const [file, days] of [
      [old, 20],
      [recent, 3],
    ] as const) {
      writeFileSync(file, "x");
      const t = new Date(Date.now() - days * 86_400_000);
      utimesSync(file, t, t);
    }
    const backup = await run("backup.sh", [], { DATABASE_URL: source.toString(), BACKUP_DIR: work });
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    const dumps = readdirSync(work).filter((f) => /^hoc-attt-\d{8}T\d{6}Z\.dump$/.test(f));
    expect(dumps).toContain(path.basename(recent));
    expect(dumps).not.toContain(path.basename(old));
    const made = dumps.find((f) => f !== path.basename(recent))!;
    expect(backup.stdout).toContain(made);

    const before = await drillDatabases();
    const drill = await run(
      "restore-drill.sh",
      [path.join(work, made), source.toString(), server.toString()],
      {},
    );
    expect(drill.stderr).toBe("");
    expect(drill.status).toBe(0);
    expect(drill.stdout).toMatch(/^Person\s+250\s+250$/m);
    expect(drill.stdout).toMatch(/^Agency\s+2\s+2$/m);
    expect(drill.stdout).toContain("Diễn tập khôi phục đạt: 3 bảng");
    expect(await drillDatabases()).toBe(before);

    // The source moved on after the dump: the drill says so and fails.
    await sql(source, `INSERT INTO "Agency" (name) VALUES ('Sở Tài chính')`);
    const stale = await run(
      "restore-drill.sh",
      [path.join(work, made), source.toString(), server.toString()],
      {},
    );
    expect(stale.status).toBe(1);
    expect(stale.stdout).toMatch(/^Agency\s+3\s+2$/m);
    expect(stale.stderr).toContain("THẤT BẠI");
    expect(await drillDatabases()).toBe(before);
  });
});
