// Reading the audit log (admin only): newest first, filtered by the start of the action's name.
import { db } from "~/db.server";
import { type Paged, type PageRequest, pageSlice } from "~/utils/paging";

export type AuditLogRow = {
  id: string;
  createdAt: string;
  /** The acting account's email; null for the system (jobs, imports run by scripts). */
  actor: string | null;
  action: string;
  entity: string;
  data: string;
};

export async function listAuditEvents({
  action,
  ...paging
}: { action: string } & PageRequest): Promise<Paged<AuditLogRow>> {
  const where = action ? { action: { startsWith: action } } : {};
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: { id: "desc" }, ...pageSlice(paging) }),
  ]);
  const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((x): x is string => !!x))];
  const actors = await db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(actors.map((a) => [a.id, a.email]));
  return {
    ...paging,
    total,
    rows: events.map((e) => ({
      id: String(e.id),
      createdAt: e.createdAt.toISOString(),
      actor: e.actorUserId ? (emailOf.get(e.actorUserId) ?? e.actorUserId) : null,
      action: e.action,
      entity: `${e.entityType}${e.entityId ? ` ${e.entityId.slice(0, 8)}` : ""}`,
      data: JSON.stringify(e.data),
    })),
  };
}

/** The administration home page's counts. */
export async function adminOverview() {
  const [agencies, people, users, sessions] = await Promise.all([
    db.agency.count({ where: { active: true } }),
    db.person.count({ where: { active: true } }),
    db.user.count(),
    db.session.count({ where: { expiresAt: { gt: new Date() } } }),
  ]);
  return { agencies, people, users, sessions };
}
