// Lucia's session scheme (https://lucia-auth.com/sessions/basic) on @oslojs: the cookie holds a random
// token, the database holds only its SHA-256, sessions slide to 30 days and can be revoked.
import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { db } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import { getEnv } from "~/env.server";

export const SESSION_COOKIE = "hoc_session";
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  // node:crypto's hash, not @oslojs' (the same hex digest): every request hashes its cookie, and the pure-JS
  // SHA-256 cost a percent of a page's CPU.
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export async function createSession(
  userId: string,
  meta: {
    ipAddress?: string;
    userAgent?: string;
    method?: string;
    pendingSecondFactor?: boolean;
    idToken?: string;
  } = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.session.create({
    data: {
      id: sessionIdFromToken(token),
      userId,
      expiresAt,
      ipAddress: meta.ipAddress?.slice(0, 64),
      userAgent: meta.userAgent?.slice(0, 256),
      method: meta.method ?? "password",
      pendingSecondFactor: meta.pendingSecondFactor ?? false,
      idToken: meta.idToken,
    },
  });
  return { token, expiresAt };
}

export type ValidSession = {
  id: string;
  userId: string;
  expiresAt: Date;
  refreshed: boolean;
  pendingSecondFactor: boolean;
  lastSeenAt: Date;
  createdAt: Date;
};

type SessionRow = {
  userId: string;
  expiresAt: Date;
  pendingSecondFactor: boolean;
  lastSeenAt: Date;
  createdAt: Date;
};

/** The session with this id as the guard may use it: expired ones are deleted, old ones slide (a write). */
async function liveSession(id: string, session: SessionRow): Promise<ValidSession | null> {
  const now = Date.now();
  if (now >= session.expiresAt.getTime()) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  // Slide the expiry once the session is past half its life, so active users stay signed in.
  const refreshed = now >= session.expiresAt.getTime() - SESSION_TTL_MS / 2;
  const expiresAt = refreshed ? new Date(now + SESSION_TTL_MS) : session.expiresAt;
  if (refreshed) await db.session.update({ where: { id }, data: { expiresAt } });
  return {
    id,
    userId: session.userId,
    expiresAt,
    refreshed,
    pendingSecondFactor: session.pendingSecondFactor,
    lastSeenAt: session.lastSeenAt,
    createdAt: session.createdAt,
  };
}

export async function validateSessionToken(token: string): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sessionIdFromToken(token);
  const session = await db.session.findUnique({ where: { id } });
  return session ? liveSession(id, session) : null;
}

/** What the guards need about the caller, read with the session in one round trip (sessionWithUser). */
export type SessionUser = {
  email: string;
  mustChangePassword: boolean;
  locale: string;
  totpEnabled: boolean;
  person: { id: string; fullName: string; active: boolean } | null;
  /** Grants whose agency is active (or that have none). */
  grants: { role: Role; agencyId: string | null; agencyPath: string | null }[];
  /** The person's unread notifications (the header's badge), null without a person. */
  unread: number | null;
};

type SessionUserRow = SessionRow & {
  email: string;
  mustChangePassword: boolean;
  locale: string;
  totpEnabled: boolean;
  personId: string | null;
  fullName: string | null;
  personActive: boolean | null;
  grants: SessionUser["grants"];
  unread: number | null;
};

/**
 * validateSessionToken and the caller's account, person, grants and unread count in ONE query: the guard
 * runs on every page, and five Prisma queries (session, user, person, grants, agencies) plus the header's
 * count cost more CPU than most pages' own data. Nothing is cached: a revoked session, a removed grant or a
 * deactivated person is seen by the very next request, in every process.
 */
export async function sessionWithUser(
  token: string,
): Promise<{ session: ValidSession; user: SessionUser } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sessionIdFromToken(token);
  const rows = await db.$queryRaw<SessionUserRow[]>`
    SELECT s."userId", s."expiresAt", s."createdAt", s."lastSeenAt", s."pendingSecondFactor",
           u.email, u."mustChangePassword", u.locale, u."totpEnabledAt" IS NOT NULL AS "totpEnabled",
           p.id AS "personId", p."fullName", p.active AS "personActive",
           COALESCE((
             SELECT json_agg(json_build_object('role', g.role, 'agencyId', g."agencyId", 'agencyPath', a.path)
                             ORDER BY g."createdAt", g.id)
             FROM "RoleGrant" g LEFT JOIN "Agency" a ON a.id = g."agencyId"
             WHERE g."userId" = u.id AND (g."agencyId" IS NULL OR a.active)
           ), '[]'::json) AS grants,
           CASE WHEN p.id IS NULL THEN NULL ELSE (
             SELECT count(*)::int FROM "Notification" n WHERE n."personId" = p.id AND n."readAt" IS NULL
           ) END AS unread
    FROM "Session" s JOIN "User" u ON u.id = s."userId" LEFT JOIN "Person" p ON p.id = u."personId"
    WHERE s.id = ${id}`;
  const row = rows[0];
  if (!row) return null;
  const session = await liveSession(id, row);
  if (!session) return null;
  return {
    session,
    user: {
      email: row.email,
      mustChangePassword: row.mustChangePassword,
      locale: row.locale,
      totpEnabled: row.totpEnabled,
      person: row.personId
        ? { id: row.personId, fullName: row.fullName ?? "", active: row.personActive === true }
        : null,
      grants: row.grants,
      unread: row.unread,
    },
  };
}

export async function invalidateSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

export async function invalidateUserSessions(userId: string, exceptSessionId?: string): Promise<void> {
  await db.session.deleteMany({
    where: { userId, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
  });
}

export function secureCookies(): boolean {
  const env = getEnv();
  if (env.SECURE_COOKIES) return env.SECURE_COOKIES === "true";
  return env.NODE_ENV === "production";
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function blankSessionCookie(): string {
  const parts = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}
