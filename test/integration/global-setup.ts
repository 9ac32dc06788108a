// One run of the integration project on PostgreSQL: every test file creates its database under this run's
// prefix (setup.ts), and the teardown drops whatever is left of them. A file whose tests are all skipped (db-move
// on PostgreSQL, LDAP without slapd) never runs the afterAll of setup.ts, so its database would stay behind.
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The prefix of this run's databases on the server: `hoc_test_<run>_`. */
    testDatabasePrefix: string;
  }
}

export default function setup(project: TestProject) {
  const prefix = `hoc_test_${Math.random().toString(36).slice(2, 8)}${process.pid}_`;
  project.provide("testDatabasePrefix", prefix);
  const base = process.env.TEST_DATABASE_URL;
  if (process.env.TEST_DB !== "postgres" || !base) return;
  return () => dropTestDatabases(base, prefix);
}

/** Drops every database on the server of `base` whose name starts with `prefix`; returns their names. */
export async function dropTestDatabases(base: string, prefix: string): Promise<string[]> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [prefix],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
}
