// The per-process TargetCount of live figures (withLiveCounts in figures-summary.server.ts, docs/decisions/014):
// the counts it gives always equal the summary read fresh (summaryCounts, no cache), after writes through the
// app, writes by another connection that commit after the cache's snapshot was taken, writes rolled back, a
// prune of TargetCountChange, a TRUNCATE, and reads inside a transaction.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { loadPlanTargets } from "~/modules/targets/figures.server";
import {
  advanceFigures,
  clearLiveCounts,
  rebuildFigures,
  summaryCounts,
  withLiveCounts,
} from "~/modules/targets/figures-summary.server";
import { buildTargetsWorld } from "./targets-fixture";

type World = Awaited<ReturnType<typeof buildTargetsWorld>>;
let w: World;
let plan: Awaited<ReturnType<typeof loadPlanTargets>>;

beforeAll(async () => {
  w = await buildTargetsWorld();
  plan = await loadPlanTargets(w.plan.id);
});

/** Every agency's live counts as the summary read gives them: target code → agency → [audience, completed]. */
async function cached(client: Parameters<typeof withLiveCounts>[2] = db) {
  const n = plan.targets.length;
  return withLiveCounts(plan.targets, new Date(), client, (get) => {
    const out: Record<string, Record<string, [number, number]>> = {};
    plan.targets.forEach((t, k) => {
      out[t.code] = {};
      for (const id of Object.values(w.agencies).map((a) => a.id)) {
        const v = get(id);
        if (v && v[k]! > 0) out[t.code]![id] = [v[k]!, v[n + k]!];
      }
    });
    return out;
  });
}

async function fresh() {
  const own = await summaryCounts(plan.targets, new Date(), { survivors: new Map() });
  const out: Record<string, Record<string, [number, number]>> = {};
  for (const t of plan.targets)
    out[t.code] = Object.fromEntries(
      [...own.get(t.id)!].map(([id, c]) => [id, [c.audience, c.completed] as [number, number]]),
    );
  return out;
}

const addCompletion = (personKey: string, topic: string) =>
  db.completion.create({
    data: { personId: w.people[personKey]!, topics: [topic], source: "DRILL", completedAt: new Date() },
  });

const changeRows = async () =>
  (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "TargetCountChange"`)[0]!.n;

describe("live TargetCount kept per process", () => {
  it("follows writes through the app, a prune and a rebuild", async () => {
    expect(await cached()).toEqual(await fresh());
    const before = (await cached()).T1!;
    // s2d is VIEN_CHUC in S2, without attt-co-ban: T1's completed at S2 goes up by one.
    await addCompletion("s2d", "attt-co-ban");
    const after = await cached();
    expect(after).toEqual(await fresh());
    expect(after.T1![w.agencies.S2.id]![1]).toBe(before[w.agencies.S2.id]![1] + 1);

    expect(await changeRows()).toBeGreaterThan(0);
    await advanceFigures();
    // Pruned up to the horizon of every current snapshot (of the whole server: another database's open
    // transaction holds it back), which changesFrom now names.
    const [pruned] = await db.$queryRaw<{ from: bigint; older: number }[]>`
      SELECT w."changesFrom" AS from,
        (SELECT count(*)::int FROM "TargetCountChange" l WHERE l.xact < w."changesFrom") AS older
      FROM "FigureWatermark" w WHERE w.id = 1`;
    expect(pruned!.from).toBeGreaterThan(0n);
    expect(pruned!.older).toBe(0);
    await addCompletion("s2c", "attt-co-ban");
    expect(await cached()).toEqual(await fresh());
    await rebuildFigures();
    expect(await cached()).toEqual(await fresh());
    await db.person.update({ where: { id: w.people.s2b! }, data: { agencyId: w.agencies.X1.id } });
    expect(await cached()).toEqual(await fresh());
  });

  it("reads whole after a TRUNCATE, and keeps nothing read inside a transaction", async () => {
    await cached();
    await db.$executeRaw`TRUNCATE "TargetCount"`;
    expect(await cached()).toEqual(await fresh());
    await rebuildFigures();
    expect(await cached()).toEqual(await fresh());
    const inside = await db
      .$transaction(async (tx) => {
        await tx.completion.create({
          data: {
            personId: w.people.s2a!,
            topics: ["ky-nang-so-co-ban"],
            source: "DRILL",
            completedAt: new Date(),
          },
        });
        const seen = await cached(tx);
        // A rollback: nothing of it may stay in the cache.
        throw Object.assign(new Error("rollback"), { seen });
      })
      .catch((e: Error & { seen?: unknown }) => e.seen);
    expect(inside).toBeDefined();
    expect(await cached()).toEqual(await fresh());
  });

  // A second connection: PostgreSQL only (PGlite has one).
  it.skipIf(process.env.TEST_DB !== "postgres")(
    "sees a write that commits after the cache's snapshot, and not one rolled back",
    async () => {
      const other = new pg.Client({
        connectionString: process.env.TEST_DIRECT_DATABASE_URL ?? process.env.DATABASE_URL,
      });
      await other.connect();
      // From an empty cache: the reads of the tests before must not decide which path this one takes.
      clearLiveCounts();
      try {
        const write = (key: string, topic: string) =>
          other.query(
            `INSERT INTO "Completion" (id, "personId", topics, source, "completedAt")
             VALUES (gen_random_uuid(), $1::uuid, ARRAY[$2], 'DRILL', now())`,
            [w.people[key], topic],
          );
        // Begun (and holding an xid) before the cache's snapshot, committed after it.
        await other.query("BEGIN");
        await write("x2b", "attt-co-ban");
        const during = await cached();
        expect(during).toEqual(await fresh());
        await other.query("COMMIT");
        const committed = await cached();
        expect(committed).toEqual(await fresh());
        expect(committed.T1![w.agencies.X2.id]![1]).toBe(during.T1![w.agencies.X2.id]![1] + 1);

        await other.query("BEGIN");
        await write("x2c", "attt-co-ban");
        await cached();
        await other.query("ROLLBACK");
        expect(await cached()).toEqual(committed);
        expect(await cached()).toEqual(await fresh());
      } finally {
        await other.end();
      }
    },
  );
});
