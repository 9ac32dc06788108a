// Read models of the scheduling pages: the offering list per role, one offering with its roster, the nominee
// search and the roster export. Every query is limited to what the caller may see.
import type { Prisma } from "~/generated/prisma/client";
import { type Db, db } from "~/db.server";
import type { ItRole, RegistrationStatus } from "~/generated/prisma/enums";
import { type Actor, agencyWhere, inScope, isAdmin, manageScope } from "~/modules/auth/scope";
import type { MessageKey } from "~/i18n";
import { DomainError } from "~/utils/errors";
import { type Paged, pageOf, type PageRequest } from "~/utils/paging";
import { comparePeople, foldVietnamese, viCollator } from "~/utils/text";
import { type LoadedOffering, organiserOffering, visibleOffering } from "./access.server";
import { matchesAudience } from "./rules";

const STATUS_ORDER: Record<RegistrationStatus, number> = {
  CONFIRMED: 0,
  WAITLISTED: 1,
  PENDING_APPROVAL: 2,
  CANCELLED: 3,
  REJECTED: 4,
};

const rosterInclude = {
  person: {
    select: {
      id: true,
      fullName: true,
      sortKey: true,
      email: true,
      position: true,
      agency: { select: { name: true, path: true } },
    },
  },
  attendance: { select: { sessionId: true, present: true } },
} satisfies Prisma.RegistrationInclude;

export type RosterRegistration = Prisma.RegistrationGetPayload<{ include: typeof rosterInclude }>;

function sortRoster(rows: RosterRegistration[]) {
  return rows.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.status === "WAITLISTED" ? Number(a.requestSeq - b.requestSeq) : 0) ||
      comparePeople(a.person, b.person),
  );
}

/** The offering page: details, the caller's own registration, and the roster part they may see. */
export async function offeringDetail(actor: Actor, offeringId: string) {
  const { offering, organiser, coordinator } = await visibleOffering(actor, offeringId);
  const scope = manageScope(actor);
  const [counts, all, me] = await Promise.all([
    db.registration.groupBy({ by: ["status"], where: { offeringId: offering.id }, _count: true }),
    organiser || coordinator
      ? db.registration.findMany({ where: { offeringId: offering.id }, include: rosterInclude })
      : Promise.resolve([] as RosterRegistration[]),
    actor.personId
      ? db.registration.findUnique({
          where: { offeringId_personId: { offeringId: offering.id, personId: actor.personId } },
        })
      : null,
  ]);
  // A coordinator who does not organise sees only their own people.
  const roster = sortRoster(organiser ? all : all.filter((r) => inScope(scope, r.person.agency.path)));
  const person = actor.personId
    ? await db.person.findUnique({ where: { id: actor.personId }, select: { itRole: true, tags: true } })
    : null;
  const count = (s: RegistrationStatus) => counts.find((c) => c.status === s)?._count ?? 0;
  return {
    offering,
    organiser,
    coordinator,
    me,
    eligible: person ? matchesAudience(person, offering) : false,
    teaches: offering.instructors.some((i) => i.personId === actor.personId),
    counts: {
      confirmed: count("CONFIRMED"),
      waitlisted: count("WAITLISTED"),
      pending: count("PENDING_APPROVAL"),
    },
    roster,
    canApprove: (r: RosterRegistration) => isAdmin(actor) || inScope(scope, r.person.agency.path),
  };
}

/**
 * Staff of the caller's subtree for the nominate box: by default only people in the offering's audience
 * (the list a coordinator needs), optionally everyone; `q` filters by name/email, diacritic-insensitive.
 */
