// Offerings, IT specialists and actors for the scheduling tests (issue 6). Actors are built directly: the
// services take an Actor, so seat and conflict rules are tested without HTTP; route tests use world.ts.
import { randomUUID } from "node:crypto";
import type { Agency } from "~/generated/prisma/client";
import type { Actor } from "~/modules/auth/scope";
import { createOffering } from "~/modules/scheduling/offerings.server";
import type { OfferingInput } from "~/domain/scheduling";
import { makePerson } from "../../fixtures/factories";

export function coordinatorOf(agency: Pick<Agency, "id" | "path">, personId: string | null = null): Actor {
  return {
    userId: randomUUID(),
    email: `coord-${randomUUID().slice(0, 6)}@test.vn`,
    personId,
    fullName: "Cán bộ phụ trách",
    locale: "vi",
    mustChangePassword: false,
    grants: [{ role: "COORDINATOR", agencyId: agency.id, agencyPath: agency.path }],
  };
}

export function learnerActor(personId: string): Actor {
  return {
    userId: randomUUID(),
    email: `learner-${randomUUID().slice(0, 6)}@test.vn`,
    personId,
    fullName: "Học viên",
    locale: "vi",
    mustChangePassword: false,
    grants: [{ role: "LEARNER", agencyId: null, agencyPath: null }],
  };
}

export async function itSpecialist(agencyId: string, fullName?: string, extra: { tags?: string[] } = {}) {
  return makePerson({
    agencyId,
    itRole: "FULL_TIME",
    ...(fullName ? { fullName } : {}),
    tags: extra.tags ?? [],
  });
}

/** One session per [start, end] pair of Vietnam wall-clock strings ("2026-12-05T08:00"). */
export async function makeOffering(
  organiser: Actor,
  organiserAgencyId: string,
  sessions: [string, string][],
  overrides: Partial<OfferingInput> = {},
) {
  return createOffering(organiser, {
    kind: "DRILL",
    title: "Diễn tập ứng cứu sự cố",
    organiserAgencyId,
    capacity: 10,
    audienceItRoles: ["FULL_TIME", "PART_TIME"],
    topics: ["attt-chuyen-sau"],
    sessions: sessions.map(([startsAt, endsAt]) => ({ startsAt, endsAt, venue: "Hội trường tầng 3" })),
    ...overrides,
  });
}
