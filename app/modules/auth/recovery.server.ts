// Self-service recovery (issue 11 §3): "Quên mật khẩu" reset links and, where the deployment enables it,
// sign-in links for learners. A request for a link always gets the same answer, and as fast for an unknown
// address as for a known one: the request only counts itself against the rate limits and returns; looking
// the address up, issuing the token and queueing the email happen after the answer, off the request's path
// (`later`, one job at a time). Nothing on the answer depends on whether the address exists.
import { db } from "~/db.server";
import type { Role } from "~/generated/prisma/enums";
import { type Locale, type MessageKey, type MessageParams, translate } from "~/i18n";
import { audit } from "~/modules/audit/audit.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { type AuthConfig, getAuthConfig, resolveLoginMethod } from "./config.server";
import { hashPassword } from "./password.server";
import { type TokenCheck, checkToken, consumeToken, hashToken, issueToken } from "./tokens.server";

export const REQUEST_WINDOW_MS = 60 * 60 * 1000;
/** Links sent to one address per hour, per purpose: a mailbox cannot be flooded from the form. */
export const MAX_LINKS_PER_ADDRESS = 3;
/** Requests accepted from one IP per hour, per purpose: one machine cannot probe or spam many addresses. */
export const MAX_REQUESTS_PER_IP = 20;

export type LinkPurpose = "reset" | "magic";
export type LinkRefusal = Extract<TokenCheck, { ok: false }>["reason"];
type RequestMeta = { ip: string; baseUrl: string; now?: Date };

const KEYS: Record<LinkPurpose, { address: string; ip: string }> = {
  reset: { address: "reset:", ip: "resetip:" },
  magic: { address: "magic:", ip: "magicip:" },
};

/**
 * Counts this request in the rate-limit log (LoginAttempt, `reset:<email>` / `resetip:<ip>` and
 * `magic:…` / `magicip:…`) and says whether it may go on. Only accepted requests count towards the limits,
 * so "3 per address" means at most 3 emails an hour; a refused one is logged (success = false) for the record.
 */
async function admit(purpose: LinkPurpose, address: string, ip: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - REQUEST_WINDOW_MS);
  const addressKey = KEYS[purpose].address + address;
  const ipKey = KEYS[purpose].ip + ip;
  const [byAddress, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { key: addressKey, success: true, createdAt: { gt: since } } }),
    db.loginAttempt.count({ where: { key: ipKey, success: true, createdAt: { gt: since } } }),
  ]);
  const ok = byAddress < MAX_LINKS_PER_ADDRESS && byIp < MAX_REQUESTS_PER_IP;
  await db.loginAttempt.createMany({
    data: [
      { key: addressKey, success: ok, createdAt: now },
      { key: ipKey, success: ok, createdAt: now },
    ],
  });
  return ok;
}

// Work done after the answer, one job at a time (bounded load, whatever the request rate).
let queue: Promise<void> = Promise.resolve();
function later(job: () => Promise<void>): void {
  // setImmediate: the job starts once the answer has gone out, not in the microtasks of the request.
  queue = queue
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(job)
    .catch((error: unknown) => {
      console.error("recovery: a link request failed after its answer:", error);
    });
}

/** Resolves once every queued link request has been handled (tests; a graceful shutdown). */
export async function recoveryWorkSettled(): Promise<void> {
  let seen: Promise<void>;
  do {
    seen = queue;
    await seen;
  } while (seen !== queue);
}

const normalize = (email: string) => email.trim().toLowerCase();

/** "Quên mật khẩu": queues a reset link for this address when it may have one; the caller answers the same always. */
export async function requestPasswordReset(email: string, meta: RequestMeta): Promise<void> {
  const address = normalize(email);
  const now = meta.now ?? new Date();
  if (await admit("reset", address, meta.ip, now)) later(() => sendResetLink(address, meta.baseUrl, now));
}

