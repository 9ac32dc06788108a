// One run of the integration project. The migrations run once here, into a template that every test file copies
// (setup.ts): a dump of a migrated in-memory PGlite, or on PostgreSQL a migrated database under this run's prefix
// (CREATE DATABASE … TEMPLATE). On PostgreSQL every test file creates its database under that prefix, and the
// teardown drops whatever is left of them. A file whose tests are all skipped (db-move on PostgreSQL, LDAP without
// slapd) never runs the afterAll of setup.ts, so its database would stay behind.
import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../../scripts/lib/schema-engine.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The prefix of this run's databases on the server: `hoc_test_<run>_`. */
    testDatabasePrefix: string;
    /** PGlite runs: the file holding the dump of a migrated database (`dumpDataDir`), each file's start. */
    pgliteTemplate: string;
    /** PostgreSQL runs: the migrated database each file's database is created from. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const run = `${Math.random().toString(36).slice(2, 8)}${process.pid}`;
  const prefix = `hoc_test_${run}_`;
  project.provide("testDatabasePrefix", prefix);
  project.provide("pgliteTemplate", "");
  project.provide("postgresTemplate", "");
  if (process.env.TEST_DB !== "postgres") {
    const file = path.join(os.tmpdir(), `hoc-pglite-template-${run}.tar`);
    const pglite = new PGlite("memory://");
    try {
      await applyMigrations({ pglite });
      const dump = await pglite.dumpDataDir("none");
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await pglite.close();
    }
    project.provide("pgliteTemplate", file);
    return () => rmSync(file, { force: true });
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const template = `${prefix}template`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const teardown = () => dropTestDatabases(base, prefix);
  try {
    const url = new URL(base);
    url.pathname = `/${template}`;
    await applyMigrations({ url: url.toString() });
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide("postgresTemplate", template);
  return teardown;
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
