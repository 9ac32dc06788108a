// Getting a seat: nomination by a coordinator, self-registration with approval, cancellation and promotion
// from the waitlist. Every seat decision runs in one transaction that first locks the offering row, so the
// last seat is never given twice and a cancellation promotes exactly one waiting person
// (docs/decisions/006-seat-allocation.md).
import { db, type Tx } from "~/db.server";
import type { RegistrationSource, RegistrationStatus } from "~/generated/prisma/enums";
import { audit } from "~/modules/audit/audit.server";
import { type Actor, isAdmin } from "~/modules/auth/scope";
import { isUuid } from "~/utils/uuid";
import { DomainError } from "~/utils/errors";
import {
  TX_OPTIONS,
  coordinatesPerson,
  isOrganiser,
  loadOffering,
  lockOffering,
  lockPerson,
  visibleOffering,
  type LoadedOffering,
} from "./access.server";
import { assertNoConflict } from "./conflicts.server";
import { notifyApprovers, type NoticeTarget, sendNotices } from "./notices.server";
import { QUOTA_STATUSES, audienceRef, matchesAudience } from "./rules";
import { formatVnDateTime } from "~/domain/scheduling-time";

const PERSON_NOT_FOUND = "people.notFound";
const REG_NOT_FOUND = "scheduling.registrationNotFound";

const personSelect = {
  id: true,
  fullName: true,
  email: true,
  itRole: true,
  tags: true,
  active: true,
  agencyId: true,
  agency: { select: { path: true, name: true } },
} as const;

type SeatPerson = { id: string; fullName: string; email: string };

const target = (p: SeatPerson, r: { id: string; requestSeq: bigint }): NoticeTarget => ({
  personId: p.id,
  email: p.email,
  fullName: p.fullName,
  registrationId: r.id,
  requestSeq: r.requestSeq,
});

/** Re-reads the offering under the lock and checks it still takes requests. */
async function lockedOpenOffering(tx: Tx, offeringId: string, bypassWindow: boolean, now: Date) {
  await lockOffering(tx, offeringId);
  const o = await loadOffering(offeringId, tx);
  if (!o) throw new DomainError("scheduling.offeringNotFound", { status: 404 });
  if (o.status !== "OPEN") throw new DomainError("scheduling.notOpen", { status: 409 });
  if (!bypassWindow) {
    if (o.registrationOpensAt && now < o.registrationOpensAt)
      throw new DomainError("scheduling.registrationNotYetOpen", {
        params: { date: formatVnDateTime(o.registrationOpensAt) },
        status: 409,
      });
    if (o.registrationClosesAt && now > o.registrationClosesAt)
      throw new DomainError("scheduling.registrationClosed", {
        params: { date: formatVnDateTime(o.registrationClosesAt) },
        status: 409,
      });
  }
  return o;
}

/** Per-agency quota: confirmed + pending registrations made under the quota agency's subtree. */
async function assertQuota(tx: Tx, o: LoadedOffering, agencyPath: string) {
  for (const q of o.quotas) {
    if (!agencyPath.startsWith(q.agency.path)) continue;
    const [{ used }] = await tx.$queryRaw<{ used: number }[]>`
      SELECT count(*)::int AS "used" FROM "Registration" r JOIN "Agency" a ON a."id" = r."agencyId"
      WHERE r."offeringId" = ${o.id}::uuid AND r."status"::text = ANY(${[...QUOTA_STATUSES]}::text[])
        AND a."path" LIKE ${`${q.agency.path}%`}`;
    if (used >= q.seats)
      throw new DomainError("scheduling.quotaUsed", {
        params: { agency: q.agency.name, seats: q.seats, used },
        status: 409,
        field: "personId",
      });
  }
}

async function confirmedCount(tx: Tx, offeringId: string): Promise<number> {
  return tx.registration.count({ where: { offeringId, status: "CONFIRMED" } });
}

/**
 * Creates (or renews a cancelled/rejected) registration with a fresh requestSeq, so a person who asks again
 * queues behind everyone already waiting.
 */
async function upsertRequest(
  tx: Tx,
  o: LoadedOffering,
  person: { id: string; agencyId: string },
  fields: { status: RegistrationStatus; source: RegistrationSource; requestedById: string | null; now: Date },
) {
  const existing = await tx.registration.findUnique({
    where: { offeringId_personId: { offeringId: o.id, personId: person.id } },
  });
  const data = {
    status: fields.status,
    source: fields.source,
    requestedById: fields.requestedById,
    agencyId: person.agencyId,
    requestedAt: fields.now,
    decidedAt: fields.status === "PENDING_APPROVAL" ? null : fields.now,
    confirmedAt: fields.status === "CONFIRMED" ? fields.now : null,
    cancelledAt: null,
  };
  if (!existing) return tx.registration.create({ data: { ...data, offeringId: o.id, personId: person.id } });
  if (existing.status !== "CANCELLED" && existing.status !== "REJECTED")
    throw new DomainError("scheduling.alreadyRegistered", { status: 409, field: "personId" });
  await tx.$executeRaw`UPDATE "Registration"
    SET "requestSeq" = nextval(pg_get_serial_sequence('"Registration"', 'requestSeq'))
    WHERE "id" = ${existing.id}::uuid`;
  return tx.registration.update({ where: { id: existing.id }, data });
}

