// Gives every integration test file its own migrated database before any app module is imported:
// in-memory PGlite by default, or a fresh database on the server in TEST_DATABASE_URL when TEST_DB=postgres
// (reached through a private PgBouncer in transaction mode when TEST_VIA_PGBOUNCER=1 as well). Both are copies
// of the run's template, migrated once by global-setup.ts.
//
// The integration project runs with `isolate: false` (vitest.config.ts): a worker process runs file after
// file and keeps the modules it loaded (PGlite's WASM, the Prisma client, the app), which had cost each file
// ~2 s of CPU to load again. What one file could leave to the next is undone here before each file: the
// environment as the worker started, the previous file's database (closed, with the caches of its rows:
// forgetOnClose in ~/db.server), the process's scheduler, a swapped auth configuration, fake timers.
import { readFileSync } from "node:fs";
import { afterAll, inject, vi } from "vitest";
import pg from "pg";

const worker = globalThis as unknown as { __testEnv?: Record<string, string | undefined> };
if (worker.__testEnv) {
  // Vitest's own (VITEST_*) are its to set for each file.
  const ours = (key: string) => !key.startsWith("VITEST");
  for (const key of Object.keys(process.env))
    if (ours(key) && !(key in worker.__testEnv)) delete process.env[key];
  for (const [key, value] of Object.entries(worker.__testEnv)) if (ours(key)) process.env[key] = value;
} else worker.__testEnv = { ...process.env };
vi.useRealTimers();
{
  // A file whose tests were all skipped never ran its afterAll: its database is still open.
  const [{ closeDb }, { stopScheduler }, { setAuthConfigForTests }] = await Promise.all([
    import("~/db.server"),
    import("~/modules/notifications/scheduler.server"),
    import("~/modules/auth/config.server"),
  ]);
  await stopScheduler();
  await closeDb();
  setAuthConfigForTests(undefined);
}

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
  const { stopScheduler } = await import("~/modules/notifications/scheduler.server");
  await stopScheduler();
  await closeDb();
  await stopPooler?.();
  await dropDatabase?.();
});
