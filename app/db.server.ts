// The one Prisma client. PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (./data/pglite).
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { acquireDirLock } from "~/db-lock.server";
import { getEnv } from "~/env.server";

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

function createHandle(): Handle {
  const env = getEnv();
  const url = env.DATABASE_URL;
  const log = env.DB_LOG_QUERIES ? (["query"] as const) : [];
  if (url) {
    // The adapter sends timestamps as UTC text without an offset: pin the session time zone so they stay UTC.
    // By a SET on each new connection (pg-pool runs it before the connection serves anything), not by the
    // startup option "-c TimeZone=UTC": PgBouncer refuses an `options` startup parameter, while it tracks a
    // TimeZone set by SET per client and applies it on whichever server connection runs the next transaction
    // (docs/pgbouncer.md; test/integration/pgbouncer.test.ts).
    const adapter = new PrismaPg({
      connectionString: url,
      max: env.DB_POOL_SIZE,
      onConnect: (client) => client.query("SET TimeZone = 'UTC'"),
    });
    const prisma = new PrismaClient({ adapter, log: [...log], transactionOptions: DEFAULT_TX });
    return { prisma, pglite: null, close: () => prisma.$disconnect() };
  }
  const dir = env.PGLITE_DIR;
  const inMemory = dir.startsWith("memory://");
  // Before PGlite touches the files: a second process on the same directory stops here (DatabaseLockedError).
  const release = inMemory ? () => {} : acquireDirLock(dir);
  const pglite = new PGlite(inMemory ? dir : path.resolve(dir));
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

const g = globalThis as unknown as { __dbHandle?: Handle };

export function dbHandle(): Handle {
  g.__dbHandle ??= createHandle();
  return g.__dbHandle;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_t, prop) {
    const client = dbHandle().prisma as unknown as Record<string | symbol, unknown>;
    const value = client[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export async function closeDb() {
  const h = g.__dbHandle;
  g.__dbHandle = undefined;
  if (h) await h.close();
}
