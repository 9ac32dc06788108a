// A person's training record (hồ sơ đào tạo) for coordinators and reviewers: assignments with their state,
// completions, certificates, classes and drills, quiz attempts. The person must lie in the caller's scope
// (404 otherwise); nothing here reveals quiz questions or answers, only outcomes. It composes people,
// assignments, completions, classes and quizzes, so it lives above them all (people does not import it).
import { db } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { memberRows } from "~/modules/assignments/facts.server";
import type { LearnerStatus } from "~/modules/assignments/status";

export type RecordAssignment = {
  assignmentId: string;
  courseTitle: string;
  status: LearnerStatus;
  assignedAt: Date;
  dueAt: Date;
  completedAt: Date | null;
};

export type RecordCompletion = {
  id: string;
  title: string;
  source: "ONLINE" | "CLASS" | "DRILL" | "IMPORTED";
  completedAt: Date;
  validUntil: Date | null;
  valid: boolean;
  score: number | null;
  externalRef: string | null;
  certificateCode: string | null;
};

export type RecordRegistration = {
  id: string;
  offeringId: string;
  title: string;
  kind: "CLASS" | "DRILL";
  status: "PENDING_APPROVAL" | "CONFIRMED" | "WAITLISTED" | "CANCELLED" | "REJECTED";
  startsAt: Date | null;
  attended: number;
  sessions: number;
  completed: boolean;
};

export type RecordAttempt = {
  id: string;
  courseTitle: string;
  number: number;
  status: "IN_PROGRESS" | "GRADED";
  startedAt: Date;
  submittedAt: Date | null;
  score: number | null;
  passed: boolean | null;
};

export type TrainingRecord = {
  assignments: RecordAssignment[];
  completions: RecordCompletion[];
  registrations: RecordRegistration[];
  attempts: RecordAttempt[];
};

/** The record of a person already found within the caller's scope (getPerson: a 404 otherwise). */
export async function trainingRecord(
  person: { id: string },
  now: Date = new Date(),
): Promise<TrainingRecord> {
  const [members, completions, registrations, attempts] = await Promise.all([
    memberRows(Prisma.sql`m."personId" = ${person.id}::uuid AND a.status = 'ACTIVE'`, now),
    db.completion.findMany({
      where: { personId: person.id },
      orderBy: [{ completedAt: "desc" }, { id: "asc" }],
      select: {
        id: true,
        source: true,
        completedAt: true,
        validUntil: true,
        score: true,
        externalRef: true,
        note: true,
        topics: true,
        course: { select: { title: true } },
        certificate: { select: { code: true } },
        registration: { select: { offering: { select: { title: true } } } },
      },
    }),
    db.registration.findMany({
      where: { personId: person.id },
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
      select: {
        id: true,
        status: true,
        completionId: true,
        offering: {
          select: {
            id: true,
            title: true,
            kind: true,
            sessions: {
              where: { cancelledAt: null },
              select: { startsAt: true },
              orderBy: { startsAt: "asc" },
            },
          },
        },
        attendance: { where: { present: true }, select: { sessionId: true } },
      },
    }),
    db.quizAttempt.findMany({
      where: { personId: person.id },
      orderBy: [{ startedAt: "desc" }, { id: "asc" }],
      select: {
        id: true,
        number: true,
        status: true,
        startedAt: true,
        submittedAt: true,
        score: true,
        passed: true,
        version: { select: { title: true } },
      },
    }),
  ]);
  return {
    assignments: members
      .map((m) => ({
        assignmentId: m.assignmentId,
        courseTitle: m.courseTitle,
        status: m.status,
        assignedAt: m.assignedAt,
        dueAt: m.dueAt,
        completedAt: m.completedAt,
      }))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()),
    completions: completions.map((c) => ({
      id: c.id,
      title: c.course?.title ?? c.registration?.offering.title ?? (c.note || c.topics.join(", ")),
      source: c.source,
      completedAt: c.completedAt,
      validUntil: c.validUntil,
      valid: c.validUntil === null || c.validUntil > now,
      score: c.score,
      externalRef: c.externalRef,
      certificateCode: c.certificate?.code ?? null,
    })),
    registrations: registrations.map((r) => ({
      id: r.id,
      offeringId: r.offering.id,
      title: r.offering.title,
      kind: r.offering.kind,
      status: r.status,
      startsAt: r.offering.sessions[0]?.startsAt ?? null,
      attended: r.attendance.length,
      sessions: r.offering.sessions.length,
      completed: r.completionId !== null,
    })),
    attempts: attempts.map((a) => ({
      id: a.id,
      courseTitle: a.version.title,
      number: a.number,
      status: a.status,
      startedAt: a.startedAt,
      submittedAt: a.submittedAt,
      score: a.status === "GRADED" ? a.score : null,
      passed: a.status === "GRADED" ? a.passed : null,
    })),
  };
}
