// The databases of a PostgreSQL run carry the run's prefix, and the run's teardown drops all of them, also those of
// files whose afterAll never ran (a file whose tests are all skipped).
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { dropTestDatabases } from "./global-setup";

const base = process.env.TEST_DATABASE_URL ?? "";

describe.skipIf(process.env.TEST_DB !== "postgres")("test databases on PostgreSQL", () => {
  const prefix = inject("testDatabasePrefix");

  it("this file's database is named under the run's prefix", async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    const { rows } = await c.query<{ name: string }>("SELECT current_database() AS name");
    await c.end();
    expect(rows[0].name.startsWith(prefix)).toBe(true);
  });

  it("the teardown drops every database of the prefix, and only those", async () => {
    const own = `${prefix.replace(/_$/, "")}x_`;
    const other = `hoc_other_${process.pid}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    for (const name of [`${own}1`, `${own}2`, other]) await admin.query(`CREATE DATABASE "${name}"`);
    try {
      expect((await dropTestDatabases(base, own)).sort()).toEqual([`${own}1`, `${own}2`]);
      const { rows } = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE starts_with(datname, $1) OR datname = $2",
        [own, other],
      );
      expect(rows.map((r) => r.datname)).toEqual([other]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${other}"`);
      await admin.end();
    }
  });
});
