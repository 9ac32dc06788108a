// The audit log: who changed what. Written inside the caller's transaction when one is given.
import { db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";

export type AuditInput = {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  agencyId?: string | null;
  data?: Prisma.InputJsonValue;
};

export async function audit(event: AuditInput, tx?: Tx): Promise<void> {
  await (tx ?? db).auditEvent.create({
    data: {
      actorUserId: event.actorUserId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      agencyId: event.agencyId ?? null,
      data: event.data ?? {},
    },
  });
}
