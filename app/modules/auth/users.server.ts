// Accounts and role grants (admin only). Every grant and revocation is audited.
import type { z } from "zod";
import { AGENCY_ROLES, type createAccountSchema, type grantSchema } from "~/domain/auth";
import { db } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/errors";
import { type PageRequest, pageSlice } from "~/utils/paging";
import { escapeLike, foldVietnamese } from "~/utils/text";
import { hashPassword } from "./password.server";

export type GrantInput = Omit<z.output<typeof grantSchema>, "intent">;
export type CreateAccountInput = Omit<z.output<typeof createAccountSchema>, "intent">;

/** The accounts page's list: by email or the person's name (without diacritics), one page of it. */
export async function listUsers({ q, ...paging }: { q: string } & PageRequest) {
  const folded = foldVietnamese(q);
  const where = folded
    ? {
        OR: [
          { email: { contains: escapeLike(q.trim().toLowerCase()) } },
          { person: { searchText: { contains: escapeLike(folded) } } },
        ],
      }
    : {};
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: { email: "asc" },
      ...pageSlice(paging),
      select: {
        id: true,
        email: true,
        mustChangePassword: true,
        person: { select: { fullName: true, agency: { select: { name: true } } } },
        grants: { select: { id: true, role: true, agency: { select: { code: true, name: true } } } },
      },
    }),
  ]);
  return { ...paging, total, rows };
}

export async function grantRole(actorUserId: string, input: GrantInput) {
  const agency = input.agencyCode
    ? await db.agency.findFirst({ where: { code: input.agencyCode, active: true } })
    : null;
  if (input.agencyCode && !agency)
    throw new DomainError("auth.agencyCodeUnknown", {
      params: { code: input.agencyCode },
      field: "agencyCode",
    });
  const scoped = (AGENCY_ROLES as readonly string[]).includes(input.role);
  const agencyId = scoped ? agency!.id : null;
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId } });
    if (!user) throw new DomainError("auth.userNotFound", { status: 404 });
    const existing = await tx.roleGrant.findFirst({ where: { userId: user.id, role: input.role, agencyId } });
    if (existing) return existing;
    const grant = await tx.roleGrant.create({
      data: { userId: user.id, role: input.role, agencyId, grantedById: actorUserId },
    });
    await audit(
      {
        actorUserId,
        action: "grant.create",
        entityType: "User",
        entityId: user.id,
        agencyId,
        data: { role: input.role, agencyCode: agency?.code ?? null, email: user.email },
      },
      tx,
    );
    return grant;
  });
}

export async function revokeGrant(actorUserId: string, grantId: string) {
  await db.$transaction(async (tx) => {
    const grant = await tx.roleGrant.findUnique({ where: { id: grantId }, include: { user: true } });
    if (!grant) throw new DomainError("auth.grantNotFound", { status: 404 });
    if (grant.role === "ADMIN" && grant.userId === actorUserId) {
      throw new DomainError("auth.cannotRevokeOwnAdmin");
    }
    await tx.roleGrant.delete({ where: { id: grantId } });
    await audit(
      {
        actorUserId,
        action: "grant.revoke",
        entityType: "User",
        entityId: grant.userId,
        agencyId: grant.agencyId,
        data: { role: grant.role, email: grant.user.email },
      },
      tx,
    );
  });
}

/** An account for an existing staff member (matched by email), who must change the password at first login. */
export async function createAccountForPerson(actorUserId: string, input: CreateAccountInput) {
  const person = await db.person.findUnique({ where: { email: input.email } });
  if (!person) throw new DomainError("auth.noPersonWithEmail", { field: "email" });
  if (await db.user.findUnique({ where: { email: input.email } })) {
    throw new DomainError("auth.emailHasAccount", { field: "email" });
  }
  const passwordHash = await hashPassword(input.temporaryPassword);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, personId: person.id, passwordHash, mustChangePassword: true },
    });
    await tx.roleGrant.create({ data: { userId: user.id, role: "LEARNER", grantedById: actorUserId } });
    await audit(
      {
        actorUserId,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        data: { email: user.email },
      },
      tx,
    );
    return user;
  });
}
