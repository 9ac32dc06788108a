// The offering page (/offerings/<id>): what it shows to the caller, as plain data (dates as ISO strings, so
// the server and the browser see one type), and what each of its posts does.
import type { Locale, MessageRef } from "~/i18n";
import type { Actor } from "~/modules/auth/scope";
import { DomainError } from "~/utils/errors";
import { visibleOffering } from "./access.server";
import { markAttendance, recordResult } from "./attendance.server";
import { type OfferingIntent, type OfferingPermission, OFFERING_INTENT_PERMISSION } from "./intents";
import { cancelOffering, setRegistrationOpen } from "./offerings.server";
import { audienceLabel } from "./rules";
import { cancelRegistration, decideRegistration, nominate, selfRegister } from "./seats.server";
import { offeringDetail, searchNominees } from "./views.server";
import { unreachable } from "~/utils/intents";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function offeringPage(
  actor: Actor,
  offeringId: string,
  query: { q: string; all: boolean },
  locale: Locale,
) {
  const d = await offeringDetail(actor, offeringId);
  const o = d.offering;
  const nominees =
    d.coordinator && o.status === "OPEN" ? await searchNominees(actor, o, query.q, query.all) : [];
  return {
    q: query.q,
    all: query.all,
    organiser: d.organiser,
    coordinator: d.coordinator,
    eligible: d.eligible,
    teaches: d.teaches,
    counts: d.counts,
    me: d.me ? { id: d.me.id, status: d.me.status } : null,
    roster: d.roster.map((r) => ({
      id: r.id,
      fullName: r.person.fullName,
      email: r.person.email,
      agencyName: r.person.agency.name,
      status: r.status,
      source: r.source,
      attendance: Object.fromEntries(r.attendance.map((a) => [a.sessionId, a.present])),
      score: r.score,
      result: r.result,
      postTestPassed: r.postTestPassed,
      completed: r.completionId !== null,
      canApprove: d.canApprove(r),
    })),
    nominees: nominees.map((p) => ({ ...p, trainedUntil: iso(p.trainedUntil) })),
    offering: {
      id: o.id,
      kind: o.kind,
      title: o.title,
      description: o.description,
      status: o.status,
      capacity: o.capacity,
      organiserName: o.organiserAgency.name,
      audience: audienceLabel(o, locale),
      courseTitle: o.course?.currentVersion?.title ?? o.course?.title ?? null,
      attendanceThreshold: o.attendanceThreshold,
      requiresPostTest: o.requiresPostTest,
      opensAt: iso(o.registrationOpensAt),
      closesAt: iso(o.registrationClosesAt),
      instructors: o.instructors.map((i) => `${i.person.fullName} (${i.person.agency.name})`),
      quotas: o.quotas.map((q) => ({ name: q.agency.name, seats: q.seats })),
      sessions: o.sessions.map((s) => ({
        id: s.id,
        position: s.position,
        title: s.title,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        venue: s.venue,
        onlineUrl: s.onlineUrl,
        cancelled: s.cancelledAt !== null,
      })),
    },
  };
}

export type OfferingPage = Awaited<ReturnType<typeof offeringPage>>;

/** The first gate of every post: 404 when the caller cannot see the offering, 403 when not enough. */
async function requireOfferingPermission(actor: Actor, offeringId: string, needed: OfferingPermission) {
  const access = await visibleOffering(actor, offeringId);
  if (needed === "organiser" && !access.organiser)
    throw new DomainError("scheduling.organiserOnly", { status: 403 });
  if (needed === "coordinator" && !access.coordinator)
    throw new DomainError("scheduling.nominateCoordinatorOnly", { status: 403 });
}

/** Runs one post of the offering page; the message to flash on success. */
export async function runOfferingIntent(
  actor: Actor,
  offeringId: string,
  value: OfferingIntent,
): Promise<MessageRef> {
  await requireOfferingPermission(actor, offeringId, OFFERING_INTENT_PERMISSION[value.intent]);
  const saved: MessageRef = { key: "off.saved" };
  switch (value.intent) {
    case "register":
      await selfRegister(actor, offeringId);
      return { key: "off.registered" };
    case "nominate": {
      const r = await nominate(actor, offeringId, value.personId);
      const key = r.status === "CONFIRMED" ? "off.nominated.CONFIRMED" : "off.nominated.WAITLISTED";
      return { key, params: { name: value.personName } };
    }
    case "approve":
    case "reject":
      await decideRegistration(actor, value.registrationId, value.intent === "approve");
      return saved;
    case "cancel": {
      const r = await cancelRegistration(actor, value.registrationId);
      return r.promoted.length
        ? { key: "off.promoted", params: { count: r.promoted.length } }
        : { key: "off.cancelled" };
    }
    case "attendance": {
      const present = new Set(value.present);
      const marks = value.registrationId.map((id) => ({ registrationId: id, present: present.has(id) }));
      await markAttendance(actor, offeringId, value.sessionId, marks);
      return saved;
    }
    case "result": {
      const { score, result, postTestPassed } = value;
      await recordResult(actor, offeringId, value.registrationId, { score, result, postTestPassed });
      return saved;
    }
    case "cancelOffering":
      await cancelOffering(actor, offeringId);
      return saved;
    case "open":
    case "close":
      await setRegistrationOpen(actor, offeringId, value.intent === "open");
      return saved;
    default:
      return unreachable(value);
  }
}
