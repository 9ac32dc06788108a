// Lucia's session scheme (https://lucia-auth.com/sessions/basic) on @oslojs: the cookie holds a random
// token, the database holds only its SHA-256, sessions slide to 30 days and can be revoked.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { db } from "~/db.server";
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
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
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

export async function validateSessionToken(token: string): Promise<ValidSession | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const id = sessionIdFromToken(token);
  const session = await db.session.findUnique({ where: { id } });
  if (!session) return null;
  const now = Date.now();
  if (now >= session.expiresAt.getTime()) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  // Slide the expiry once the session is past half its life, so active users stay signed in.
  if (now >= session.expiresAt.getTime() - SESSION_TTL_MS / 2) {
    const expiresAt = new Date(now + SESSION_TTL_MS);
    await db.session.update({ where: { id }, data: { expiresAt } });
    return {
      id,
      userId: session.userId,
      expiresAt,
      refreshed: true,
      pendingSecondFactor: session.pendingSecondFactor,
      lastSeenAt: session.lastSeenAt,
      createdAt: session.createdAt,
    };
  }
  return {
    id,
    userId: session.userId,
    expiresAt: session.expiresAt,
    refreshed: false,
    pendingSecondFactor: session.pendingSecondFactor,
    lastSeenAt: session.lastSeenAt,
    createdAt: session.createdAt,
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
