// The step every sign-in method ends with: a session for the account, then either the page the person was
// going to, or the second-factor step when their roles require one (the session stays "pending" until then).
import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/enums";
import { db } from "~/db.server";
import { safeRedirect } from "~/utils/forms";
import { getAuthConfig } from "./config.server";
import { createSession, sessionCookie } from "./session.server";

export type SignInMeta = { ip: string; userAgent?: string };

export type SignInOptions = {
  /** password | ldap:<id> | oidc:<id> | magic | invite | reset */
  method: string;
  meta: SignInMeta;
  returnTo?: string | null;
  /** The identity provider vouched for a second factor (OIDC amr/acr, when the setting accepts it). */
  providerMfa?: boolean;
  idToken?: string;
};

/** Whether these roles must use a second factor under the deployment's setting. */
export function secondFactorRequired(roles: Role[]): boolean {
  const required = getAuthConfig().twoFactor.requiredForRoles;
  return roles.some((r) => required.includes(r));
}

/** Where a signed-in person lands by default. */
export function defaultHome(roles: Role[]): string {
  return roles.includes("ADMIN")
    ? "/admin"
    : roles.includes("COORDINATOR")
      ? "/people"
      : roles.includes("PHISHING_MANAGER")
        ? "/phishing"
        : roles.includes("REVIEWER")
          ? "/reports"
          : "/learn";
}

/** Creates the session and answers with the redirect (and its cookie) that finishes signing in. */
export async function completeSignIn(userId: string, options: SignInOptions): Promise<Response> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    include: { grants: { select: { role: true } } },
  });
  const roles = user.grants.map((g) => g.role);
  const needsSecondFactor =
    !options.providerMfa && (user.totpEnabledAt !== null || secondFactorRequired(roles));
  const { token, expiresAt } = await createSession(user.id, {
    ipAddress: options.meta.ip,
    userAgent: options.meta.userAgent,
    method: options.method,
    pendingSecondFactor: needsSecondFactor,
    idToken: options.idToken,
  });
  const target = safeRedirect(options.returnTo, "") || defaultHome(roles);
  let next = target;
  if (needsSecondFactor) {
    const step = user.totpEnabledAt ? "/account/two-factor/verify" : "/account/two-factor/setup";
    next = `${step}?redirectTo=${encodeURIComponent(target)}`;
  } else {
    await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    if (user.mustChangePassword) next = "/account/password";
  }
  return redirect(next, { headers: { "Set-Cookie": sessionCookie(token, expiresAt) } });
}