export async function searchNominees(actor: Actor, offering: LoadedOffering, q: string, everyone = false) {
  const scope = manageScope(actor);
  const folded = foldVietnamese(q.trim());
  if (everyone && folded.length < 2) return [];
  const audience: Prisma.PersonWhereInput[] = everyone
    ? []
    : [
        ...(offering.audienceItRoles.length ? [{ itRole: { in: offering.audienceItRoles } }] : []),
        ...(offering.audienceTags.length ? [{ tags: { hasSome: offering.audienceTags } }] : []),
      ];
  const people = await db.person.findMany({
    where: {
      AND: [
        { active: true },
        ...(folded ? [{ searchText: { contains: folded } }] : []),
        ...(scope === "ALL" ? [] : [{ agency: agencyWhere(scope) }]),
        ...audience,
      ],
    },
    select: {
      id: true,
      fullName: true,
      email: true,
      position: true,
      itRole: true,
      tags: true,
      agency: { select: { name: true } },
    },
    orderBy: { sortKey: "asc" },
    take: 30,
  });
  const regs = await db.registration.findMany({
    where: { offeringId: offering.id, personId: { in: people.map((p) => p.id) } },
    select: { personId: true, status: true },
  });
  // Who already holds a valid completion for the offering's topics: coordinators send the untrained first.
  const now = new Date();
  const trained = offering.topics.length
    ? await db.completion.groupBy({
        by: ["personId"],
        where: {
          personId: { in: people.map((p) => p.id) },
          topics: { hasSome: offering.topics },
          completedAt: { lte: now },
          OR: [{ validUntil: null }, { validUntil: { gt: now } }],
        },
        _max: { validUntil: true },
      })
    : [];
  const trainedOf = new Map(trained.map((t) => [t.personId, t._max.validUntil]));
  return people.map((p) => ({
    id: p.id,
    trained: trainedOf.has(p.id),
    trainedUntil: trainedOf.get(p.id) ?? null,
    fullName: p.fullName,
    email: p.email,
    position: p.position,
    agencyName: p.agency.name,
    itRole: p.itRole,
    inAudience: matchesAudience(p, offering),
    status: regs.find((r) => r.personId === p.id)?.status ?? null,
  }));
}

export type OfferingCard = {
  id: string;
  kind: "CLASS" | "DRILL";
  title: string;
  status: string;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  firstStart: Date | null;
  lastEnd: Date | null;
  organiserName: string;
  myStatus: RegistrationStatus | null;
  audienceItRoles: ItRole[];
  audienceTags: string[];
};

/**
 * Soonest first for what one may join; for what an agency organised (a list that only grows), the most recent
 * first, not yet scheduled ones (no session: drafts) on top. Same start: Vietnamese order of titles.
 */
export type CardOrder = "soonest" | "latest";

/**
 * One page of offering cards in `order`. The order and the filter (`keep`, on the audience and the caller's
 * registration) are worked out on light rows of all matches; only the page's offerings are loaded in full.
 */
async function cards(
  where: Prisma.ClassOfferingWhereInput,
  personId: string | null,
  paging: PageRequest,
  order: CardOrder,
  keep: (c: Pick<OfferingCard, "myStatus" | "audienceItRoles" | "audienceTags">) => boolean = () => true,
): Promise<Paged<OfferingCard>> {
  const [light, mine] = await Promise.all([
    db.classOffering.findMany({
      where,
      select: {
        id: true,
        title: true,
        audienceItRoles: true,
        audienceTags: true,
        sessions: {
          where: { cancelledAt: null },
          select: { startsAt: true },
          orderBy: { startsAt: "asc" },
          take: 1,
        },
      },
    }),
    personId
      ? db.registration.findMany({ where: { personId }, select: { offeringId: true, status: true } })
      : [],
  ]);
  const statusOf = new Map(mine.map((m) => [m.offeringId, m.status]));
  const start = (o: (typeof light)[number]) => o.sessions[0]?.startsAt.getTime() ?? null;
  const byStart = (x: number | null, y: number | null) =>
    order === "soonest" ? (x ?? Infinity) - (y ?? Infinity) : (y ?? Infinity) - (x ?? Infinity);
  const sorted = light
    .filter((o) => keep({ ...o, myStatus: statusOf.get(o.id) ?? null }))
    .sort(
      (a, b) =>
        byStart(start(a), start(b)) || viCollator.compare(a.title, b.title) || a.id.localeCompare(b.id),
    );
  const page = pageOf(sorted, paging);
  const ids = page.rows.map((o) => o.id);
  const rows = await db.classOffering.findMany({
    where: { id: { in: ids } },
    include: {
      organiserAgency: { select: { name: true } },
      sessions: { where: { cancelledAt: null }, select: { startsAt: true, endsAt: true } },
      registrations: { where: { status: { in: ["CONFIRMED", "WAITLISTED"] } }, select: { status: true } },
    },
  });
  const full = new Map(rows.map((o) => [o.id, o]));
  return {
    ...page,
    rows: ids.flatMap((id) => {
      const o = full.get(id);
      if (!o) return []; // deleted between the two reads
      return [
        {
          id: o.id,
          kind: o.kind,
          title: o.title,
          status: o.status,
          capacity: o.capacity,
          confirmed: o.registrations.filter((r) => r.status === "CONFIRMED").length,
          waitlisted: o.registrations.filter((r) => r.status === "WAITLISTED").length,
          firstStart: o.sessions.length
            ? new Date(Math.min(...o.sessions.map((s) => s.startsAt.getTime())))
            : null,
          lastEnd: o.sessions.length
            ? new Date(Math.max(...o.sessions.map((s) => s.endsAt.getTime())))
            : null,
          organiserName: o.organiserAgency.name,
          myStatus: statusOf.get(o.id) ?? null,
          audienceItRoles: o.audienceItRoles,
          audienceTags: o.audienceTags,
        },
      ];
    }),
  };
}

