// Drives Prisma's WASM schema engine (no native binary needed; see docs/decisions/002-wasm-schema-engine.md).
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PoolConfig } from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { acquireDirLock } from "../../app/db-lock.server.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCHEMA_PATH = path.join(ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma/migrations");
const filters = { externalTables: [], externalEnums: [] };

type EngineModule = { SchemaEngine: typeof SchemaEngine };
let engineModule: EngineModule | undefined;

async function loadEngineModule(): Promise<EngineModule> {
  if (engineModule) return engineModule;
  // Node 20 cannot import .wasm as a module: instantiate it by hand and hand the exports to the JS glue.
  const require = createRequire(import.meta.url);
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = readFileSync(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
  const module = new WebAssembly.Module(bytes);
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": bg as never });
  (bg as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  engineModule = bg as unknown as EngineModule;
  return engineModule;
}

/** A migration target: a PostgreSQL URL, a PGlite data directory, or an open PGlite instance. */
export type Target = { url: string } | { pgliteDir: string } | { pglite: PGlite };

/**
 * The connection settings of a PostgreSQL URL as separate fields (adapter-pg's engine path wants them so, not a
 * connectionString), read the way pg reads the app's own URL: sslmode, sslrootcert, sslcert, sslkey, ssl and
 * options such as application_name are kept, not just host/port/user/password/database.
 */
export function pgConfigFromUrl(url: string): PoolConfig {
  const { user, password, database, ...rest } = parseIntoClientConfig(url);
  return {
    ...rest,
    port: rest.port || 5432,
    user: user || "postgres",
    password: password || undefined,
    database: database || "postgres",
  };
}

type ScriptRunner = {
  executeScript(script: string): Promise<void>;
  client: { query(sql: string): Promise<unknown> };
  onError(error: unknown): never;
};

/**
 * adapter-pg runs a migration script split at every ";", which cuts a dollar-quoted function body
 * (`CREATE FUNCTION … AS $$ … ; … $$`) apart. Run the script whole instead: without parameters pg sends it
 * as one simple query, which PostgreSQL parses statement by statement itself (PGlite's adapter already does).
 */
function wholeScripts(factory: PrismaPg, opened: { dispose(): Promise<void> }[]): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    opened.push(adapter);
    const runner = adapter as unknown as ScriptRunner;
    runner.executeScript = async (script: string) => {
      try {
        await runner.client.query(script);
      } catch (error) {
        runner.onError(error);
      }
    };
    return adapter;
  };
  return factory;
}

function adapterFor(target: Target): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
} {
  if ("url" in target) {
    // The engine never ends the pools it opened: end them here, so nothing stays connected to the database
    // (a database someone is connected to cannot serve as a template of CREATE DATABASE).
    const opened: { dispose(): Promise<void> }[] = [];
    const factory = new PrismaPg(pgConfigFromUrl(target.url));
    return {
      factory: wholeScripts(factory, opened),
      close: async () => {
        await Promise.all(opened.splice(0).map((adapter) => adapter.dispose()));
      },
    };
  }
  if ("pglite" in target) return { factory: new PrismaPGlite(target.pglite), close: async () => {} };
  // `npm run db:migrate` while the app runs would open the same files twice: refuse like the app does.
  const release = acquireDirLock(target.pgliteDir);
  mkdirSync(target.pgliteDir, { recursive: true });
  const pglite = new PGlite(target.pgliteDir);
  return {
    factory: new PrismaPGlite(pglite),
    close: () => pglite.close().finally(release),
  };
}

async function withEngine<T>(target: Target, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const mod = await loadEngineModule();
  const { factory, close } = adapterFor(target);
  const datamodel = readFileSync(SCHEMA_PATH, "utf8");
  const log = () => {};
  const engine = await mod.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, datamodel]] },
    log,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await close();
  }
}

export function readMigrations(): MigrationList {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR)
        .filter((d) => statSync(path.join(MIGRATIONS_DIR, d)).isDirectory())
        .sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((d) => ({
      path: d,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok", value: readFileSync(path.join(MIGRATIONS_DIR, d, "migration.sql"), "utf8") },
      },
    })),
  };
}

export async function applyMigrations(target: Target): Promise<string[]> {
  return withEngine(target, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(), filters });
    return out.appliedMigrationNames;
  });
}

export async function migrationStatus(target: Target) {
  return withEngine(target, (engine) =>
    engine.diagnoseMigrationHistory({
      migrationsList: readMigrations(),
      optInToShadowDatabase: false,
      filters,
    }),
  );
}

/** Diffs the existing migrations against the schema on an in-memory PGlite and writes a new migration. */
export async function createMigration(name: string, now = new Date()): Promise<string | null> {
  const safe = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_|_$/g, "");
  if (!safe) throw new Error("Tên migration không hợp lệ");
  const pglite = new PGlite("memory://");
  try {
    const list = readMigrations();
    const sql = await withEngine({ pglite }, async (engine) => {
      const result = await engine.diff({
        from: list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" },
        to: {
          tag: "schemaDatamodel",
          files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }],
        },
        script: true,
        exitCode: true,
        filters,
      });
      return result.exitCode === 2 ? (result.stdout ?? "") : null;
    });
    if (!sql) return null;
    const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${safe}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    writeFileSync(
      path.join(MIGRATIONS_DIR, "migration_lock.toml"),
      '# Written by scripts/db.ts\nprovider = "postgresql"\n',
    );
    return dir;
  } finally {
    await pglite.close();
  }
}

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): Target {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { pgliteDir: path.resolve(ROOT, env.PGLITE_DIR ?? "data/pglite") };
}
