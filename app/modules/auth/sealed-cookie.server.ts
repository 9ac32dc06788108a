// Short-lived secrets of the two-factor pages (a key being enrolled, recovery codes just generated) kept in
// a cookie sealed with AES-256-GCM under a key derived from the caller's session token. The database holds
// only the token's hash, so nobody but that browser's session can open the cookie, the servers stay
// stateless, and signing out or a new session makes the cookie useless.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { readCookie, SESSION_COOKIE, secureCookies } from "./session.server";

export type SealPurpose = "enrol" | "codes";
const COOKIE: Record<SealPurpose, string> = { enrol: "hoc_2fa_enrol", codes: "hoc_2fa_codes" };
const TTL_SECONDS = 15 * 60;

function keyFor(sessionToken: string, purpose: SealPurpose): Buffer {
  return createHash("sha256").update(`hoc-2fa:${purpose}:${sessionToken}`).digest();
}

function cookieHeader(name: string, value: string, maxAge: number): string {
  const parts = [`${name}=${value}`, "Path=/account", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

/** A Set-Cookie header holding `payload` for this session and user, or null without a session cookie. */
export function sealCookie(request: Request, purpose: SealPurpose, userId: string, payload: unknown) {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(token, purpose), iv);
  const body = JSON.stringify({ u: userId, e: Date.now() + TTL_SECONDS * 1000, d: payload });
  const sealed = Buffer.concat([cipher.update(body, "utf8"), cipher.final()]);
  const value = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
  return cookieHeader(COOKIE[purpose], value, TTL_SECONDS);
}

/** The payload sealed for this session and user, or null (absent, expired, tampered, another session). */
export function openCookie(request: Request, purpose: SealPurpose, userId: string): unknown {
  const token = readCookie(request, SESSION_COOKIE);
  const value = readCookie(request, COOKIE[purpose]);
  if (!token || !value) return null;
  try {
    const raw = Buffer.from(value, "base64url");
    if (raw.length < 29) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyFor(token, purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    const body = JSON.parse(text) as { u?: unknown; e?: unknown; d?: unknown };
    if (body.u !== userId || typeof body.e !== "number" || body.e < Date.now()) return null;
    return body.d ?? null;
  } catch {
    return null;
  }
}

export function clearSealedCookie(purpose: SealPurpose): string {
  return cookieHeader(COOKIE[purpose], "", 0);
}
