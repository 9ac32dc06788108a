// The suspicious-mail reports people see and the IT queue: a person's own reports, and the NEW reports of the
// caller's subtree (admins, drill managers and coordinators: phishingReportScope), each opened and marked
// REVIEWED (audited). A report outside the caller's scope is "not found", like one that does not exist.
import { db } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { agencyWhere, type Actor, phishingReportScope, type Scope } from "~/modules/auth/scope";
import type { Prisma, SuspiciousReportStatus } from "~/generated/prisma/client";
import { type Paged, type PageRequest, pageSlice } from "~/utils/paging";
import { recordReport, type ReportOutcome } from "./report-intake.server";
import { reportOfMessage } from "./report-mailbox.server";

export type OwnReportRow = {
  id: string;
  createdAt: Date;
  channel: string;
  status: SuspiciousReportStatus;
  subject: string;
};

/** The reports a person made, newest first. */
export async function listOwnReports(personId: string, paging: PageRequest): Promise<Paged<OwnReportRow>> {
  const where = { reporterPersonId: personId };
  const [total, rows] = await Promise.all([
    db.suspiciousReport.count({ where }),
    db.suspiciousReport.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, createdAt: true, channel: true, status: true, subject: true },
      ...pageSlice(paging),
    }),
  ]);
  return { ...paging, total, rows };
}

/**
 * A paste on the report page by a signed-in person: the same rules as the mailbox, except that a drill token
 * counts only when the drill email was sent to this person.
 */
export async function pasteReport(
  reporter: { personId: string; email: string },
  source: string,
  at: Date = new Date(),
): Promise<ReportOutcome> {
  const parsed = await reportOfMessage(Buffer.from(source, "utf8"), at);
  return recordReport({
    ...parsed,
    channel: "PASTE",
    reporterPersonId: reporter.personId,
    reporterEmail: reporter.email,
    // Two people may paste the same real email: each is a report.
    messageId: null,
  });
}

async function scopeWhere(scope: Scope): Promise<Prisma.SuspiciousReportWhereInput> {
  if (scope === "ALL") return {};
  if (scope.length === 0) return { id: { in: [] } };
  const agencies = await db.agency.findMany({ where: agencyWhere(scope), select: { id: true } });
  return { agencyId: { in: agencies.map((a) => a.id) } };
}

export type QueueRow = {
  id: string;
  createdAt: Date;
  channel: string;
  status: SuspiciousReportStatus;
  subject: string;
  fromHeader: string;
  reporterEmail: string;
  reporterName: string | null;
  agencyName: string | null;
};

export type QueueFilter = { q: string; status: "NEW" | "REVIEWED" };

/** The queue of the caller's scope: NEW (or REVIEWED) reports, newest first, searched by subject, sender, reporter. */
export async function listReportQueue(
  actor: Actor,
  filter: QueueFilter,
  paging: PageRequest,
): Promise<Paged<QueueRow>> {
  const q = filter.q.trim();
  const where: Prisma.SuspiciousReportWhereInput = {
    AND: [
      await scopeWhere(phishingReportScope(actor)),
      { status: filter.status },
      q
        ? {
            OR: [
              { subject: { contains: q, mode: "insensitive" } },
              { fromHeader: { contains: q, mode: "insensitive" } },
              { reporterEmail: { contains: q, mode: "insensitive" } },
            ],
          }
        : {},
    ],
  };
  const [total, rows] = await Promise.all([
    db.suspiciousReport.count({ where }),
    db.suspiciousReport.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageSlice(paging),
    }),
  ]);
  const [people, agencies] = await Promise.all([
    db.person.findMany({
      where: { id: { in: rows.map((r) => r.reporterPersonId).filter((x): x is string => !!x) } },
      select: { id: true, fullName: true },
    }),
    db.agency.findMany({
      where: { id: { in: rows.map((r) => r.agencyId).filter((x): x is string => !!x) } },
      select: { id: true, name: true },
    }),
  ]);
  const nameOf = new Map(people.map((p) => [p.id, p.fullName]));
  const agencyOf = new Map(agencies.map((a) => [a.id, a.name]));
  return {
    ...paging,
    total,
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      channel: r.channel,
      status: r.status,
      subject: r.subject,
      fromHeader: r.fromHeader,
      reporterEmail: r.reporterEmail,
      reporterName: r.reporterPersonId ? (nameOf.get(r.reporterPersonId) ?? null) : null,
      agencyName: r.agencyId ? (agencyOf.get(r.agencyId) ?? null) : null,
    })),
  };
}

/** One report of the queue (not a drill report), or null when it is not in the caller's scope. */
export async function getQueuedReport(actor: Actor, id: string) {
  const report = await db.suspiciousReport.findFirst({
    where: {
      AND: [{ id }, { status: { in: ["NEW", "REVIEWED"] } }, await scopeWhere(phishingReportScope(actor))],
    },
  });
  if (!report) return null;
  const [reporter, agency, reviewer] = await Promise.all([
    report.reporterPersonId
      ? db.person.findUnique({ where: { id: report.reporterPersonId }, select: { fullName: true } })
      : null,
    report.agencyId ? db.agency.findUnique({ where: { id: report.agencyId }, select: { name: true } }) : null,
    report.reviewedById
      ? db.user.findUnique({ where: { id: report.reviewedById }, select: { email: true } })
      : null,
  ]);
  return {
    ...report,
    reporterName: reporter?.fullName ?? null,
    agencyName: agency?.name ?? null,
    reviewedBy: reviewer?.email ?? null,
  };
}

/** Marks a NEW report of the caller's scope REVIEWED (audited). False when it is not there or not NEW. */
export async function markReportReviewed(actor: Actor, id: string, at: Date = new Date()): Promise<boolean> {
  const inScope = await scopeWhere(phishingReportScope(actor));
  return db.$transaction(async (tx) => {
    const report = await tx.suspiciousReport.findFirst({
      where: { AND: [{ id, status: "NEW" }, inScope] },
      select: { id: true, agencyId: true },
    });
    if (!report) return false;
    const { count } = await tx.suspiciousReport.updateMany({
      where: { id, status: "NEW" },
      data: { status: "REVIEWED", reviewedById: actor.userId, reviewedAt: at },
    });
    if (count !== 1) return false;
    await audit(
      {
        actorUserId: actor.userId,
        action: "phishing.report.reviewed",
        entityType: "SuspiciousReport",
        entityId: id,
        agencyId: report.agencyId,
      },
      tx,
    );
    return true;
  });
}