/** A sign-in link by email, for learners; only call when config.magicLink.enabled. */
export async function requestMagicLink(email: string, meta: RequestMeta): Promise<void> {
  const address = normalize(email);
  const now = meta.now ?? new Date();
  if (await admit("magic", address, meta.ip, now)) later(() => sendMagicLink(address, meta.baseUrl, now));
}

type Recipient = { id: string; email: string; fullName: string; locale: Locale; roles: Role[] };

/** The active person with this address (people without one, or deactivated, get nothing). */
async function recipient(address: string): Promise<Recipient | null> {
  const person = await db.person.findUnique({
    where: { email: address },
    include: { user: { include: { grants: { select: { role: true } } } } },
  });
  if (!person || !person.active) return null;
  return {
    id: person.id,
    email: person.email,
    fullName: person.fullName,
    locale: person.user?.locale === "en" ? "en" : "vi",
    roles: person.user?.grants.map((g) => g.role) ?? [],
  };
}

/** The provider that signs this address in instead of a local password, by name; null = a local password. */
function externalService(address: string, config: AuthConfig): string | null {
  const method = resolveLoginMethod(address, config);
  if (method.kind === "oidc") return method.provider.name;
  if (method.kind === "ldap") return method.directory.name;
  return null;
}

async function mail(
  to: Recipient,
  subject: MessageKey,
  text: MessageKey,
  params: MessageParams,
  dedupeKey: string,
  tx?: Parameters<typeof enqueueEmail>[1],
) {
  const t = (key: MessageKey) => translate(to.locale, key, { name: to.fullName, ...params });
  await enqueueEmail({ to: to.email, subject: t(subject), text: t(text), dedupeKey }, tx);
}

async function sendResetLink(address: string, baseUrl: string, now: Date): Promise<void> {
  const person = await recipient(address);
  if (!person) return;
  const config = getAuthConfig();
  const service = externalService(address, config);
  if (service) {
    // Their password lives at the province's service: say so instead of sending a link that would not help.
    const params = { service, login: `${baseUrl}/login` };
    const key = `reset-external:${person.id}:${now.getTime()}`;
    await mail(person, "recovery.mail.reset.subject", "recovery.mail.external.text", params, key);
    return;
  }
  const minutes = config.passwordReset.ttlMinutes;
  await db.$transaction(async (tx) => {
    const secret = await issueToken(
      { kind: "RESET", personId: person.id, email: person.email, ttlMs: minutes * 60_000, now },
      tx,
    );
    const params = { link: `${baseUrl}/reset/${secret}`, minutes };
    const key = `reset:${hashToken(secret)}`;
    await mail(person, "recovery.mail.reset.subject", "recovery.mail.reset.text", params, key, tx);
  });
}

/** Learners only: an account with any other grant signs in with its password (and second factor). */
export function learnerOnly(roles: Role[]): boolean {
  return roles.every((r) => r === "LEARNER");
}

async function sendMagicLink(address: string, baseUrl: string, now: Date): Promise<void> {
  const person = await recipient(address);
  if (!person) return;
  const config = getAuthConfig();
  const login = `${baseUrl}/login`;
  const subject = "recovery.mail.magic.subject" as const;
  const service = externalService(address, config);
  if (service) {
    const key = `magic-external:${person.id}:${now.getTime()}`;
    await mail(person, subject, "recovery.mail.magicExternal.text", { service, login }, key);
    return;
  }
  if (!learnerOnly(person.roles)) {
    const params = { login, forgot: `${baseUrl}/forgot-password` };
    await mail(
      person,
      subject,
      "recovery.mail.magicStaff.text",
      params,
      `magic-staff:${person.id}:${now.getTime()}`,
    );
    return;
  }
  const minutes = config.magicLink.ttlMinutes;
  await db.$transaction(async (tx) => {
    const secret = await issueToken(
      { kind: "MAGIC", personId: person.id, email: person.email, ttlMs: minutes * 60_000, now },
      tx,
    );
    const params = { link: `${baseUrl}/magic/${secret}`, minutes };
    await mail(person, subject, "recovery.mail.magic.text", params, `magic:${hashToken(secret)}`, tx);
  });
}

