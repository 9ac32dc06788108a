// Per-recipient link tokens: the recipient's id and an HMAC of it under the installation's key, so a
// tracking request is checked without a database read and a guessed or altered token is refused at once.
// Token = base64url(16-byte uuid ‖ first 12 bytes of HMAC-SHA256(key, "hoc-phish:" ‖ uuid)), 38 characters.
import { createHmac, timingSafeEqual } from "node:crypto";
import { db, forgetOnClose } from "~/db.server";

const MAC_BYTES = 12;
let cachedKey: Promise<Buffer> | null = null;
forgetOnClose(() => {
  cachedKey = null;
});

/** The key (PhishingSettings.tokenKey, made by the migration); read once per process. */
export function tokenKey(): Promise<Buffer> {
  cachedKey ??= db.phishingSettings
    .findUniqueOrThrow({ where: { id: 1 }, select: { tokenKey: true } })
    .then((s) => Buffer.from(s.tokenKey))
    .catch((error: unknown) => {
      cachedKey = null;
      throw error;
    });
  return cachedKey;
}

function uuidBytes(id: string): Buffer | null {
  const hex = id.replace(/-/g, "");
  return /^[0-9a-f]{32}$/i.test(hex) ? Buffer.from(hex, "hex") : null;
}

function bytesUuid(b: Buffer): string {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function mac(key: Buffer, id: Buffer): Buffer {
  return createHmac("sha256", key).update("hoc-phish:").update(id).digest().subarray(0, MAC_BYTES);
}

/** The token for a recipient id, given the key (pure: tests and the planner call it in bulk). */
export function signWithKey(key: Buffer, recipientId: string): string {
  const id = uuidBytes(recipientId);
  if (!id) throw new Error(`not a uuid: ${recipientId}`);
  return Buffer.concat([id, mac(key, id)]).toString("base64url");
}

/** The recipient id a token names, or null when it is malformed or its MAC does not match. */
export function verifyWithKey(key: Buffer, token: string): string | null {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{38}$/.test(token)) return null;
  const raw = Buffer.from(token, "base64url");
  if (raw.length !== 16 + MAC_BYTES) return null;
  const id = raw.subarray(0, 16);
  return timingSafeEqual(raw.subarray(16), mac(key, id)) ? bytesUuid(id) : null;
}

export async function signToken(recipientId: string): Promise<string> {
  return signWithKey(await tokenKey(), recipientId);
}

export async function verifyToken(token: string): Promise<string | null> {
  return verifyWithKey(await tokenKey(), token);
}

/** Finds drill tokens in any text (a forwarded message, pasted headers): link paths and the drill header. */
export const TOKEN_IN_TEXT = /(?:\/t\/[ocslr]\/|X-Hoc-ATTT-Drill:\s*)([A-Za-z0-9_-]{38})/gi;

export async function tokensIn(text: string): Promise<string[]> {
  const key = await tokenKey();
  const ids = new Set<string>();
  for (const m of text.matchAll(TOKEN_IN_TEXT)) {
    const id = verifyWithKey(key, m[1]);
    if (id) ids.add(id);
  }
  return [...ids];
}
