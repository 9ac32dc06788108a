// The last seat is never given twice, the waitlist keeps request order and a cancellation promotes exactly
// one waiting person — under real concurrency on PostgreSQL (TEST_DB=postgres), serialised on PGlite.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import {
  cancelRegistration,
  nominate,
  selfRegister,
  decideRegistration,
} from "~/modules/scheduling/seats.server";
import { makeAgencyTree, makePerson } from "../fixtures/factories";
import { coordinatorOf, itSpecialist, learnerActor, makeOffering } from "./helpers/scheduling-world";

let tree: Awaited<ReturnType<typeof makeAgencyTree>>;
beforeAll(async () => {
  tree = await makeAgencyTree("SEAT");
});

async function statuses(offeringId: string) {
  return db.registration.findMany({ where: { offeringId }, orderBy: { requestSeq: "asc" } });
}

async function fullOffering(people: number, seats: number, day: string) {
  const coord = coordinatorOf(tree.a);
  const offering = await makeOffering(coord, tree.a.id, [[`${day}T08:00`, `${day}T11:00`]], {
    capacity: seats,
  });
  const staff = [];
  for (let i = 0; i < people; i++) staff.push(await itSpecialist(i % 2 ? tree.a1.id : tree.a.id));
  return { coord, offering, staff };
}

