// The e2e fixtures' "world" (test/fixtures/e2e-fixtures-world.ts): what it makes is in the account's agency,
// and the cleanup the Playwright client sends afterwards leaves no row of it behind.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { fixtureRequest, runFixture } from "../fixtures/e2e-fixtures";
import type { makeWorld } from "../fixtures/e2e-fixtures-world";
import { makeCourseVersion } from "../fixtures/courses";
import { makeAgency } from "../fixtures/factories";

const run = (body: unknown) => runFixture(fixtureRequest.parse(body));

beforeAll(async () => {
  await makeAgency({ code: "20", name: "UBND tỉnh Thử", kind: "PROVINCE" });
  await makeCourseVersion({ code: "attt-co-ban", topics: ["attt-co-ban"] });
  await makeCourseVersion({ code: "ky-nang-so-co-ban", topics: ["ky-nang-so-co-ban"] });
});

describe("e2e fixtures: world", () => {
  it("gives a coordinator people, two assignments (one overdue), a drill, a certificate and a plan", async () => {
    const account = (await run({ kind: "account", role: "COORDINATOR" })) as {
      userId: string;
      personId: string;
      agency: { id: string };
    };
    const world = (await run({
      kind: "world",
      userId: account.userId,
      personId: account.personId,
      agencyId: account.agency.id,
    })) as Awaited<ReturnType<typeof makeWorld>>;

    const members = await db.assignmentMember.findMany({
      where: { assignmentId: { in: world.records.assignmentIds } },
    });
    // Three people of the agency (the account and the world's two) in each of the two assignments.
    expect(members).toHaveLength(6);
    expect(members.filter((m) => m.dueAt < new Date())).toHaveLength(3);
    const registrations = await db.registration.findMany({ where: { offeringId: world.offering.id } });
    expect(registrations.map((r) => r.personId).sort()).toEqual(
      [account.personId, world.people[0].personId].sort(),
    );
    expect(await db.certificate.count({ where: { completion: { personId: account.personId } } })).toBe(1);
    expect(await db.target.count({ where: { planId: world.planId } })).toBe(1);

    const { left } = (await run({
      kind: "cleanup",
      userIds: [account.userId],
      personIds: [account.personId],
      agencyIds: [account.agency.id],
      worlds: [world.records],
    })) as { left: number };
    expect(left).toBe(0);
    expect(await db.agency.count({ where: { id: account.agency.id } })).toBe(0);
    expect(await db.classOffering.count({ where: { id: world.offering.id } })).toBe(0);
    expect(await db.assignment.count({ where: { id: { in: world.records.assignmentIds } } })).toBe(0);
    expect(await db.completion.count({ where: { personId: account.personId } })).toBe(0);
  });
});
