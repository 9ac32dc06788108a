// Shared by the bench:* scripts: a migrated PostgreSQL database to measure on, and timing helpers.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { applyMigrations } from "./schema-engine.ts";

const SERVER = process.env.BENCH_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432";

/** DATABASE_URL when set; otherwise database `name` on the local server, dropped and created afresh. Migrated. */
export async function benchDatabase(name: string): Promise<string> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    url = `${SERVER}/${name}`;
  }
  await applyMigrations({ url });
  return url;
}

export const ms = (t0: number) => performance.now() - t0;

/** The p-th percentile of an ascending list (NaN for an empty one). */
export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
