// The one Prisma client. PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (./data/pglite).
// Reports, dashboards and exports read through readDb(): a replica when DATABASE_READ_URL is set.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { acquireDirLock } from "~/db-lock.server";
import { getEnv } from "~/env.server";
import { currentReadContext } from "~/read-context.server";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

type Handle = { prisma: PrismaClient; pglite: PGlite | null; close(): Promise<void> };

/**
 * Every interactive transaction, unless it says otherwise. Prisma's own defaults (2 s to start, 5 s to run)
 * fail with P2028 on a loaded machine; on PGlite a transaction also waits for the one connection.
 */
export const DEFAULT_TX = { maxWait: 60_000, timeout: 120_000 } as const;

/**
 * Transactions whose size grows with the data (seed, imports, content sync, agency moves and merges,
 * bulk assignments and reminders, snapshots): they must finish however slow the machine is, so the limits
 * only catch a hung process. Node timers cap at 2^31-1 ms (larger values fire at once): keep it below.
 */
export const LONG_TX = { maxWait: 10 * 60_000, timeout: 60 * 60_000 } as const;

function serverClient(url: string, pool: { connectionTimeoutMillis?: number } = {}): PrismaClient {
  const env = getEnv();
  const log = env.DB_LOG_QUERIES ? (["query"] as const) : [];
  // The adapter sends timestamps as UTC text without an offset: pin the session time zone so they stay UTC.
  // By a SET on each new connection (pg-pool runs it before the connection serves anything), not by the
  // startup option "-c TimeZone=UTC": PgBouncer refuses an `options` startup parameter, while it tracks a
  // TimeZone set by SET per client and applies it on whichever server connection runs the next transaction
  // (docs/pgbouncer.md; test/integration/pgbouncer.test.ts).
  const adapter = new PrismaPg({
    connectionString: url,
    max: env.DB_POOL_SIZE,
    onConnect: (client) => client.query("SET TimeZone = 'UTC'"),
    ...pool,
  });
  return new PrismaClient({ adapter, log: [...log], transactionOptions: DEFAULT_TX });
}

function createHandle(pgliteDump?: Blob): Handle {
  const env = getEnv();
  const url = env.DATABASE_URL;
  const log = env.DB_LOG_QUERIES ? (["query"] as const) : [];
  if (url) {
    const prisma = serverClient(url);
    return { prisma, pglite: null, close: () => prisma.$disconnect() };
  }
  const dir = env.PGLITE_DIR;
  const inMemory = dir.startsWith("memory://");
  // Before PGlite touches the files: a second process on the same directory stops here (DatabaseLockedError).
  const release = inMemory ? () => {} : acquireDirLock(dir);
  const pglite = inMemory
    ? new PGlite(dir, pgliteDump ? { loadDataDir: pgliteDump } : {})
    : new PGlite(path.resolve(dir));
  const prisma = new PrismaClient({
    adapter: new PrismaPGlite(pglite),
    log: [...log],
    transactionOptions: DEFAULT_TX,
  });
  return {
    prisma,
    pglite,
    close: async () => {
      try {
        await prisma.$disconnect();
        if (!pglite.closed) await pglite.close();
      } finally {
        release();
      }
    },
  };
}

const g = globalThis as unknown as { __dbHandle?: Handle; __dbReplica?: Replica };

export function dbHandle(): Handle {
  g.__dbHandle ??= createHandle();
  return g.__dbHandle;
}

/**
 * Opens the in-memory PGlite database (PGLITE_DIR=memory://) from a dump of another (`pglite.dumpDataDir()`),
 * instead of an empty one: the integration tests start each file from one migrated template.
 */