export type StaffBooking = {
  registrationId: string;
  offeringId: string;
  offeringTitle: string;
  fullName: string;
  sortKey: string;
  agencyName: string;
  status: RegistrationStatus;
  attended: number;
  held: number;
  completed: boolean;
};

/**
 * "Who of mine is booked, waitlisted, attended": registrations of the coordinator's people in offerings of
 * the last 180 days, one page of them (sorted in memory: Vietnamese order of offering titles and names).
 */
async function staffBookings(actor: Actor, paging: PageRequest, now: Date): Promise<Paged<StaffBooking>> {
  const scope = manageScope(actor);
  const regs = await db.registration.findMany({
    where: {
      status: { in: ["CONFIRMED", "WAITLISTED", "PENDING_APPROVAL"] },
      offering: {
        status: { not: "DRAFT" },
        sessions: { some: { endsAt: { gte: new Date(now.getTime() - 180 * 86_400_000) } } },
      },
      ...(scope === "ALL" ? {} : { person: { agency: agencyWhere(scope) } }),
    },
    include: {
      person: { select: { fullName: true, sortKey: true, agency: { select: { name: true } } } },
      offering: { select: { title: true, sessions: { where: { cancelledAt: null }, select: { id: true } } } },
      attendance: { select: { present: true, sessionId: true } },
    },
  });
  const bookings = regs
    .map((r) => ({
      registrationId: r.id,
      offeringId: r.offeringId,
      offeringTitle: r.offering.title,
      fullName: r.person.fullName,
      sortKey: r.person.sortKey,
      agencyName: r.person.agency.name,
      status: r.status,
      attended: r.attendance.filter((a) => a.present && r.offering.sessions.some((s) => s.id === a.sessionId))
        .length,
      held: r.offering.sessions.length,
      completed: r.completionId !== null,
    }))
    .sort(
      (a, b) =>
        viCollator.compare(a.offeringTitle, b.offeringTitle) ||
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        comparePeople(a, b),
    );
  return pageOf(bookings, paging);
}

/** The pages asked for of the three lists of /offerings. */
export type OfferingsPaging = { upcoming: PageRequest; organised: PageRequest; bookings: PageRequest };

/**
 * The /offerings page: one page each of what the learner may join (soonest first), what the organiser runs
 * (latest first) and whom the coordinator booked — lists that grow with the offerings and the staff.
 */
export async function listOfferings(actor: Actor, paging: OfferingsPaging, now = new Date()) {
  const scope = manageScope(actor);
  const coordinator = isAdmin(actor) || (scope !== "ALL" && scope.length > 0);
  const notOver = { sessions: { some: { endsAt: { gte: now }, cancelledAt: null } } };
  const person = actor.personId
    ? await db.person.findUnique({ where: { id: actor.personId }, select: { itRole: true, tags: true } })
    : null;
  // Learners: offerings they match or already hold a registration in; coordinators see every published one.
  const upcoming = await cards(
    { status: { in: ["OPEN", "CLOSED"] }, ...notOver },
    actor.personId,
    paging.upcoming,
    "soonest",
    coordinator ? undefined : (c) => c.myStatus !== null || (person !== null && matchesAudience(person, c)),
  );
  const organised = coordinator
    ? await cards(
        scope === "ALL" ? {} : { organiserAgency: agencyWhere(scope) },
        actor.personId,
        paging.organised,
        "latest",
      )
    : pageOf([], paging.organised);
  const bookings = coordinator
    ? await staffBookings(actor, paging.bookings, now)
    : pageOf([], paging.bookings);
  return { upcoming, organised, bookings, coordinator };
}

/** The full roster for the organiser's export and sign-in sheet (confirmed first, then the waitlist). */
export async function rosterFor(
  actor: Actor,
  offeringId: string,
  opts: { confirmedOnly?: boolean; client?: Db } = {},
) {
  const offering = await organiserOffering(actor, offeringId);
  const rows = await (opts.client ?? db).registration.findMany({
    where: { offeringId: offering.id, ...(opts.confirmedOnly ? { status: "CONFIRMED" as const } : {}) },
    include: rosterInclude,
  });
  return { offering, rows: sortRoster(rows) };
}

export function assertFound<T>(value: T | null | undefined, message: MessageKey): T {
  if (value === null || value === undefined) throw new DomainError(message, { status: 404 });
  return value;
}