/** Whether a link can still be used (for showing its page); a GET never uses it up. */
export async function linkState(kind: "RESET" | "MAGIC", secret: string): Promise<TokenCheck> {
  return checkToken(kind, secret);
}

export type LinkUse = { ok: true; userId: string } | { ok: false; reason: LinkRefusal };

const refusalKey: Record<LinkRefusal, MessageKey> = {
  used: "recovery.linkUsed",
  expired: "recovery.linkExpired",
  invalid: "recovery.linkInvalid",
};
export const linkRefusalMessage = (reason: LinkRefusal) => refusalKey[reason];

/**
 * Uses a reset link: in one transaction the link is used up (atomically: two posts cannot both win), the
 * password set, every session of the account ended and every other live link of the person revoked. A person
 * with no account yet gets one, as an invitation would give.
 */
export async function resetPasswordWithLink(
  secret: string,
  password: string,
  now = new Date(),
): Promise<LinkUse> {
  // A junk or spent link is refused before the (slow) password hash.
  const precheck = await checkToken("RESET", secret, now);
  if (!precheck.ok) return precheck;
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx): Promise<LinkUse> => {
    const token = await consumeToken("RESET", secret, tx, now);
    if (!token.ok) return token;
    const person = await tx.person.findUnique({ where: { id: token.personId }, include: { user: true } });
    if (!person || !person.active) return { ok: false, reason: "invalid" };
    // The address was bound to a province's service after the link was sent: its password lives there now.
    if (externalService(person.email, getAuthConfig())) return { ok: false, reason: "invalid" };
    let userId = person.user?.id;
    const created = !userId;
    if (!userId) {
      // An account of this address that belongs to no person is not taken over by a link.
      if (await tx.user.findUnique({ where: { email: person.email } }))
        return { ok: false, reason: "invalid" };
      userId = (await tx.user.create({ data: { email: person.email, personId: person.id } })).id;
    }
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } });
    // Whoever knew the old password is signed out everywhere; the browser that used the link signs in afresh.
    await tx.session.deleteMany({ where: { userId } });
    await tx.authToken.updateMany({
      where: { personId: person.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await audit(
      {
        actorUserId: userId,
        action: "user.password.reset.self",
        entityType: "User",
        entityId: userId,
        agencyId: person.agencyId,
        data: { created },
      },
      tx,
    );
    return { ok: true, userId };
  });
}

/** Uses a sign-in link (on the POST of its page): still a learner-only, active account with a local sign-in. */
export async function signInWithMagicLink(secret: string, now = new Date()): Promise<LinkUse> {
  return db.$transaction(async (tx): Promise<LinkUse> => {
    const token = await consumeToken("MAGIC", secret, tx, now);
    if (!token.ok) return token;
    const person = await tx.person.findUnique({
      where: { id: token.personId },
      include: { user: { include: { grants: { select: { role: true } } } } },
    });
    if (!person || !person.active) return { ok: false, reason: "invalid" };
    // Grants or the configuration may have changed since the link was sent.
    if (person.user && !learnerOnly(person.user.grants.map((g) => g.role)))
      return { ok: false, reason: "invalid" };
    if (externalService(person.email, getAuthConfig())) return { ok: false, reason: "invalid" };
    let userId = person.user?.id;
    if (!userId) {
      if (await tx.user.findUnique({ where: { email: person.email } }))
        return { ok: false, reason: "invalid" };
      userId = (await tx.user.create({ data: { email: person.email, personId: person.id } })).id;
      await audit(
        {
          actorUserId: userId,
          action: "user.create.magic",
          entityType: "User",
          entityId: userId,
          agencyId: person.agencyId,
        },
        tx,
      );
    }
    return { ok: true, userId };
  });
}
