// Opening an invitation link: while it is live, the person sets a password; using it marks it used in the same
// transaction that creates (or updates) their account, so the link works exactly once.
import { db, type Tx } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { hashPassword } from "./password.server";
import { checkToken, consumeToken } from "./tokens.server";

export type InvitationRefusal = "invalid" | "expired" | "used" | "inactive";
export type InvitationCheck =
  { ok: true; fullName: string; email: string } | { ok: false; reason: InvitationRefusal };

/** The link's person, when the link is live and the person still works here under the address it went to. */
async function livePerson(personId: string, sentTo: string, client: Tx = db) {
  const person = await client.person.findUnique({
    where: { id: personId },
    select: { id: true, fullName: true, email: true, active: true, user: true },
  });
  if (!person) return { ok: false as const, reason: "invalid" as const };
  if (!person.active) return { ok: false as const, reason: "inactive" as const };
  // The address changed since the invitation: the link went to someone who no longer owns this record.
  if (person.email.trim().toLowerCase() !== sentTo.trim().toLowerCase())
    return { ok: false as const, reason: "invalid" as const };
  return { ok: true as const, person };
}

/** For showing the page: whether the link can still be used, and whose it is. */
export async function checkInvitation(secret: string): Promise<InvitationCheck> {
  const token = await checkToken("INVITE", secret);
  if (!token.ok) return token;
  const found = await livePerson(token.personId, token.email);
  if (!found.ok) return found;
  return { ok: true, fullName: found.person.fullName, email: found.person.email };
}

class Refused extends Error {
  constructor(public reason: InvitationRefusal) {
    super(reason);
  }
}

/**
 * Uses the link and sets the account's password: creates the person's account on first use, or updates the
 * one they have (ending its other sessions). Anything refused leaves the link and the account as they were.
 */
export async function acceptInvitation(
  secret: string,
  password: string,
): Promise<{ ok: true; userId: string } | { ok: false; reason: InvitationRefusal }> {
  const first = await checkToken("INVITE", secret);
  if (!first.ok) return first;
  // argon2 is slow on purpose: hash before the transaction so it holds no locks meanwhile.
  const passwordHash = await hashPassword(password);
  try {
    const userId = await db.$transaction(async (tx) => {
      const token = await consumeToken("INVITE", secret, tx);
      if (!token.ok) throw new Refused(token.reason);
      const found = await livePerson(token.personId, token.email, tx);
      if (!found.ok) throw new Refused(found.reason);
      const { person } = found;
      const email = person.email.trim().toLowerCase();
      let user = person.user ?? (await tx.user.findUnique({ where: { email } }));
      // An account under this address already belongs to another person: never take it over.
      if (user && user.personId && user.personId !== person.id) throw new Refused("invalid");
      if (user) {
        user = await tx.user.update({
          where: { id: user.id },
          data: { passwordHash, mustChangePassword: false, personId: person.id },
        });
        await tx.session.deleteMany({ where: { userId: user.id } });
      } else {
        user = await tx.user.create({ data: { email, personId: person.id, passwordHash } });
      }
      await audit(
        {
          actorUserId: user.id,
          action: "user.invite.accept",
          entityType: "User",
          entityId: user.id,
          data: { personId: person.id, tokenId: token.tokenId },
        },
        tx,
      );
      return user.id;
    });
    return { ok: true, userId };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  }
}
