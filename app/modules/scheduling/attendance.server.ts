// Attendance, drill results and post-tests, recorded by the organiser; and the Completion they lead to.
// syncCompletion() is the one place that decides: it creates exactly one Completion (source CLASS or DRILL)
// when the rules hold and removes it when a correction breaks them, so targets always count the truth.
import { db, type Tx } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { recordCompletion, removeCompletion, setCompletionScore } from "~/modules/completions/record.server";
import type { Actor } from "~/modules/auth/scope";
import { isUuid } from "~/utils/uuid";
import { DomainError } from "~/utils/errors";
import { TX_OPTIONS, lockOffering, organiserOffering } from "./access.server";
import { attendanceMet } from "./rules";

export type CompletionChange = "created" | "removed" | "unchanged";

/** Brings the registration's Completion in line with its attendance and post-test. Idempotent. */
export async function syncCompletion(
  tx: Tx,
  registrationId: string,
  actorUserId: string | null,
  now = new Date(),
): Promise<CompletionChange> {
  const r = await tx.registration.findUniqueOrThrow({
    where: { id: registrationId },
    include: {
      attendance: true,
      offering: { include: { sessions: true, course: { select: { topics: true } } } },
    },
  });
  const o = r.offering;
  const held = o.sessions.filter((s) => !s.cancelledAt);
  const heldIds = new Set(held.map((s) => s.id));
  const present = r.attendance.filter((a) => a.present && heldIds.has(a.sessionId)).length;
  let postTestOk = !o.requiresPostTest || r.postTestPassed === true;
  if (!postTestOk && o.courseId && held.length) {
    // The linked online course finished after the class began counts as the post-test.
    const firstStart = new Date(Math.min(...held.map((s) => s.startsAt.getTime())));
    postTestOk =
      (await tx.completion.count({
        where: {
          personId: r.personId,
          courseId: o.courseId,
          source: "ONLINE",
          completedAt: { gte: firstStart },
        },
      })) > 0;
  }
  const eligible =
    r.status === "CONFIRMED" &&
    o.status !== "CANCELLED" &&
    attendanceMet(present, held.length, o.attendanceThreshold) &&
    postTestOk;

  if (eligible && !r.completionId) {
    const lastEnd = new Date(Math.max(...held.map((s) => s.endsAt.getTime())));
    const completedAt = lastEnd < now ? lastEnd : now;
    const topics = [...new Set([...o.topics, ...(o.course?.topics ?? [])])];
    const completion = await recordCompletion(tx, {
      personId: r.personId,
      courseId: o.courseId,
      topics,
      source: o.kind === "DRILL" ? "DRILL" : "CLASS",
      completedAt,
      validityMonths: o.validityMonths,
      score: r.score,
      note: o.title,
      recordedById: actorUserId,
    });
    await tx.registration.update({ where: { id: r.id }, data: { completionId: completion.id } });
    return "created";
  }
  if (!eligible && r.completionId) {
    await tx.registration.update({ where: { id: r.id }, data: { completionId: null } });
    await removeCompletion(tx, r.completionId);
    return "removed";
  }
  return "unchanged";
}

export type AttendanceMark = { registrationId: string; present: boolean };

/** The organiser marks one session; only confirmed participants can be marked. */
export async function markAttendance(
  actor: Actor,
  offeringId: string,
  sessionId: string,
  marks: AttendanceMark[],
  now = new Date(),
) {
  const o = await organiserOffering(actor, offeringId);
  const session = o.sessions.find((s) => s.id === sessionId);
  if (!isUuid(sessionId) || !session) throw new DomainError("scheduling.sessionNotFound", { status: 404 });
  if (session.cancelledAt) throw new DomainError("scheduling.sessionCancelled", { status: 409 });
  if (o.status === "CANCELLED") throw new DomainError("scheduling.offeringCancelled", { status: 409 });
  return db.$transaction(async (tx) => {
    await lockOffering(tx, o.id);
    const regs = await tx.registration.findMany({
      where: { offeringId: o.id, id: { in: marks.map((m) => m.registrationId).filter(isUuid) } },
      select: { id: true, status: true },
    });
    const known = new Map(regs.map((r) => [r.id, r.status]));
    for (const m of marks)
      if (known.get(m.registrationId) !== "CONFIRMED")
        throw new DomainError("scheduling.attendanceConfirmedOnly", { status: 409 });
    const changes: Record<CompletionChange, number> = { created: 0, removed: 0, unchanged: 0 };
    for (const m of marks) {
      await tx.attendance.upsert({
        where: { registrationId_sessionId: { registrationId: m.registrationId, sessionId } },
        create: {
          registrationId: m.registrationId,
          sessionId,
          present: m.present,
          markedById: actor.userId,
          markedAt: now,
        },
        update: { present: m.present, markedById: actor.userId, markedAt: now },
      });
      changes[await syncCompletion(tx, m.registrationId, actor.userId, now)]++;
    }
    await audit(
      {
        actorUserId: actor.userId,
        action: "offering.attendance",
        entityType: "ClassSession",
        entityId: sessionId,
        agencyId: o.organiserAgencyId,
        data: { offeringId: o.id, marked: marks.length, ...changes },
      },
      tx,
    );
    return changes;
  }, TX_OPTIONS);
}

export type ResultInput = { score: number | null; result: string | null; postTestPassed: boolean | null };

/** Drill score/result and post-test outcome of one participant; may complete (or un-complete) them. */
export async function recordResult(
  actor: Actor,
  offeringId: string,
  registrationId: string,
  input: ResultInput,
  now = new Date(),
) {
  const o = await organiserOffering(actor, offeringId);
  return db.$transaction(async (tx) => {
    await lockOffering(tx, o.id);
    const r = isUuid(registrationId)
      ? await tx.registration.findUnique({ where: { id: registrationId } })
      : null;
    if (!r || r.offeringId !== o.id)
      throw new DomainError("scheduling.registrationNotFound", { status: 404 });
    await tx.registration.update({ where: { id: r.id }, data: input });
    if (r.completionId && input.score !== null) await setCompletionScore(tx, r.completionId, input.score);
    const change = await syncCompletion(tx, r.id, actor.userId, now);
    await audit(
      {
        actorUserId: actor.userId,
        action: "offering.result",
        entityType: "Registration",
        entityId: r.id,
        agencyId: o.organiserAgencyId,
        data: { ...input, change },
      },
      tx,
    );
    return change;
  }, TX_OPTIONS);
}
