// What the two-factor pages need besides the rules: the key being enrolled and the recovery codes just
// generated, each kept for a few minutes in a cookie sealed for the caller's session, and the QR code.
import QRCode from "qrcode";
import { redirect } from "@remix-run/node";
import { db } from "~/db.server";
import { safeRedirect } from "~/utils/forms";
import { getAuth, getPendingSession } from "./guards.server";
import { defaultHome } from "./sign-in.server";
import { clearSealedCookie, openCookie, sealCookie } from "./sealed-cookie.server";
import { formatSecret, generateTotpKey, TOTP_KEY_BYTES, totpKeyUri } from "./two-factor";

/** Who is on a two-factor page: a sign-in waiting for its second factor, or a signed-in person. */
export type TwoFactorCaller = { userId: string; sessionId: string; pending: boolean };

export async function requireTwoFactorCaller(request: Request): Promise<TwoFactorCaller> {
  const pending = await getPendingSession(request);
  if (pending) return { ...pending, pending: true };
  const auth = await getAuth(request);
  if (!auth) throw redirect("/login");
  return { userId: auth.actor.userId, sessionId: auth.sessionId, pending: false };
}

/** The key this session is enrolling (the same one on every reload), and the cookie to keep it when new. */
export function enrolmentKey(
  request: Request,
  userId: string,
): { key: Uint8Array; setCookie: string | null } {
  const existing = enrolmentKeyFromCookie(request, userId);
  if (existing) return { key: existing, setCookie: null };
  const key = generateTotpKey();
  return { key, setCookie: sealCookie(request, "enrol", userId, Buffer.from(key).toString("base64")) };
}

export function enrolmentKeyFromCookie(request: Request, userId: string): Uint8Array | null {
  const sealed = openCookie(request, "enrol", userId);
  if (typeof sealed !== "string") return null;
  const key = new Uint8Array(Buffer.from(sealed, "base64"));
  return key.length === TOTP_KEY_BYTES ? key : null;
}

export async function enrolmentView(accountName: string, key: Uint8Array) {
  const uri = totpKeyUri(accountName, key);
  const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return {
    qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    secret: formatSecret(key),
  };
}

/** Headers after new recovery codes: the enrolment key's cookie goes, the codes are kept to be shown once. */
export function recoveryCodesHeaders(request: Request, userId: string, codes: string[]): Headers {
  const headers = new Headers();
  headers.append("Set-Cookie", clearSealedCookie("enrol"));
  const sealed = sealCookie(request, "codes", userId, codes);
  if (sealed) headers.append("Set-Cookie", sealed);
  return headers;
}

export function recoveryCodesFromCookie(request: Request, userId: string): string[] | null {
  const sealed = openCookie(request, "codes", userId);
  return Array.isArray(sealed) && sealed.every((c) => typeof c === "string") ? sealed : null;
}

export const forgetRecoveryCodes = () => clearSealedCookie("codes");

/** The page a finished second step continues to: the password change when one is due, else `redirectTo`. */
export async function landingAfterSecondFactor(userId: string, redirectTo: unknown): Promise<string> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { mustChangePassword: true, grants: { select: { role: true } } },
  });
  if (user.mustChangePassword) return "/account/password";
  return safeRedirect(redirectTo, "") || defaultHome(user.grants.map((g) => g.role));
}
