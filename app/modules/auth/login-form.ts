// The login form, shared by the page (conform's client validation, the live hint under the email) and the
// action. Pure: the browser gets the public part of the sign-in configuration (which mail domain signs in
// where, the providers' display names) and nothing else.
import { z } from "zod";
import type { AuthConfig } from "./config.server";

export const loginFormSchema = z.object({
  email: z.string({ error: "people.emailRequired" }).trim().toLowerCase().email("people.emailInvalid"),
  // Not required here: an email bound to single sign-on needs none; the action asks for it where it does.
  password: z.string().max(200, "auth.passwordTooLong").default(""),
  redirectTo: z.string().optional(),
});

/** One mail domain and where its addresses sign in. */
export type DomainBinding = { domain: string; kind: "oidc" | "ldap"; id: string; name: string };

/**
 * Every bound mail domain, in the order resolveLoginMethod tries them (config.methods, then each kind's
 * providers in file order), so the first match here is the method the action will use.
 */
export function domainBindings(config: Pick<AuthConfig, "methods" | "oidc" | "ldap">): DomainBinding[] {
  const out: DomainBinding[] = [];
  for (const kind of config.methods) {
    if (kind === "password") continue;
    for (const p of config[kind])
      for (const domain of p.emailDomains) out.push({ domain, kind, id: p.id, name: p.name });
  }
  return out;
}

/** The binding a typed email falls under (its domain or a subdomain of a bound one), or null: a password. */
export function bindingForEmail(email: string, bindings: DomainBinding[]): DomainBinding | null {
  const at = email.lastIndexOf("@");
  if (at < 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  if (!domain) return null;
  // The most specific bound domain wins, as on the server; on a tie, the first in the configured order.
  let best: DomainBinding | null = null;
  for (const b of bindings) {
    if (
      (domain === b.domain || domain.endsWith(`.${b.domain}`)) &&
      (!best || b.domain.length > best.domain.length)
    )
      best = b;
  }
  return best;
}

/** Notices the login page shows when another page sends the reader here (`/login?notice=…`). */
export const LOGIN_NOTICES = ["reset", "invited", "logged-out", "link-used"] as const;
export type LoginNotice = (typeof LOGIN_NOTICES)[number];

export function loginNotice(value: string | null): LoginNotice | null {
  return (LOGIN_NOTICES as readonly string[]).includes(value ?? "") ? (value as LoginNotice) : null;
}
