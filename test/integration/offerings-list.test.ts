// The offering cards of /offerings: every match (no silent cap), soonest first for what one may join, latest
// first for what an agency organised, Vietnamese order of titles on the same start, paged.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/modules/auth/scope";
import { listOfferings, type OfferingsPaging } from "~/modules/scheduling/views.server";
import { makeAgency, makePerson } from "../fixtures/factories";
import { coordinatorOf, learnerActor, makeOffering } from "./helpers/scheduling-world";

const NOW = new Date("2027-01-01T00:00:00+07:00");
const paging = (upcoming = 1, organised = 1, pageSize = 20): OfferingsPaging => ({
  upcoming: { page: upcoming, pageSize },
  organised: { page: organised, pageSize },
  bookings: { page: 1, pageSize: 50 },
});
const day = (d: number) => `2027-02-${String(d).padStart(2, "0")}`;

let coordinator: Actor;
/** Titles in the order the cards must come, soonest first. */
const expected: string[] = [];

beforeAll(async () => {
  const agency = await makeAgency();
  coordinator = coordinatorOf(agency);
  // 25 offerings on days 2…26, created in a shuffled order; on day 1 three share a start: An < Ăn < Bảo.
  const days = Array.from({ length: 25 }, (_, i) => i + 2);
  for (const d of [...days].sort((a, b) => ((a * 7) % 25) - ((b * 7) % 25)))
    await makeOffering(coordinator, agency.id, [[`${day(d)}T08:00`, `${day(d)}T11:00`]], {
      title: `Lớp ngày ${d}`,
    });
  for (const title of ["Bảo mật thư điện tử", "An toàn mật khẩu", "Ăn cắp danh tính"])
    await makeOffering(coordinator, agency.id, [[`${day(1)}T08:00`, `${day(1)}T11:00`]], {
      title,
      audienceItRoles: [],
    });
  expected.push(
    "An toàn mật khẩu",
    "Ăn cắp danh tính",
    "Bảo mật thư điện tử",
    ...days.map((d) => `Lớp ngày ${d}`),
  );
});

describe("offering cards", () => {
  it("upcoming: all 28 counted, soonest first, same start in Vietnamese order, 20 a page", async () => {
    const first = await listOfferings(coordinator, paging(), NOW);
    expect(first.upcoming).toMatchObject({ total: 28, page: 1, pageSize: 20 });
    expect(first.upcoming.rows.map((c) => c.title)).toEqual(expected.slice(0, 20));
    const second = await listOfferings(coordinator, paging(2), NOW);
    expect(second.upcoming.rows.map((c) => c.title)).toEqual(expected.slice(20));
    // A page past the end shows the last one, as every list does.
    expect((await listOfferings(coordinator, paging(9), NOW)).upcoming.page).toBe(2);
  });

  it("organised: latest first, paged on its own", async () => {
    const r = await listOfferings(coordinator, paging(1, 2, 10), NOW);
    expect(r.organised).toMatchObject({ total: 28, page: 2, pageSize: 10 });
    expect(r.organised.rows.map((c) => c.title)).toEqual([...expected].reverse().slice(10, 20));
    expect(r.upcoming.rows.map((c) => c.title)).toEqual(expected.slice(0, 10));
  });

  it("a learner's cards are filtered before paging: the total counts only what they may join", async () => {
    const person = await makePerson({ agencyId: (await makeAgency()).id, itRole: "NONE" });
    const r = await listOfferings(learnerActor(person.id), paging(), NOW);
    expect(r.upcoming.total).toBe(3);
    expect(r.upcoming.rows.map((c) => c.title)).toEqual(expected.slice(0, 3));
    expect(r.organised.total).toBe(0);
  });
});