export type SeatResult = { registrationId: string; status: RegistrationStatus };

/** The checks every new request passes, under the offering lock and the person lock. */
async function checkRequest(tx: Tx, o: LoadedOffering, person: Awaited<ReturnType<typeof findPerson>>) {
  if (!person.active)
    throw new DomainError("scheduling.personInactive", {
      params: { name: person.fullName },
      status: 409,
      field: "personId",
    });
  if (!matchesAudience(person, o))
    throw new DomainError("scheduling.notInAudience", {
      params: { name: person.fullName, audience: audienceRef(o) },
      status: 409,
      field: "personId",
    });
  if (o.instructors.some((i) => i.personId === person.id))
    throw new DomainError("scheduling.personIsInstructor", {
      params: { name: person.fullName },
      status: 409,
      field: "personId",
    });
  await lockPerson(tx, person.id);
  await assertNoConflict(
    tx,
    person,
    o.id,
    o.sessions.filter((s) => !s.cancelledAt),
    "participant",
  );
  await assertQuota(tx, o, person.agency.path);
}

async function findPerson(personId: string) {
  const p = isUuid(personId)
    ? await db.person.findUnique({ where: { id: personId }, select: personSelect })
    : null;
  if (!p) throw new DomainError(PERSON_NOT_FOUND, { status: 404 });
  return p;
}

/** Seat or waitlist, decided while holding the offering lock. */
async function allocate(tx: Tx, o: LoadedOffering): Promise<"CONFIRMED" | "WAITLISTED"> {
  return (await confirmedCount(tx, o.id)) < o.capacity ? "CONFIRMED" : "WAITLISTED";
}

/** A coordinator nominates one of their own staff: a seat at once, or the waitlist when full. */
export async function nominate(
  actor: Actor,
  offeringId: string,
  personId: string,
  now = new Date(),
): Promise<SeatResult> {
  const { offering, coordinator, organiser } = await visibleOffering(actor, offeringId);
  if (!coordinator) throw new DomainError("scheduling.nominateCoordinatorOnly", { status: 403 });
  const person = await findPerson(personId);
  if (!coordinatesPerson(actor, person.agency.path)) throw new DomainError(PERSON_NOT_FOUND, { status: 404 });
  return db.$transaction(async (tx) => {
    const o = await lockedOpenOffering(tx, offering.id, organiser, now);
    await checkRequest(tx, o, person);
    const status = await allocate(tx, o);
    const reg = await upsertRequest(tx, o, person, {
      status,
      source: "NOMINATED",
      requestedById: actor.userId,
      now,
    });
    await sendNotices(tx, status === "CONFIRMED" ? "confirmed" : "waitlisted", o, [target(person, reg)]);
    await audit(
      {
        actorUserId: actor.userId,
        action: "offering.nominate",
        entityType: "Registration",
        entityId: reg.id,
        agencyId: person.agencyId,
        data: { offeringId: o.id, personId: person.id, status },
      },
      tx,
    );
    return { registrationId: reg.id, status };
  }, TX_OPTIONS);
}

/** A learner asks for a seat; their coordinator approves it later (then seat or waitlist). */
export async function selfRegister(actor: Actor, offeringId: string, now = new Date()): Promise<SeatResult> {
  if (!actor.personId) throw new DomainError("scheduling.noPerson", { status: 403 });
  const { offering } = await visibleOffering(actor, offeringId);
  const person = await findPerson(actor.personId);
  return db.$transaction(async (tx) => {
    const o = await lockedOpenOffering(tx, offering.id, false, now);
    await checkRequest(tx, o, person);
    const reg = await upsertRequest(tx, o, person, {
      status: "PENDING_APPROVAL",
      source: "SELF",
      requestedById: actor.userId,
      now,
    });
    await audit(
      {
        actorUserId: actor.userId,
        action: "offering.register",
        entityType: "Registration",
        entityId: reg.id,
        agencyId: person.agencyId,
        data: { offeringId: o.id },
      },
      tx,
    );
    await notifyApprovers(tx, o, person, reg);
    return { registrationId: reg.id, status: reg.status };
  }, TX_OPTIONS);
}