export function openDbFromDump(dump: Blob): Handle {
  if (g.__dbHandle) throw new Error("openDbFromDump: the database is already open");
  if (getEnv().DATABASE_URL || !getEnv().PGLITE_DIR.startsWith("memory://"))
    throw new Error("openDbFromDump: only for the in-memory PGlite database");
  g.__dbHandle = createHandle(dump);
  return g.__dbHandle;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = dbHandle().prisma as unknown as Record<string | symbol, unknown>;
    const value = client[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

type Replica = { prisma: PrismaClient | null; healthy: boolean; checkedAt: number; probe?: Promise<boolean> };

function replica(): Replica {
  if (!g.__dbReplica) {
    const env = getEnv();
    if (env.DATABASE_READ_URL && !env.DATABASE_URL)
      console.warn(
        "DATABASE_READ_URL bị bỏ qua: cơ sở dữ liệu nhúng (PGlite) không có bản sao; chỉ dùng được cùng DATABASE_URL.",
      );
    const url = env.DATABASE_URL ? env.DATABASE_READ_URL : undefined;
    // An unreachable replica host must not hold a report for long: the primary answers instead.
    const prisma = url ? serverClient(url, { connectionTimeoutMillis: 5_000 }) : null;
    g.__dbReplica = { prisma, healthy: true, checkedAt: 0 };
  }
  return g.__dbReplica;
}

/** The replica's client when DATABASE_READ_URL is set (with DATABASE_URL), else null. */
export function replicaClient(): PrismaClient | null {
  return replica().prisma;
}

/** One line for the log: Prisma's driver errors keep the reason (ECONNREFUSED, …) in their cause. */
function reason(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string; code?: string; kind?: string } };
  return e.message || e.cause?.message || e.cause?.code || e.cause?.kind || String(error);
}

/** How often a process asks whether the replica answers; in between it trusts the last answer. */
const PROBE_EVERY_MS = 5_000;
const PROBE_TIMEOUT_MS = 3_000;

/** Does the replica answer? A replica that is down sends reports to the primary instead of failing them. */
function replicaAnswers(r: Replica & { prisma: PrismaClient }): Promise<boolean> | boolean {
  if (Date.now() - r.checkedAt < PROBE_EVERY_MS) return r.healthy;
  r.probe ??= (async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
    });
    let ok = true;
    try {
      await Promise.race([r.prisma.$queryRaw`SELECT 1`, timeout]);
    } catch (error) {
      ok = false;
      if (r.healthy)
        console.error("Bản sao đọc (DATABASE_READ_URL) không trả lời, đọc từ máy chính:", reason(error));
    } finally {
      clearTimeout(timer);
    }
    if (ok && !r.healthy) console.log("Bản sao đọc (DATABASE_READ_URL) trả lời trở lại.");
    r.healthy = ok;
    r.checkedAt = Date.now();
    r.probe = undefined;
    return ok;
  })();
  return r.probe;
}

/** Has the replica replayed the primary's WAL up to `lsn`? A replica that cannot answer counts as behind. */
async function replayed(client: PrismaClient, lsn: string): Promise<boolean> {
  try {
    // A read URL that points at a primary (no recovery) has everything.
    const rows = await client.$queryRaw<{ ok: boolean | null }[]>`
      SELECT coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, NOT pg_is_in_recovery()) AS ok`;
    return rows[0]?.ok === true;
  } catch (error) {
    console.error(
      "Bản sao đọc (DATABASE_READ_URL) không trả lời, đọc từ máy chính:",
      error instanceof Error ? error.message : error,
    );
    return false;
  }
}

/**
 * The client for reads that feed no write: reports, dashboards, exports. The replica, except during a
 * state-changing request, while this browser's last write (its hoc_rw cookie) is not yet replayed there,
 * and while the replica does not answer; the primary when no replica is configured. Never for reads inside
 * a write's transaction.
 */
export async function readDb(): Promise<PrismaClient> {
  const r = replica();
  if (!r.prisma) return db;
  const context = currentReadContext();
  if (context?.primaryOnly) return db;
  if (!(await replicaAnswers(r as Replica & { prisma: PrismaClient }))) return db;
  if (!context?.minLsn) return r.prisma;
  context.replayed ??= replayed(r.prisma, context.minLsn);
  return (await context.replayed) ? r.prisma : db;
}

/** The primary's current WAL position (what a replica must replay to show this process's writes). */
export async function primaryLsn(): Promise<string> {
  const rows = await db.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
  return rows[0]!.lsn;
}

const forgetters = new Set<() => void>();

/**
 * Registers a per-process cache of the database's rows (content, quiz papers, plan trees, auth subtrees), to be
 * emptied by closeDb(): the next database opened in this process (the next integration test file's copy of the
 * template, a test that reopens it) must not be answered from the last one's rows.
 */
export function forgetOnClose(forget: () => void): void {
  forgetters.add(forget);
}

export async function closeDb() {
  const h = g.__dbHandle;
  const r = g.__dbReplica;
  g.__dbHandle = undefined;
  g.__dbReplica = undefined;
  for (const forget of forgetters) forget();
  await Promise.all([h?.close(), r?.prisma?.$disconnect()]);
}
