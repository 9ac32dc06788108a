// Issue 14.5: the app unchanged behind PgBouncer in transaction mode. The PostgreSQL adapter sends timestamps
// as UTC text without an offset, so every session must run in UTC whatever the server's default is; the app
// used to ask for it with the startup option "-c TimeZone=UTC", which PgBouncer refuses. Here the database's
// own default is Asia/Ho_Chi_Minh (as on a server installed in Vietnam): written and read instants must stay
// exact, on a direct connection (TEST_DB=postgres) and through the pooler (TEST_VIA_PGBOUNCER=1, where more
// app connections than server connections share them with a foreign client in another time zone).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { withAdvisoryLock } from "~/modules/notifications/scheduler.server";
import { makeAgency, makePerson } from "../fixtures/factories";
import { withClient } from "./helpers/pg-server";

const onServer = process.env.TEST_DB === "postgres";
const viaPooler = onServer && process.env.TEST_VIA_PGBOUNCER === "1";
if (!onServer) console.log("(!) pgbouncer.test.ts: PostgreSQL only (TEST_DB=postgres), skipped on PGlite.");
else if (!viaPooler) console.log("(!) pgbouncer.test.ts: the pooler parts run with TEST_VIA_PGBOUNCER=1.");

const VN = "Asia/Ho_Chi_Minh";
const instant = new Date("2026-03-01T17:30:00.250Z"); // 00:30 on 2 March in Vietnam: the day differs too

describe.runIf(onServer)("PostgreSQL sessions in UTC whatever the server's default (issue 14.5)", () => {
  beforeAll(async () => {
    // Before the app's first connection: a new session on this database starts in Vietnam's time zone.
    const direct = process.env.TEST_DIRECT_DATABASE_URL ?? process.env.DATABASE_URL!;
    await withClient(direct, async (c) => {
      await c.query(`ALTER DATABASE "${new URL(direct).pathname.slice(1)}" SET TimeZone = '${VN}'`);
    });
    const fresh = await withClient(process.env.DATABASE_URL!, (c) => c.query("SHOW TimeZone"));
    expect(fresh.rows[0].TimeZone).toBe(VN);
  });

  it("the app's sessions are in UTC and instants written by Prisma and by raw SQL stay exact", async () => {
    const [{ tz }] = await db.$queryRaw<{ tz: string }[]>`SELECT current_setting('TimeZone') AS tz`;
    expect(tz).toBe("UTC");
    const agency = await makeAgency();
    const person = await makePerson({ agencyId: agency.id, invitedAt: instant });
    const other = await makePerson({ agencyId: agency.id });
    await db.$executeRaw`UPDATE "Person" SET "invitedAt" = ${instant}::timestamptz WHERE id = ${other.id}::uuid`;
    // Read back by a client that is not the app, in the database's default zone: the epoch is zone-free.
    const rows = await withClient(process.env.DATABASE_URL!, (c) =>
      c.query<{ ms: string }>(
        `SELECT (extract(epoch FROM "invitedAt") * 1000)::bigint::text AS ms FROM "Person" WHERE id = ANY($1::uuid[])`,
        [[person.id, other.id]],
      ),
    );
    expect(rows.rows.map((r) => Number(r.ms))).toEqual([instant.getTime(), instant.getTime()]);
    const back = await db.person.findMany({ where: { id: { in: [person.id, other.id] } } });
    expect(back.map((p) => p.invitedAt?.toISOString())).toEqual([
      instant.toISOString(),
      instant.toISOString(),
    ]);
    // A comparison with a parameter is in UTC as well.
    const [{ n }] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Person" WHERE "invitedAt" = ${instant}::timestamptz`;
    expect(n).toBe(2);
  });
});

describe.runIf(viaPooler)("through PgBouncer in transaction mode (issue 14.5)", () => {
  const pooler = () => process.env.DATABASE_URL!;
  let foreign: pg.Client;

  beforeAll(async () => {
    // Another client of the same pooler, in another zone: PgBouncer must not let its SET leak into ours.
    foreign = new pg.Client({ connectionString: pooler() });
    await foreign.connect();
    await foreign.query("SET TimeZone = 'America/New_York'");
  });
  afterAll(async () => {
    await foreign?.end();
  });

  it("the app really talks to a transaction-mode pooler", async () => {
    await db.$queryRaw`SELECT 1`;
    const pools = await withClient(process.env.TEST_PGBOUNCER_ADMIN_URL!, (c) => c.query("SHOW POOLS"));
    const database = new URL(pooler()).pathname.slice(1);
    const mine = pools.rows.find((r) => r.database === database);
    expect(mine?.pool_mode).toBe("transaction");
  });

  it("refuses the startup option the app used to send, so the app no longer sends it", async () => {
    await expect(withClient(pooler(), (c) => c.query("SELECT 1"), "-c TimeZone=UTC")).rejects.toThrow(
      /unsupported startup parameter: options/,
    );
  });

  it("keeps every app connection in UTC while more of them than server connections take turns", async () => {
    const noise = (async () => {
      for (let k = 0; k < 8; k++) await foreign.query("SELECT pg_sleep(0.01)");
    })();
    const seen = await Promise.all(
      Array.from({ length: 24 }, async () => {
        return db.$transaction(async (tx) => {
          const [r] = await tx.$queryRaw<{ tz: string; pid: number; at: Date }[]>`
            SELECT current_setting('TimeZone') AS tz, pg_backend_pid() AS pid, ${instant}::timestamptz AS at
            FROM pg_sleep(0.02)`;
          return r;
        });
      }),
    );
    await noise;
    expect(new Set(seen.map((r) => r.tz))).toEqual(new Set(["UTC"]));
    // They did share: fewer server connections (the pooler's pool of 4) than app connections (10).
    expect(new Set(seen.map((r) => r.pid)).size).toBeLessThanOrEqual(4);
    expect(seen.every((r) => r.at.getTime() === instant.getTime())).toBe(true);
    const [{ tz }] = (await foreign.query("SELECT current_setting('TimeZone') AS tz")).rows;
    expect(tz).toBe("America/New_York");
  });

  it("advisory transaction locks exclude across pooled connections and end with their transaction", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const first = withAdvisoryLock("pgbouncer.test", async () => {
      entered();
      await held;
      return 1;
    });
    await inside;
    expect(await withAdvisoryLock("pgbouncer.test", async () => 2)).toEqual({ acquired: false });
    release();
    expect(await first).toEqual({ acquired: true, result: 1 });
    expect(await withAdvisoryLock("pgbouncer.test", async () => 3)).toEqual({ acquired: true, result: 3 });
  });
});
