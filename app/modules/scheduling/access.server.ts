// Who may see and run an offering. Organiser = a coordinator whose scope covers the organising agency, or an
// admin. Everyone else sees a published offering when they coordinate or review, match its audience, hold a
// registration in it or teach it; anything else is a 404 (never reveal what exists outside one's reach).
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { type Actor, hasRole, inScope, isAdmin, manageScope, viewScope } from "~/modules/auth/scope";
import { isUuid } from "~/utils/uuid";
import { DomainError } from "~/utils/errors";
import { matchesAudience } from "./rules";

export const OFFERING_NOT_FOUND = "scheduling.offeringNotFound";

export const offeringInclude = {
  organiserAgency: { select: { id: true, name: true, path: true } },
  course: { select: { id: true, code: true, title: true, currentVersion: { select: { title: true } } } },
  sessions: { orderBy: { position: "asc" } },
  instructors: {
    include: {
      person: { select: { id: true, fullName: true, email: true, agency: { select: { name: true } } } },
    },
  },
  quotas: { include: { agency: { select: { id: true, name: true, path: true } } } },
} satisfies Prisma.ClassOfferingInclude;

export type LoadedOffering = Prisma.ClassOfferingGetPayload<{ include: typeof offeringInclude }>;

export async function loadOffering(
  offeringId: string,
  client: typeof db | Tx = db,
): Promise<LoadedOffering | null> {
  if (!isUuid(offeringId)) return null;
  return client.classOffering.findUnique({ where: { id: offeringId }, include: offeringInclude });
}

export function isOrganiser(actor: Actor, offering: { organiserAgency: { path: string } }): boolean {
  return isAdmin(actor) || inScope(manageScope(actor), offering.organiserAgency.path);
}

/** May the caller act for this person (nominate, approve, cancel)? Their coordinator, or an admin. */
export function coordinatesPerson(actor: Actor, personAgencyPath: string): boolean {
  return isAdmin(actor) || inScope(manageScope(actor), personAgencyPath);
}

export type OfferingAccess = {
  offering: LoadedOffering;
  organiser: boolean;
  /** The caller coordinates someone (may nominate their own staff). */
  coordinator: boolean;
};

/** The offering if the caller may see it, with what they may do; DomainError 404 otherwise. */
export async function visibleOffering(actor: Actor, offeringId: string): Promise<OfferingAccess> {
  const offering = await loadOffering(offeringId);
  if (!offering) throw new DomainError(OFFERING_NOT_FOUND, { status: 404 });
  const organiser = isOrganiser(actor, offering);
  const scope = manageScope(actor);
  const coordinator = isAdmin(actor) || (scope !== "ALL" && scope.length > 0);
  if (organiser) return { offering, organiser, coordinator };
  if (offering.status === "DRAFT") throw new DomainError(OFFERING_NOT_FOUND, { status: 404 });
  const view = viewScope(actor);
  if (coordinator || hasRole(actor, "REVIEWER") || (view !== "ALL" && view.length > 0))
    return { offering, organiser, coordinator };
  if (actor.personId) {
    const [person, registration] = await Promise.all([
      db.person.findUnique({ where: { id: actor.personId }, select: { itRole: true, tags: true } }),
      db.registration.findUnique({
        where: { offeringId_personId: { offeringId: offering.id, personId: actor.personId } },
        select: { id: true },
      }),
    ]);
    const teaches = offering.instructors.some((i) => i.personId === actor.personId);
    if (registration || teaches || (person && matchesAudience(person, offering)))
      return { offering, organiser, coordinator };
  }
  throw new DomainError(OFFERING_NOT_FOUND, { status: 404 });
}

/** Organiser-only actions: 404 when the caller cannot even see the offering, 403 when they only may look. */
export async function organiserOffering(actor: Actor, offeringId: string): Promise<LoadedOffering> {
  const access = await visibleOffering(actor, offeringId);
  if (!access.organiser) throw new DomainError("scheduling.organiserOnly", { status: 403 });
  return access.offering;
}

/** Locks the offering row for the rest of the transaction: seat counts and promotions serialise on it. */
export async function lockOffering(tx: Tx, offeringId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "ClassOffering" WHERE "id" = ${offeringId}::uuid FOR UPDATE`;
}

/** Serialises conflict checks of one person across offerings (two bookings of the same person never race). */
export async function lockPerson(tx: Tx, personId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`person:${personId}`}::text))`;
}

export const TX_OPTIONS = { maxWait: 60_000, timeout: 60_000 } as const;
