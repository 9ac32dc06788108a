// Linking an external identity (OIDC subject, LDAP DN) to an account: the rule in docs/decisions/008.
// Only people in the staff list get an account; an identity is linked once, to the person whose email (or
// staff code) it carries, and only when that person is inside the provider's agency subtrees.
import { db } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { inSubtrees, providerSubtrees } from "./config.server";

export type IdentityClaims = { email?: string | null; staffCode?: string | null };

export type LinkResult =
  | { ok: true; userId: string; linked: boolean; created: boolean }
  /** unknown: no such person (or outside the provider's subtrees, which is told the same way); inactive: deactivated. */
  | { ok: false; reason: "unknown" | "inactive" | "conflict" };

/**
 * The account an external identity signs in to. `providerKey` is "oidc:<id>" or "ldap:<id>";
 * nothing is written unless the result is ok.
 */
export async function linkExternalIdentity(
  provider: { id: string; agencyCodes: string[] },
  providerKey: string,
  subject: string,
  claims: IdentityClaims,
): Promise<LinkResult> {
  const subtrees = await providerSubtrees(provider);
  const known = await db.externalIdentity.findUnique({
    where: { provider_subject: { provider: providerKey, subject } },
    include: { user: { include: { person: { include: { agency: { select: { path: true } } } } } } },
  });
  if (known) {
    const person = known.user.person;
    if (!person || !inSubtrees(person.agency.path, subtrees)) return { ok: false, reason: "unknown" };
    if (!person.active) return { ok: false, reason: "inactive" };
    await db.externalIdentity.update({ where: { id: known.id }, data: { lastUsedAt: new Date() } });
    return { ok: true, userId: known.userId, linked: false, created: false };
  }

  const email = claims.email?.trim().toLowerCase() || null;
  const staffCode = claims.staffCode?.trim() || null;
  if (!email && !staffCode) return { ok: false, reason: "unknown" };
  const person =
    (email
      ? await db.person.findUnique({
          where: { email },
          include: { agency: { select: { path: true } }, user: true },
        })
      : null) ??
    (staffCode
      ? await db.person.findUnique({
          where: { staffCode },
          include: { agency: { select: { path: true } }, user: true },
        })
      : null);
  if (!person || !inSubtrees(person.agency.path, subtrees)) return { ok: false, reason: "unknown" };
  if (!person.active) return { ok: false, reason: "inactive" };

  return db.$transaction(async (tx) => {
    let userId = person.user?.id ?? null;
    let created = false;
    if (userId) {
      // One identity per provider per account: a second subject from the same provider does not take it over.
      const other = await tx.externalIdentity.findFirst({ where: { userId, provider: providerKey } });
      if (other) return { ok: false as const, reason: "conflict" as const };
    } else {
      const user = await tx.user.create({ data: { email: person.email, personId: person.id } });
      userId = user.id;
      created = true;
    }
    await tx.externalIdentity.create({ data: { userId, provider: providerKey, subject } });
    await audit(
      {
        actorUserId: userId,
        action: "user.identity.link",
        entityType: "User",
        entityId: userId,
        data: { provider: providerKey, created },
      },
      tx,
    );
    return { ok: true as const, userId, linked: true, created };
  });
}
