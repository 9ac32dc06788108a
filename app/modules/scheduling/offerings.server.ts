// Creating, editing and cancelling classes and drills (organisers only). Every calendar-visible change raises
// `sequence` (the .ics SEQUENCE) and tells the confirmed people, in the same transaction as the change.
import { db, type Tx } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { type Actor, inScope, isAdmin, manageScope } from "~/modules/auth/scope";
import { DomainError } from "~/utils/errors";
import {
  TX_OPTIONS,
  loadOffering,
  lockOffering,
  lockPerson,
  organiserOffering,
  type LoadedOffering,
} from "./access.server";
import { syncCompletion } from "./attendance.server";
import { assertNoConflict } from "./conflicts.server";
import { type NoticeTarget, sendNotices } from "./notices.server";
import { ACTIVE_STATUSES } from "./rules";
import {
  type OfferingData,
  type OfferingInput,
  type SessionData,
  offeringInputSchema,
  parseOrThrow,
} from "~/domain/scheduling";
import { fillSeats } from "./seats.server";

function parse(input: OfferingInput): OfferingData {
  return parseOrThrow(offeringInputSchema, input, (issue, field) => {
    throw DomainError.fromIssue(issue, { field });
  });
}

/** The organising agency lies in the caller's scope; course, instructors and quota agencies exist. */
async function checkReferences(actor: Actor, data: OfferingData) {
  const agency = await db.agency.findUnique({ where: { id: data.organiserAgencyId } });
  if (!agency || !agency.active)
    throw new DomainError("scheduling.organiserNotFound", { field: "organiserAgencyId" });
  if (!isAdmin(actor) && !inScope(manageScope(actor), agency.path))
    throw new DomainError("scheduling.organiserOutOfScope", {
      status: 403,
      field: "organiserAgencyId",
    });
  if (data.courseId && !(await db.course.findUnique({ where: { id: data.courseId } })))
    throw new DomainError("scheduling.courseNotFound", { field: "courseId" });
  const instructors = await db.person.findMany({
    where: { id: { in: data.instructorIds }, active: true },
    select: { id: true, fullName: true },
  });
  if (instructors.length !== data.instructorIds.length)
    throw new DomainError("scheduling.instructorsNotFound", {
      field: "instructorEmails",
    });
  const quotaAgencies = await db.agency.count({ where: { id: { in: data.quotas.map((q) => q.agencyId) } } });
  if (quotaAgencies !== data.quotas.length)
    throw new DomainError("scheduling.quotaAgencyNotFound", { field: "quotas" });
  return instructors;
}

/** Instructors must be free at every session: not teaching, nor booked into, anything overlapping. */
async function checkInstructors(
  tx: Tx,
  offeringId: string,
  instructors: { id: string; fullName: string }[],
  sessions: { startsAt: Date; endsAt: Date }[],
) {
  for (const p of [...instructors].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    await lockPerson(tx, p.id);
    await assertNoConflict(tx, p, offeringId, sessions, "instructor");
    const own = await tx.registration.findFirst({
      where: { offeringId, personId: p.id, status: { in: [...ACTIVE_STATUSES] } },
    });
    if (own)
      throw new DomainError("scheduling.instructorIsParticipant", {
        params: { name: p.fullName },
        status: 409,
        field: "instructorEmails",
      });
  }
}

/** Moving sessions must not double-book anyone already holding (or waiting for) a seat. */
async function checkParticipants(tx: Tx, offeringId: string, sessions: { startsAt: Date; endsAt: Date }[]) {
  const regs = await tx.registration.findMany({
    where: { offeringId, status: { in: [...ACTIVE_STATUSES] } },
    select: { person: { select: { id: true, fullName: true } } },
    orderBy: { personId: "asc" },
  });
  for (const { person } of regs) {
    await lockPerson(tx, person.id);
    try {
      await assertNoConflict(tx, person, offeringId, sessions, "participant");
    } catch (e) {
      if (e instanceof DomainError)
        throw new DomainError("scheduling.rescheduleConflict", {
          params: { reason: e.ref },
          status: 409,
          field: "sessions",
        });
      throw e;
    }
  }
}