describe("seat allocation under concurrency", () => {
  it("30 concurrent nominations at 10 seats: 10 confirmed, 20 waitlisted in request order", async () => {
    const { coord, offering, staff } = await fullOffering(30, 10, "2026-12-01");
    const results = await Promise.all(staff.map((p) => nominate(coord, offering.id, p.id)));
    expect(results.filter((r) => r.status === "CONFIRMED")).toHaveLength(10);
    expect(results.filter((r) => r.status === "WAITLISTED")).toHaveLength(20);

    const regs = await statuses(offering.id);
    expect(regs).toHaveLength(30);
    // Request order = requestSeq: the first 10 requests hold the seats, the other 20 wait behind them.
    expect(regs.slice(0, 10).every((r) => r.status === "CONFIRMED")).toBe(true);
    expect(regs.slice(10).every((r) => r.status === "WAITLISTED")).toBe(true);
    expect(new Set(regs.map((r) => r.requestSeq)).size).toBe(30);
    // Each call's answer is what was stored.
    for (const r of results) expect(regs.find((x) => x.id === r.registrationId)?.status).toBe(r.status);
    expect(
      await db.notification.count({
        where: { kind: "offering.confirmed", link: `/offerings/${offering.id}` },
      }),
    ).toBe(10);
    expect(
      await db.notification.count({
        where: { kind: "offering.waitlisted", link: `/offerings/${offering.id}` },
      }),
    ).toBe(20);

    // Cancel one confirmed person: the first waiting (lowest requestSeq) is promoted, and only they.
    const firstWaiting = regs[10]!;
    const out = await cancelRegistration(coord, regs[3]!.id);
    expect(out).toEqual({ cancelled: true, promoted: [firstWaiting.id] });
    const after = await statuses(offering.id);
    expect(after.filter((r) => r.status === "CONFIRMED")).toHaveLength(10);
    expect(after.filter((r) => r.status === "WAITLISTED")).toHaveLength(19);
    expect(after.find((r) => r.id === firstWaiting.id)?.status).toBe("CONFIRMED");
    expect(after.find((r) => r.id === regs[11]!.id)?.status).toBe("WAITLISTED");
    expect(
      await db.notification.count({ where: { kind: "offering.promoted", personId: firstWaiting.personId } }),
    ).toBe(1);
  });

  it("three more rounds of 30 concurrent requests never overfill (races are timing-dependent; repeat them)", async () => {
    for (const day of ["2026-12-06", "2026-12-07", "2026-12-08"]) {
      const { coord, offering, staff } = await fullOffering(30, 10, day);
      await Promise.all(staff.map((p) => nominate(coord, offering.id, p.id)));
      const regs = await statuses(offering.id);
      expect(regs.map((r) => r.status)).toEqual([
        ...Array<string>(10).fill("CONFIRMED"),
        ...Array<string>(20).fill("WAITLISTED"),
      ]);
    }
  });

  it("cancelling the same registration twice (concurrently) promotes once", async () => {
    const { coord, offering, staff } = await fullOffering(5, 2, "2026-12-02");
    for (const p of staff) await nominate(coord, offering.id, p.id);
    const regs = await statuses(offering.id);
    const outs = await Promise.all([
      cancelRegistration(coord, regs[0]!.id),
      cancelRegistration(coord, regs[0]!.id),
    ]);
    expect(outs.filter((o) => o.cancelled)).toHaveLength(1);
    expect(outs.flatMap((o) => o.promoted)).toEqual([regs[2]!.id]);
    const again = await cancelRegistration(coord, regs[0]!.id);
    expect(again).toEqual({ cancelled: false, promoted: [] });
    const after = await statuses(offering.id);
    expect(after.map((r) => r.status)).toEqual([
      "CANCELLED",
      "CONFIRMED",
      "CONFIRMED",
      "WAITLISTED",
      "WAITLISTED",
    ]);
  });

  it("two concurrent cancellations promote two different people, in waitlist order", async () => {
    const { coord, offering, staff } = await fullOffering(6, 2, "2026-12-03");
    for (const p of staff) await nominate(coord, offering.id, p.id);
    const regs = await statuses(offering.id);
    const outs = await Promise.all([
      cancelRegistration(coord, regs[0]!.id),
      cancelRegistration(coord, regs[1]!.id),
    ]);
    const promoted = outs.flatMap((o) => o.promoted);
    expect(new Set(promoted)).toEqual(new Set([regs[2]!.id, regs[3]!.id]));
    const after = await statuses(offering.id);
    expect(after.map((r) => r.status)).toEqual([
      "CANCELLED",
      "CANCELLED",
      "CONFIRMED",
      "CONFIRMED",
      "WAITLISTED",
      "WAITLISTED",
    ]);
  });

  it("self-registration waits for approval, then takes a seat or the waitlist; a re-request queues last", async () => {
    const { coord, offering, staff } = await fullOffering(3, 1, "2026-12-04");
    const [p1, p2, p3] = staff as [(typeof staff)[0], (typeof staff)[0], (typeof staff)[0]];
    const r1 = await selfRegister(learnerActor(p1.id), offering.id);
    expect(r1.status).toBe("PENDING_APPROVAL");
    expect(await db.registration.count({ where: { offeringId: offering.id, status: "CONFIRMED" } })).toBe(0);
    await expect(selfRegister(learnerActor(p1.id), offering.id)).rejects.toThrow(/đã có đăng ký/);
    expect((await decideRegistration(coord, r1.registrationId, true)).status).toBe("CONFIRMED");
    await expect(decideRegistration(coord, r1.registrationId, true)).rejects.toThrow(/đã được xử lý/);
    const r2 = await selfRegister(learnerActor(p2.id), offering.id);
    expect((await decideRegistration(coord, r2.registrationId, true)).status).toBe("WAITLISTED");
    const r3 = await nominate(coord, offering.id, p3.id);
    expect(r3.status).toBe("WAITLISTED");
    // p2 cancels and asks again: now behind p3.
    await cancelRegistration(learnerActor(p2.id), r2.registrationId);
    const again = await selfRegister(learnerActor(p2.id), offering.id);
    await decideRegistration(coord, again.registrationId, true);
    await cancelRegistration(coord, r1.registrationId);
    const after = await statuses(offering.id);
    expect(after.find((r) => r.personId === p3.id)?.status).toBe("CONFIRMED");
    expect(after.find((r) => r.personId === p2.id)?.status).toBe("WAITLISTED");
  });

  it("a self-registration tells the person's nearest coordinators, once", async () => {
    const { offering, staff } = await fullOffering(1, 2, "2026-12-06");
    const coordPerson = await makePerson({ agencyId: tree.a.id, fullName: "Lương Thị Duyệt" });
    const user = await db.user.create({ data: { email: "duyet@test.gov.vn", personId: coordPerson.id } });
    await db.roleGrant.create({ data: { userId: user.id, role: "COORDINATOR", agencyId: tree.a.id } });
    const provincePerson = await makePerson({ agencyId: tree.province.id, fullName: "Cán bộ tỉnh" });
    const provinceUser = await db.user.create({
      data: { email: "tinh.duyet@test.gov.vn", personId: provincePerson.id },
    });
    await db.roleGrant.create({
      data: { userId: provinceUser.id, role: "COORDINATOR", agencyId: tree.province.id },
    });

    const learner = staff[0]!; // in A or A1: A's coordinator is the nearest
    await selfRegister(learnerActor(learner.id), offering.id);
    const notices = await db.notification.findMany({ where: { kind: "offering.approval" } });
    expect(notices.map((n) => n.personId)).toEqual([coordPerson.id]);
    expect(notices[0]!.title).toContain(`Chờ duyệt: ${learner.fullName}`);
    expect(notices[0]!.link).toBe(`/offerings/${offering.id}`);
    const emails = await db.outboxEmail.findMany({ where: { subject: { startsWith: "Chờ duyệt:" } } });
    expect(emails.map((e) => e.to)).toEqual(["duyet@test.gov.vn"]);
    await expect(selfRegister(learnerActor(learner.id), offering.id)).rejects.toThrow(/đã có đăng ký/);
    expect(await db.notification.count({ where: { kind: "offering.approval" } })).toBe(1);
  });

  it("a learner cannot cancel someone else's registration (404)", async () => {
    const { coord, offering, staff } = await fullOffering(2, 2, "2026-12-05");
    const r = await nominate(coord, offering.id, staff[0]!.id);
    await expect(cancelRegistration(learnerActor(staff[1]!.id), r.registrationId)).rejects.toMatchObject({
      status: 404,
    });
  });
});