async function loadRegistration(registrationId: string) {
  const r = isUuid(registrationId)
    ? await db.registration.findUnique({
        where: { id: registrationId },
        include: { person: { select: personSelect } },
      })
    : null;
  if (!r) throw new DomainError(REG_NOT_FOUND, { status: 404 });
  return r;
}

/** The person's coordinator (or an admin) approves a pending self-registration → seat or waitlist, or rejects it. */
export async function decideRegistration(
  actor: Actor,
  registrationId: string,
  approve: boolean,
  now = new Date(),
): Promise<SeatResult> {
  const r = await loadRegistration(registrationId);
  if (!coordinatesPerson(actor, r.person.agency.path)) throw new DomainError(REG_NOT_FOUND, { status: 404 });
  return db.$transaction(async (tx) => {
    await lockOffering(tx, r.offeringId);
    const o = (await loadOffering(r.offeringId, tx))!;
    const current = await tx.registration.findUniqueOrThrow({ where: { id: r.id } });
    if (current.status !== "PENDING_APPROVAL")
      throw new DomainError("scheduling.registrationHandled", { status: 409 });
    if (approve && o.status !== "OPEN") throw new DomainError("scheduling.notOpen", { status: 409 });
    const status = approve ? await allocate(tx, o) : "REJECTED";
    const reg = await tx.registration.update({
      where: { id: r.id },
      data: { status, decidedAt: now, confirmedAt: status === "CONFIRMED" ? now : null },
    });
    const event = status === "CONFIRMED" ? "confirmed" : status === "WAITLISTED" ? "waitlisted" : "rejected";
    await sendNotices(tx, event, o, [target(r.person, reg)]);
    await audit(
      {
        actorUserId: actor.userId,
        action: approve ? "offering.approve" : "offering.reject",
        entityType: "Registration",
        entityId: r.id,
        agencyId: r.agencyId,
        data: { status },
      },
      tx,
    );
    return { registrationId: r.id, status };
  }, TX_OPTIONS);
}

/**
 * Gives free seats to the waitlist in request order (requestSeq), under the offering lock the caller holds.
 * Called after a cancellation and after the capacity grows. Returns the promoted registration ids.
 */
export async function fillSeats(tx: Tx, o: LoadedOffering, now: Date): Promise<string[]> {
  if (o.status !== "OPEN" && o.status !== "CLOSED") return [];
  const free = o.capacity - (await confirmedCount(tx, o.id));
  if (free <= 0) return [];
  const next = await tx.registration.findMany({
    where: { offeringId: o.id, status: "WAITLISTED" },
    orderBy: { requestSeq: "asc" },
    take: free,
    include: { person: { select: personSelect } },
  });
  for (const r of next)
    await tx.registration.update({ where: { id: r.id }, data: { status: "CONFIRMED", confirmedAt: now } });
  await sendNotices(
    tx,
    "promoted",
    o,
    next.map((r) => target(r.person, r)),
  );
  return next.map((r) => r.id);
}

export type CancelResult = { cancelled: boolean; promoted: string[] };

/**
 * Cancels a registration (the person, their coordinator, the organiser or an admin). A freed seat goes to the
 * first waiting person in the same transaction; cancelling an already cancelled registration changes nothing.
 */
export async function cancelRegistration(
  actor: Actor,
  registrationId: string,
  now = new Date(),
): Promise<CancelResult> {
  const r = await loadRegistration(registrationId);
  const o0 = await loadOffering(r.offeringId);
  const allowed =
    r.personId === actor.personId ||
    coordinatesPerson(actor, r.person.agency.path) ||
    (o0 !== null && isOrganiser(actor, o0)) ||
    isAdmin(actor);
  if (!allowed) throw new DomainError(REG_NOT_FOUND, { status: 404 });
  return db.$transaction(async (tx) => {
    await lockOffering(tx, r.offeringId);
    const o = (await loadOffering(r.offeringId, tx))!;
    const current = await tx.registration.findUniqueOrThrow({ where: { id: r.id } });
    if (current.status === "CANCELLED" || current.status === "REJECTED")
      return { cancelled: false, promoted: [] };
    if (current.completionId)
      throw new DomainError("scheduling.completedNoCancel", {
        status: 409,
      });
    const reg = await tx.registration.update({
      where: { id: r.id },
      data: { status: "CANCELLED", cancelledAt: now },
    });
    await sendNotices(tx, "cancelled", o, [target(r.person, reg)]);
    const promoted = current.status === "CONFIRMED" ? await fillSeats(tx, o, now) : [];
    await audit(
      {
        actorUserId: actor.userId,
        action: "offering.cancelRegistration",
        entityType: "Registration",
        entityId: r.id,
        agencyId: r.agencyId,
        data: { offeringId: o.id, was: current.status, promoted },
      },
      tx,
    );
    return { cancelled: true, promoted };
  }, TX_OPTIONS);
}
