// The pure parts of TOTP two-factor (RFC 6238 through @oslojs/otp): 30-second steps, 6 digits, SHA-1 —
// what every authenticator app understands — and the recovery codes' format. No database here.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_KEY_BYTES = 20;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Học ATTT";

/** The 30-second step a moment falls in (the HOTP counter of TOTP). */
export function totpStep(nowMs: number = Date.now()): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(TOTP_KEY_BYTES);
  crypto.getRandomValues(key);
  return key;
}

/** The code of one step (tests and the e2e harness compute codes with this too). */
export function totpCodeAt(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), TOTP_DIGITS);
}

function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * The step whose code this is, allowing one step of clock drift either way, or null. The caller refuses a
 * step it has already accepted once (no reuse of a code within its window).
 */
export function matchingStep(key: Uint8Array, code: string, nowMs: number = Date.now()): number | null {
  const otp = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(otp)) return null;
  const now = totpStep(nowMs);
  for (const step of [now, now - 1, now + 1]) if (sameString(totpCodeAt(key, step), otp)) return step;
  return null;
}

/** Whether what the person typed looks like an authenticator code (else it is tried as a recovery code). */
export function isTotpCode(input: string): boolean {
  return /^\d{6}$/.test(input.replace(/\s+/g, ""));
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpKeyUri(accountName: string, key: Uint8Array): string {
  return createTOTPKeyURI(ISSUER, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The key as base32 in groups of four, for typing it into an app by hand. */
export function formatSecret(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
}

// Recovery codes: 10 letters/digits from an alphabet without look-alikes (no 0/o, 1/l/i), shown as xxxxx-xxxxx.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes: string[] = [];
  for (let n = 0; n < count; n++) {
    const bytes = new Uint8Array(10);
    crypto.getRandomValues(bytes);
    // 256 is not a multiple of the alphabet's 31 letters: the tiny bias costs far less than 1 bit of 49.
    const chars = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
    codes.push(`${chars.slice(0, 5)}-${chars.slice(5)}`);
  }
  return codes;
}

/** A recovery code as typed (any case, spaces or dashes) reduced to the form that is hashed. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, "");
}

export function hashRecoveryCode(input: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalizeRecoveryCode(input))));
}
