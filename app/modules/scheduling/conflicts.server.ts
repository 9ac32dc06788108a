// Double-booking checks: a person's active registrations and teaching, and an instructor's other offerings.
// Run inside the booking transaction after lockPerson(), so two bookings of one person never both pass.
import type { Tx } from "~/db.server";
import type { MessageKey, MessageParam } from "~/i18n";
import { DomainError } from "~/utils/errors";
import { ACTIVE_STATUSES } from "./rules";
import { type TimeRange, firstOverlap, formatVnDateTime, formatVnTime } from "~/domain/scheduling-time";

type Busy = TimeRange & { offeringId: string; title: string; teaching: boolean };

/** Non-cancelled sessions of the person's other active bookings and of offerings they teach. */
async function busyTimes(tx: Tx, personId: string, exceptOfferingId: string): Promise<Busy[]> {
  const rows = await tx.$queryRaw<(TimeRange & { offeringId: string; title: string; teaching: boolean })[]>`
    SELECT o."id" AS "offeringId", o."title", s."startsAt", s."endsAt", false AS "teaching"
    FROM "Registration" r
    JOIN "ClassOffering" o ON o."id" = r."offeringId"
    JOIN "ClassSession" s ON s."offeringId" = o."id"
    WHERE r."personId" = ${personId}::uuid AND r."offeringId" <> ${exceptOfferingId}::uuid
      AND r."status"::text = ANY(${[...ACTIVE_STATUSES]}::text[])
      AND o."status" <> 'CANCELLED' AND s."cancelledAt" IS NULL
    UNION ALL
    SELECT o."id", o."title", s."startsAt", s."endsAt", true
    FROM "OfferingInstructor" i
    JOIN "ClassOffering" o ON o."id" = i."offeringId"
    JOIN "ClassSession" s ON s."offeringId" = o."id"
    WHERE i."personId" = ${personId}::uuid AND i."offeringId" <> ${exceptOfferingId}::uuid
      AND o."status" <> 'CANCELLED' AND s."cancelledAt" IS NULL
    ORDER BY 3`;
  return rows;
}

function when(r: TimeRange): string {
  return `${formatVnDateTime(r.startsAt)}–${formatVnTime(r.endsAt)}`;
}

/**
 * Refuses (409) when any of `sessions` overlaps the person's other bookings or teaching. The message names
 * the person, the other offering and its time (dd/mm/yyyy HH:mm, Vietnam time).
 */
export async function assertNoConflict(
  tx: Tx,
  person: { id: string; fullName: string },
  offeringId: string,
  sessions: readonly TimeRange[],
  as: "participant" | "instructor",
): Promise<void> {
  const busy = await busyTimes(tx, person.id, offeringId);
  const clash = firstOverlap(sessions, busy);
  if (!clash) return;
  const who: MessageParam =
    as === "instructor"
      ? { key: "scheduling.conflictInstructor", params: { name: person.fullName } }
      : person.fullName;
  const role: MessageKey = clash.theirs.teaching
    ? "scheduling.conflictTeaching"
    : "scheduling.conflictRegistered";
  throw new DomainError("scheduling.conflict", {
    params: {
      who,
      role: { key: role },
      title: clash.theirs.title,
      theirs: when(clash.theirs),
      mine: when(clash.mine),
    },
    status: 409,
    field: as === "instructor" ? "instructorEmails" : "personId",
  });
}