const offeringFields = (d: OfferingData) => ({
  kind: d.kind,
  title: d.title,
  description: d.description,
  courseId: d.courseId,
  topics: d.topics,
  audienceItRoles: d.audienceItRoles,
  audienceTags: d.audienceTags,
  organiserAgencyId: d.organiserAgencyId,
  capacity: d.capacity,
  registrationOpensAt: d.registrationOpensAt,
  registrationClosesAt: d.registrationClosesAt,
  attendanceThreshold: d.attendanceThreshold,
  requiresPostTest: d.requiresPostTest,
  validityMonths: d.validityMonths,
});

const sessionFields = (s: SessionData, position: number) => ({
  position,
  title: s.title,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  venue: s.venue,
  onlineUrl: s.onlineUrl,
});

export async function createOffering(
  actor: Actor,
  input: OfferingInput,
  opts: { status?: "DRAFT" | "OPEN" } = {},
) {
  const data = parse(input);
  const instructors = await checkReferences(actor, data);
  return db.$transaction(async (tx) => {
    const o = await tx.classOffering.create({
      data: {
        ...offeringFields(data),
        status: opts.status ?? "OPEN",
        createdById: actor.userId,
        sessions: { create: data.sessions.map((s, i) => sessionFields(s, i + 1)) },
        instructors: { create: data.instructorIds.map((personId) => ({ personId })) },
        quotas: { create: data.quotas.map((q) => ({ agencyId: q.agencyId, seats: q.seats })) },
      },
    });
    await checkInstructors(tx, o.id, instructors, data.sessions);
    await audit(
      {
        actorUserId: actor.userId,
        action: "offering.create",
        entityType: "ClassOffering",
        entityId: o.id,
        agencyId: o.organiserAgencyId,
        data: { kind: o.kind, capacity: o.capacity, sessions: data.sessions.length },
      },
      tx,
    );
    return o;
  }, TX_OPTIONS);
}

/** Time, place or title as a calendar shows it; a change here raises the sequence and notifies. */
function calendarKey(o: {
  title: string;
  description: string;
  sessions: {
    id: string;
    startsAt: Date;
    endsAt: Date;
    venue: string;
    onlineUrl: string | null;
    title: string;
    cancelledAt: Date | null;
  }[];
}) {
  return JSON.stringify([
    o.title,
    o.description,
    [...o.sessions]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((s) => [
        s.id,
        s.startsAt.getTime(),
        s.endsAt.getTime(),
        s.venue,
        s.onlineUrl,
        s.title,
        s.cancelledAt !== null,
      ]),
  ]);
}

async function peopleToTell(
  tx: Tx,
  offeringId: string,
  statuses: readonly string[],
): Promise<NoticeTarget[]> {
  const regs = await tx.registration.findMany({
    where: { offeringId, status: { in: statuses as ("CONFIRMED" | "WAITLISTED" | "PENDING_APPROVAL")[] } },
    include: { person: { select: { id: true, email: true, fullName: true } } },
  });
  return regs.map((r) => ({ personId: r.person.id, email: r.person.email, fullName: r.person.fullName }));
}

/**
 * Edits an offering. Sessions keep their ids (and so their calendar UIDs); a session left out of the form
 * is cancelled, not deleted (attendance and calendars keep pointing at it).
 */
