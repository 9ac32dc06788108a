// Sign-in with the official mail directory (Zimbra, Exchange/Active Directory…) by an LDAP bind (ldapts):
// the service account finds the one entry for the typed email, then the typed password is checked by binding
// as that entry. The password never touches our database; the entry's DN is linked to the person's account.
import { readFileSync } from "node:fs";
import type { ConnectionOptions } from "node:tls";
import { Client, type Entry, ResultCodeError } from "ldapts";
import { linkExternalIdentity } from "./accounts.server";
import type { LdapDirectoryConfig } from "./config.server";
import { isPlainEmail, searchFilterFor } from "./ldap-filter";
import { isLoginThrottled, recordLoginAttempt } from "./rate-limit.server";

export type LdapResult =
  | { ok: true; dn: string; email: string | null; staffCode: string | null }
  | { ok: false; reason: "invalid" | "unreachable" };

/** The directory answered but could not be used (down, timed out, TLS refused, service account refused). */
class Unreachable extends Error {}

function values(entry: Entry, attribute: string | undefined): string[] {
  if (!attribute) return [];
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const raw = key ? entry[key] : undefined;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString("utf8") : String(v)).trim()).filter(Boolean);
}

function tlsOptions(directory: LdapDirectoryConfig): ConnectionOptions {
  let ca: Buffer | undefined;
  if (directory.caFile) {
    try {
      ca = readFileSync(directory.caFile);
    } catch (error) {
      throw new Unreachable(`caFile ${directory.caFile}: ${(error as Error).message}`);
    }
  }
  return { ca, rejectUnauthorized: directory.rejectUnauthorized, minVersion: "TLSv1.2" };
}

function log(directory: LdapDirectoryConfig, step: string, error: unknown) {
  const e = error as { name?: string; code?: unknown; message?: string };
  const what =
    e instanceof ResultCodeError ? `${e.name} (code ${String(e.code)})` : (e?.message ?? String(error));
  console.warn(`[ldap:${directory.id}] ${step}: ${what}`);
}

/**
 * Finds the entry for this email under the search base and binds as it with the password.
 * "invalid" = no such entry, several entries, or the directory refused the password (never says which);
 * "unreachable" = the directory could not be asked (down, timeout, TLS, service account, bad base).
 */
export async function ldapAuthenticate(
  directory: LdapDirectoryConfig,
  email: string,
  password: string,
): Promise<LdapResult> {
  const address = email.trim().toLowerCase();
  // An empty password would be an "unauthenticated bind", which some directories answer with success.
  if (!isPlainEmail(address) || password.length === 0) return { ok: false, reason: "invalid" };

  const url = new URL(directory.url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let client: Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const work = async (): Promise<LdapResult> => {
    const tls = tlsOptions(directory);
    client = new Client({
      url: directory.url,
      timeout: directory.timeoutMs,
      connectTimeout: directory.timeoutMs,
      // ldapts speaks TLS from the first byte whenever tlsOptions is set, so only for ldaps://.
      tlsOptions: url.protocol === "ldaps:" ? tls : undefined,
    });
    let entries: Entry[];
    try {
      if (directory.startTls && url.protocol === "ldap:") await client.startTLS({ ...tls, host });
      if (directory.bindDn) {
        if (!directory.bindPassword)
          throw new Error("bindDn without bindPassword (checkAuthConfig refuses it)");
        await client.bind(directory.bindDn, directory.bindPassword);
      }
      const attributes = [directory.emailAttribute];
      if (directory.staffCodeAttribute) attributes.push(directory.staffCodeAttribute);
      ({ searchEntries: entries } = await client.search(directory.searchBase, {
        scope: "sub",
        filter: searchFilterFor(directory.searchFilter, address),
        attributes,
        sizeLimit: 2,
      }));
    } catch (error) {
      log(directory, "lookup", error);
      throw new Unreachable();
    }
    // Exactly one entry: none is an unknown address, two would make the password pick the account.
    if (entries.length !== 1) return { ok: false, reason: "invalid" };
    const entry = entries[0];
    try {
      await client.bind(entry.dn, password);
    } catch (error) {
      // A result code is the directory's answer (wrong password, locked, expired); anything else is transport.
      if (error instanceof ResultCodeError) return { ok: false, reason: "invalid" };
      log(directory, "bind", error);
      throw new Unreachable();
    }
    const mails = values(entry, directory.emailAttribute).map((m) => m.toLowerCase());
    return {
      ok: true,
      dn: entry.dn,
      email: mails.includes(address) ? address : (mails[0] ?? null),
      staffCode: values(entry, directory.staffCodeAttribute)[0] ?? null,
    };
  };
  // Each operation has timeoutMs; the whole exchange (connect, StartTLS, two binds, a search) gets three.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Unreachable("deadline")), directory.timeoutMs * 3);
  });
  try {
    return await Promise.race([work(), deadline]);
  } catch (error) {
    // The search step has logged its own cause; log the rest (deadline, unreadable caFile, a bug).
    if (!(error instanceof Unreachable) || error.message) log(directory, "connect", error);
    return { ok: false, reason: "unreachable" };
  } finally {
    clearTimeout(timer);
    const open = client as Client | undefined;
    void open?.unbind().catch(() => undefined);
  }
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
  const address = email.trim().toLowerCase();
  if (await isLoginThrottled(address, meta.ip)) return { ok: false, reason: "throttled" };
  const result = await ldapAuthenticate(directory, address, password);
  // A directory that cannot be asked is not the person's failed guess: it does not count towards the limit.
  if (!result.ok && result.reason === "unreachable") return result;
  await recordLoginAttempt(address, meta.ip, result.ok);
  if (!result.ok) return result;
  const linked = await linkExternalIdentity(directory, `ldap:${directory.id}`, result.dn, {
    email: result.email,
    staffCode: result.staffCode,
  });
  if (linked.ok) return { ok: true, userId: linked.userId };
  return { ok: false, reason: linked.reason === "inactive" ? "inactive" : "unknown" };
}
