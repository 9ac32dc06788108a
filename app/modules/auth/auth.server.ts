// Sign-in, password change and admin password reset.
import type { MessageKey } from "~/i18n";
import { db } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { hashPassword, verifyDummy, verifyPassword } from "./password.server";
import { isLoginThrottled, recordLoginAttempt } from "./rate-limit.server";
import { createSession, invalidateUserSessions } from "./session.server";

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: "throttled" | "invalid" };

export type PasswordCheck = { ok: true; userId: string } | { ok: false; reason: "throttled" | "invalid" };

/**
 * A local password check, throttled per account and per IP. The answer never tells whether the account
 * exists: an unknown email costs the same hash verification as a wrong password.
 */
export async function checkLocalPassword(
  email: string,
  password: string,
  meta: { ip: string },
): Promise<PasswordCheck> {
  const normalized = email.trim().toLowerCase();
  if (await isLoginThrottled(normalized, meta.ip)) return { ok: false, reason: "throttled" };
  const user = await db.user.findUnique({
    where: { email: normalized },
    include: { person: { select: { active: true } } },
  });
  if (!user || !user.passwordHash) {
    await verifyDummy(password);
    await recordLoginAttempt(normalized, meta.ip, false);
    return { ok: false, reason: "invalid" };
  }
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid || (user.person && !user.person.active)) {
    await recordLoginAttempt(normalized, meta.ip, false);
    return { ok: false, reason: "invalid" };
  }
  await recordLoginAttempt(normalized, meta.ip, true);
  return { ok: true, userId: user.id };
}

/** Password check plus a plain session (no second-factor step): for tests and scripts. */
export async function login(
  email: string,
  password: string,
  meta: { ip: string; userAgent?: string },
): Promise<LoginResult> {
  const checked = await checkLocalPassword(email, password, meta);
  if (!checked.ok) return checked;
  const { token, expiresAt } = await createSession(checked.userId, {
    ipAddress: meta.ip,
    userAgent: meta.userAgent,
  });
  // Sessions are pruned when they expire; this keeps "has this person ever signed in" answerable.
  await db.user.update({ where: { id: checked.userId }, data: { lastLoginAt: new Date() } });
  return { ok: true, token, expiresAt, userId: checked.userId };
}

export async function changePassword(
  userId: string,
  currentSessionId: string,
  current: string,
  next: string,
): Promise<{ ok: true } | { ok: false; field: "currentPassword" | "newPassword"; message: MessageKey }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    return { ok: false, field: "currentPassword", message: "auth.currentPasswordWrong" };
  }
  if (current === next) {
    return { ok: false, field: "newPassword", message: "auth.passwordUnchanged" };
  }
  const passwordHash = await hashPassword(next);
  await db.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: false } });
  // Other devices signed in with the old password are signed out.
  await invalidateUserSessions(userId, currentSessionId);
  await audit({ actorUserId: userId, action: "user.password.change", entityType: "User", entityId: userId });
  return { ok: true };
}

/** Admin sets a temporary password; the user must change it at next sign-in and is signed out everywhere. */
export async function adminResetPassword(
  actorUserId: string,
  userId: string,
  temporary: string,
): Promise<void> {
  const passwordHash = await hashPassword(temporary);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true } });
    await tx.session.deleteMany({ where: { userId } });
    await audit({ actorUserId, action: "user.password.reset", entityType: "User", entityId: userId }, tx);
  });
}