export async function updateOffering(
  actor: Actor,
  offeringId: string,
  input: OfferingInput,
  now = new Date(),
) {
  const before = await organiserOffering(actor, offeringId);
  if (before.status === "CANCELLED") throw new DomainError("scheduling.cancelledNoEdit", { status: 409 });
  const data = parse(input);
  const instructors = await checkReferences(actor, data);
  const unknown = data.sessions.filter((s) => s.id && !before.sessions.some((b) => b.id === s.id));
  if (unknown.length) throw new DomainError("scheduling.sessionNotInOffering", { field: "sessions" });
  return db.$transaction(async (tx) => {
    await lockOffering(tx, offeringId);
    const current = (await loadOffering(offeringId, tx)) as LoadedOffering;
    // Nobody loses a confirmed seat to an edit: capacity cannot drop below the seats already given.
    const seated = await tx.registration.count({ where: { offeringId, status: "CONFIRMED" } });
    if (data.capacity < seated)
      throw new DomainError("scheduling.capacityBelowSeated", {
        params: { seated },
        status: 409,
        field: "capacity",
      });
    const kept = new Set(data.sessions.map((s) => s.id).filter(Boolean));
    let position = 0;
    for (const s of data.sessions) {
      position++;
      if (s.id)
        await tx.classSession.update({
          where: { id: s.id },
          data: { ...sessionFields(s, position), cancelledAt: null },
        });
      else await tx.classSession.create({ data: { ...sessionFields(s, position), offeringId } });
    }
    for (const s of current.sessions)
      if (!kept.has(s.id) && !s.cancelledAt)
        await tx.classSession.update({ where: { id: s.id }, data: { cancelledAt: now } });
    await tx.offeringInstructor.deleteMany({ where: { offeringId } });
    await tx.offeringInstructor.createMany({
      data: data.instructorIds.map((personId) => ({ offeringId, personId })),
    });
    await tx.offeringQuota.deleteMany({ where: { offeringId } });
    await tx.offeringQuota.createMany({
      data: data.quotas.map((q) => ({ offeringId, agencyId: q.agencyId, seats: q.seats })),
    });
    await checkInstructors(tx, offeringId, instructors, data.sessions);
    await checkParticipants(tx, offeringId, data.sessions);
    const afterSessions = await tx.classSession.findMany({ where: { offeringId } });
    const changed = calendarKey(current) !== calendarKey({ ...data, sessions: afterSessions });
    const updated = await tx.classOffering.update({
      where: { id: offeringId },
      data: { ...offeringFields(data), ...(changed ? { sequence: { increment: 1 } } : {}) },
    });
    const after = (await loadOffering(offeringId, tx)) as LoadedOffering;
    if (changed) await sendNotices(tx, "changed", after, await peopleToTell(tx, offeringId, ["CONFIRMED"]));
    const promoted = await fillSeats(tx, after, now);
    // Cancelled sessions or a new threshold change who has completed.
    const confirmed = await tx.registration.findMany({
      where: { offeringId, status: "CONFIRMED" },
      select: { id: true },
    });
    for (const r of confirmed) await syncCompletion(tx, r.id, actor.userId, now);
    await audit(
      {
        actorUserId: actor.userId,
        action: "offering.update",
        entityType: "ClassOffering",
        entityId: offeringId,
        agencyId: updated.organiserAgencyId,
        data: { sequence: updated.sequence, calendarChanged: changed, promoted },
      },
      tx,
    );
    return { offering: updated, changed, promoted };
  }, TX_OPTIONS);
}

/** Cancels the whole offering: every session shows as cancelled in calendars; everyone booked is told. */
export async function cancelOffering(actor: Actor, offeringId: string) {
  const o = await organiserOffering(actor, offeringId);
  if (o.status === "CANCELLED") return { alreadyCancelled: true };
  return db.$transaction(async (tx) => {
    await lockOffering(tx, offeringId);
    const updated = await tx.classOffering.update({
      where: { id: offeringId },
      data: { status: "CANCELLED", sequence: { increment: 1 } },
    });
    const after = (await loadOffering(offeringId, tx)) as LoadedOffering;
    await sendNotices(tx, "offering-cancelled", after, await peopleToTell(tx, offeringId, ACTIVE_STATUSES));
    await audit(
      {
        actorUserId: actor.userId,
        action: "offering.cancel",
        entityType: "ClassOffering",
        entityId: offeringId,
        agencyId: updated.organiserAgencyId,
        data: { sequence: updated.sequence },
      },
      tx,
    );
    return { alreadyCancelled: false };
  }, TX_OPTIONS);
}

/** Opens or closes registration (no calendar change). */
export async function setRegistrationOpen(actor: Actor, offeringId: string, open: boolean) {
  const o = await organiserOffering(actor, offeringId);
  if (o.status === "CANCELLED" || o.status === "COMPLETED")
    throw new DomainError("scheduling.statusUnchangeable", { status: 409 });
  await db.classOffering.update({ where: { id: offeringId }, data: { status: open ? "OPEN" : "CLOSED" } });
  await audit({
    actorUserId: actor.userId,
    action: open ? "offering.open" : "offering.close",
    entityType: "ClassOffering",
    entityId: offeringId,
    agencyId: o.organiserAgencyId,
  });
}
