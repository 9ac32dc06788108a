// "Phiên đăng nhập": a person's own sessions (list, end one, end the others), an admin ending every session of
// an account, and the session/link clean-up when a person is deactivated. Every write is scoped by the user id
// the guard established, never by an id from the form alone.
import { z } from "zod";
import { db, type Tx } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/errors";
import { type DeviceKind, parseUserAgent } from "./user-agent";

/** lastSeenAt is written at most this often per session (a conditional update, not a write per request). */
export const LAST_SEEN_EVERY_MS = 60_000;

export type SessionMethod = "password" | "directory" | "sso" | "emailLink";

/** password | ldap:<id> | oidc:<id> | magic | invite | reset → what the person recognises. */
export function methodOf(method: string): SessionMethod {
  if (method.startsWith("ldap:")) return "directory";
  if (method.startsWith("oidc:")) return "sso";
  if (method === "magic" || method === "invite" || method === "reset") return "emailLink";
  return "password";
}

export type SessionRow = {
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  kind: DeviceKind;
  ipAddress: string | null;
  method: SessionMethod;
  createdAt: Date;
  lastSeenAt: Date;
  pendingSecondFactor: boolean;
};

/** The user's live sessions, the current one first, then the most recently seen. */
export async function listSessions(userId: string, currentSessionId: string | null): Promise<SessionRow[]> {
  const rows = await db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    select: {
      id: true,
      userAgent: true,
      ipAddress: true,
      method: true,
      createdAt: true,
      lastSeenAt: true,
      pendingSecondFactor: true,
    },
  });
  return rows
    .map((s) => ({
      id: s.id,
      current: s.id === currentSessionId,
      ...parseUserAgent(s.userAgent),
      ipAddress: s.ipAddress && s.ipAddress !== "unknown" ? s.ipAddress : null,
      method: methodOf(s.method),
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      pendingSecondFactor: s.pendingSecondFactor,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Marks the session seen, unless it already was within the last minute. */
export async function touchSession(
  session: { id: string; lastSeenAt: Date },
  now: Date = new Date(),
): Promise<void> {
  const since = new Date(now.getTime() - LAST_SEEN_EVERY_MS);
  if (session.lastSeenAt > since) return;
  // The condition is repeated in the WHERE so concurrent requests of one session write once between them.
  await db.session.updateMany({
    where: { id: session.id, lastSeenAt: { lte: since } },
    data: { lastSeenAt: now },
  });
}

export const sessionIntentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("end"),
    sessionId: z.string({ error: "sessions.idInvalid" }).regex(/^[0-9a-f]{64}$/, "sessions.idInvalid"),
  }),
  z.object({ intent: z.literal("endOthers") }),
]);
export type SessionIntent = z.infer<typeof sessionIntentSchema>;

/** Ends one of the caller's own sessions; someone else's id is "not found", exactly like a missing one. */
export async function endOwnSession(userId: string, sessionId: string): Promise<void> {
  const { count } = await db.session.deleteMany({ where: { id: sessionId, userId } });
  if (count === 0) throw new DomainError("sessions.notFound", { status: 404 });
}

/** Ends every session of the caller but the current one; returns how many ended. */
export async function endOtherSessions(userId: string, currentSessionId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { userId, id: { not: currentSessionId } } });
    if (count)
      await audit(
        {
          actorUserId: userId,
          action: "user.sessions.endOthers",
          entityType: "User",
          entityId: userId,
          data: { count },
        },
        tx,
      );
    return count;
  });
}

export const endAllSchema = z.object({
  intent: z.literal("endAll"),
  userId: z.uuid({ error: "sessions.userInvalid" }),
});

/** Admin: ends every session of an account (audited `user.sessions.end`); returns how many ended. */
export async function endAllSessions(actorUserId: string, userId: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) throw new DomainError("sessions.userNotFound", { status: 404 });
    const { count } = await tx.session.deleteMany({ where: { userId } });
    await audit(
      { actorUserId, action: "user.sessions.end", entityType: "User", entityId: userId, data: { count } },
      tx,
    );
    return count;
  });
}

/** Admin: an account's email, name and sessions, for the confirmation page. */
export async function accountSessions(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, person: { select: { fullName: true } } },
  });
  if (!user) throw new DomainError("sessions.userNotFound", { status: 404 });
  return {
    user: { id: user.id, email: user.email, fullName: user.person?.fullName ?? null },
    sessions: await listSessions(user.id, null),
  };
}

/**
 * Deactivated people: their account's sessions end and their live emailed links (invitation, reset, magic)
 * are revoked, inside the caller's transaction (the one that deactivates them).
 */
export async function endAccessForPeople(tx: Tx, personIds: string[], now: Date = new Date()) {
  if (!personIds.length) return { sessions: 0, tokens: 0 };
  const sessions = await tx.session.deleteMany({ where: { user: { personId: { in: personIds } } } });
  const tokens = await tx.authToken.updateMany({
    where: { personId: { in: personIds }, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  return { sessions: sessions.count, tokens: tokens.count };
}
