// Defect 5 of issue 10: `npm start` failed with P2028 on a loaded machine because the seed's transaction
// had Prisma's default 5 s limit. A slow step is made deterministic here: one query inside the transaction
// takes 6 s (a Prisma query extension delays it), as it would on a machine with a load average of 10.
import { afterEach, describe, expect, it } from "vitest";
import { db, dbHandle } from "~/db.server";
import type { PrismaClient } from "~/generated/prisma/client";
import { makeAgency } from "../fixtures/factories";
import { seedPeople } from "../../prisma/seed";

const SLOW_MS = 6_000; // longer than Prisma's 5 s default
const handle = dbHandle() as { prisma: PrismaClient };
const original = handle.prisma;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every `person.createMany` (the seed's bulk insert, inside its transaction) takes SLOW_MS longer. */
function slowBulkInserts() {
  handle.prisma = original.$extends({
    query: {
      person: {
        async createMany({ args, query }) {
          await sleep(SLOW_MS);
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient;
}

afterEach(() => {
  handle.prisma = original;
});

describe("long transactions on a slow machine", () => {
  it("the seed's people transaction finishes when a step takes longer than 5 s", async () => {
    const province = await makeAgency({ kind: "PROVINCE" });
    await makeAgency({ parent: province, kind: "DEPARTMENT" });
    slowBulkInserts();
    await expect(seedPeople(30)).resolves.toBe(30);
    handle.prisma = original;
    expect(await db.person.count()).toBe(30);
    expect(await db.membership.count()).toBe(30);
  });

  it("an ordinary transaction outlives Prisma's 5 s default too (client-wide DEFAULT_TX)", async () => {
    const province = await makeAgency({ kind: "PROVINCE" });
    const result = await db.$transaction(async (tx) => {
      await sleep(SLOW_MS);
      return tx.agency.count({ where: { id: province.id } });
    });
    expect(result).toBe(1);
  });
});
