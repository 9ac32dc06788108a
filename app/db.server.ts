// The one Prisma client. PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite (./data/pglite).
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

type Handle = { prisma: PrismaClient; pglite: PGlite | null; close(): Promise<void> };

function createHandle(): Handle {
  const url = process.env.DATABASE_URL;
  const log = process.env.DB_LOG_QUERIES === "1" ? (["query"] as const) : [];
  if (url) {
    // The adapter sends timestamps as UTC text without an offset: pin the session time zone so they stay UTC.
    const adapter = new PrismaPg({
      connectionString: url,
      max: Number(process.env.DB_POOL_SIZE ?? 10),
      options: "-c TimeZone=UTC",
    });
    const prisma = new PrismaClient({ adapter, log: [...log] });
    return { prisma, pglite: null, close: () => prisma.$disconnect() };
  }
  const dir = process.env.PGLITE_DIR ?? "data/pglite";
  const pglite = new PGlite(dir.startsWith("memory://") ? dir : path.resolve(dir));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), log: [...log] });
  return {
    prisma,
    pglite,
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
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
