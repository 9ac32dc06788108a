// Gives every integration test file its own migrated database before any app module is imported:
// in-memory PGlite by default, or a fresh database on the server in TEST_DATABASE_URL when TEST_DB=postgres
// (reached through a private PgBouncer in transaction mode when TEST_VIA_PGBOUNCER=1 as well). Both are copies
// of the run's template, migrated once by global-setup.ts.
import { readFileSync } from "node:fs";
import { afterAll, inject } from "vitest";
import pg from "pg";

const usePostgres = process.env.TEST_DB === "postgres";
let dropDatabase: (() => Promise<void>) | undefined;
let stopPooler: (() => Promise<void>) | undefined;

if (usePostgres) {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL");
  // This run's prefix (global-setup.ts), whose teardown drops the databases of files that skipped their hooks.
  const name = `${inject("testDatabasePrefix")}${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject("postgresTemplate")}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  delete process.env.PGLITE_DIR;
  if (process.env.TEST_VIA_PGBOUNCER === "1") {
    // The app (and every test) reaches this file's database through a private PgBouncer in transaction mode.
    const { startPgbouncer } = await import("../support/pgbouncer.ts");
    const bouncer = await startPgbouncer({ server: base });
    if (!bouncer) throw new Error("TEST_VIA_PGBOUNCER=1 but /usr/sbin/pgbouncer is missing");
    process.env.TEST_DIRECT_DATABASE_URL = url.toString();
    process.env.TEST_PGBOUNCER_ADMIN_URL = bouncer.adminUrl;
    process.env.DATABASE_URL = bouncer.urlFor(url.toString());
    stopPooler = () => bouncer.close();
  }
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
  const { openDbFromDump } = await import("~/db.server");
  openDbFromDump(new Blob([readFileSync(inject("pgliteTemplate"))]));
}
process.env.NODE_ENV = "test";
// The followers of module events (standing assignments follow people changes), as the server build has them.
await import("~/wiring.server");

afterAll(async () => {
  const { closeDb } = await import("~/db.server");
  await closeDb();
  await stopPooler?.();
  await dropDatabase?.();
});
