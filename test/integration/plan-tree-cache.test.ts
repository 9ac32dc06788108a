// The per-process cache of a plan's agency tree (plan-tree.server.ts): every agency write, through the app or
// straight in the database (another process), is seen by the next figures read, and the figures stay those
// of the exact query.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createAgency, mergeAgencies, moveAgency, renameAgency } from "~/modules/agencies/agencies.server";
import { computePlanFigures } from "~/modules/targets/figures.server";
import { buildTargetsWorld } from "./targets-fixture";

type World = Awaited<ReturnType<typeof buildTargetsWorld>>;
let w: World;

beforeAll(async () => {
  w = await buildTargetsWorld();
});

const live = () => computePlanFigures(w.plan.id);
const exact = () => computePlanFigures(w.plan.id, { exact: true });
const byId = (t: Awaited<ReturnType<typeof live>>["table"], id: string) =>
  t.agencies.find((a) => a.id === id);

async function expectSameAsExact() {
  const [a, b] = [await live(), await exact()];
  expect(a.table.agencies).toEqual(b.table.agencies);
  expect(a.table.figures).toEqual(b.table.figures);
}

describe("plan tree cache", () => {
  it("sees a rename, a new agency, a move and a merge made through the app", async () => {
    await live(); // fills the cache
    await renameAgency(w.agencies.S1.id, { name: "Sở Một Mới" }, null);
    expect(byId((await live()).table, w.agencies.S1.id)?.name).toBe("Sở Một Mới");

    const n = await createAgency(
      { code: "N1", name: "Phòng Mới", kind: "UNIT", parentId: w.agencies.S2.id },
      null,
    );
    const t1 = (await live()).table;
    expect(byId(t1, n.id)?.parentId).toBe(w.agencies.S2.id);

    await moveAgency(n.id, w.agencies.S1.id, null);
    const t2 = await live();
    expect(byId(t2.table, n.id)?.parentId).toBe(w.agencies.S1.id);
    expect(t2.paths.get(n.id)?.startsWith(t2.paths.get(w.agencies.S1.id)!)).toBe(true);

    await mergeAgencies(w.agencies.U2.id, w.agencies.U1.id, null);
    const t3 = (await live()).table;
    expect(byId(t3, w.agencies.U2.id)).toBeUndefined();
    // U2's people now count at U1, as in the exact query.
    await expectSameAsExact();
  });

  it("sees a write made in the database by another process", async () => {
    await live();
    await db.$executeRaw`UPDATE "Agency" SET name = 'Sở Hai Khác', "updatedAt" = now() WHERE id = ${w.agencies.S2.id}::uuid`;
    expect(byId((await live()).table, w.agencies.S2.id)?.name).toBe("Sở Hai Khác");
    await db.$executeRaw`UPDATE "Agency" SET active = false, "updatedAt" = now() WHERE id = ${w.agencies.X2.id}::uuid`;
    expect(byId((await live()).table, w.agencies.X2.id)).toBeUndefined();
    await expectSameAsExact();
  });

  it("sees a raw write that leaves updatedAt as it was (the version is a trigger-kept counter)", async () => {
    const version = async () =>
      (await db.$queryRaw<{ n: bigint }[]>`SELECT n FROM "AgencyVersion" WHERE id = 1`)[0]!.n;
    await live();
    const before = await version();
    // The old version (count + sum of updatedAt) did not change here: the cached name would have stayed.
    await db.$executeRaw`UPDATE "Agency" SET name = 'Sở Một Thô' WHERE id = ${w.agencies.S1.id}::uuid`;
    expect(await version()).toBeGreaterThan(before);
    expect(byId((await live()).table, w.agencies.S1.id)?.name).toBe("Sở Một Thô");
    // A move by hand: parent and path rewritten, updatedAt untouched.
    const { S1, S2, U1 } = w.agencies;
    const [s2] = await db.$queryRaw<{ path: string }[]>`SELECT path FROM "Agency" WHERE id = ${S2.id}::uuid`;
    await db.$executeRaw`UPDATE "Agency" SET "parentId" = ${S2.id}::uuid,
      path = ${s2!.path} || id::text || '/', depth = ${S2.depth + 1} WHERE id = ${U1.id}::uuid`;
    const moved = await live();
    expect(byId(moved.table, U1.id)?.parentId).toBe(S2.id);
    expect(byId(moved.table, U1.id)?.parentId).not.toBe(S1.id);
    await expectSameAsExact();
  });
});
