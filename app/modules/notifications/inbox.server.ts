// The learner's in-app notifications ("Thông báo"): list, unread count, mark read. Always by the caller's
// own personId; someone else's notification id behaves as if it did not exist.
import { db } from "~/db.server";
import { type PageRequest, pageSlice } from "~/utils/paging";
import { isUuid } from "~/utils/uuid";

export const INBOX_PAGE_SIZE = 20;

export async function unreadCount(personId: string): Promise<number> {
  return db.notification.count({ where: { personId, readAt: null } });
}

/** One page of the caller's inbox, newest first; `unreadOnly` leaves out what was read. */
export async function listNotifications({
  personId,
  unreadOnly,
  ...paging
}: { personId: string; unreadOnly: boolean } & PageRequest) {
  const where = { personId, ...(unreadOnly ? { readAt: null } : {}) };
  const [total, rows] = await Promise.all([
    db.notification.count({ where }),
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...pageSlice(paging),
      select: { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true },
    }),
  ]);
  return { ...paging, total, rows: rows.map((n) => ({ ...n, link: safeLink(n.link) })) };
}

/** Marks one of the caller's notifications read; returns where to go next (its in-app link), or null. */
export async function openNotification(
  personId: string,
  id: string,
): Promise<{ link: string | null } | null> {
  if (!isUuid(id)) return null;
  const n = await db.notification.findFirst({ where: { id, personId }, select: { id: true, link: true } });
  if (!n) return null;
  await db.notification.updateMany({ where: { id: n.id, readAt: null }, data: { readAt: new Date() } });
  return { link: safeLink(n.link) };
}

export async function markAllRead(personId: string): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { personId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}

/** Only same-site paths are followed, so a stored link can never send anyone elsewhere. */
export function safeLink(link: string | null): string | null {
  return link && link.startsWith("/") && !link.startsWith("//") && !link.includes("\\") ? link : null;
}
