// TOTP two-factor: enrolment confirmed by a first code, verification at sign-in (a code is accepted once:
// its 30-s step must be newer than User.totpLastStep, written by a conditional update so two concurrent
// uses cannot both pass), single-use recovery codes, a limit of 5 failed attempts per 15 minutes per
// account, the person's own disable/regenerate, and the admin's reset (audited, ends every session).
import { db, type Tx } from "~/db.server";
import { audit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/errors";
import { secondFactorRequired } from "./sign-in.server";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  isTotpCode,
  matchingStep,
  normalizeRecoveryCode,
} from "./two-factor";

const WINDOW_MS = 15 * 60 * 1000;
export const MAX_TOTP_FAILURES = 5;
const attemptKey = (userId: string) => `totp:${userId}`;

/** Failures since the last success within the window; at MAX_TOTP_FAILURES no code is even checked. */
export async function totpThrottled(userId: string): Promise<boolean> {
  const key = attemptKey(userId);
  const since = new Date(Date.now() - WINDOW_MS);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { key, success: true, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const failures = await db.loginAttempt.count({
    where: { key, success: false, createdAt: { gt: lastSuccess?.createdAt ?? since } },
  });
  return failures >= MAX_TOTP_FAILURES;
}

async function recordAttempt(userId: string, success: boolean, tx?: Tx): Promise<void> {
  await (tx ?? db).loginAttempt.create({ data: { key: attemptKey(userId), success } });
}

async function refuse(userId: string, key: "twofactor.codeWrong" | "twofactor.codeUsed"): Promise<never> {
  await recordAttempt(userId, false);
  throw new DomainError(key, { field: "code" });
}

async function guardThrottle(userId: string): Promise<void> {
  if (await totpThrottled(userId))
    throw new DomainError("twofactor.throttled", { status: 429, field: "code" });
}

/** Creates the recovery codes (replacing any earlier ones) and returns them in clear, to be shown once. */
async function replaceRecoveryCodes(userId: string, tx: Tx): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })) });
  return codes;
}

export async function twoFactorStatus(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, totpEnabledAt: true, grants: { select: { role: true } } },
  });
  const remainingCodes = user.totpEnabledAt
    ? await db.recoveryCode.count({ where: { userId, usedAt: null } })
    : 0;
  return {
    email: user.email,
    enabledAt: user.totpEnabledAt,
    required: secondFactorRequired(user.grants.map((g) => g.role)),
    remainingCodes,
  };
}

/**
 * Turns TOTP on with `key` once `code` proves the person's app holds it; ends a pending sign-in when given
 * one. Refused when a second factor is already on: a session that only passed the password must not be able
 * to replace the key. Returns the recovery codes in clear (shown once).
 */
export async function confirmEnrolment(
  userId: string,
  key: Uint8Array,
  code: string,
  pendingSessionId: string | null,
): Promise<string[]> {
  await guardThrottle(userId);
  const step = matchingStep(key, code);
  if (step === null) return refuse(userId, "twofactor.codeWrong");
  return db.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.user.updateMany({
      where: { id: userId, totpEnabledAt: null },
      data: { totpKey: new Uint8Array(key), totpEnabledAt: now, totpLastStep: step },
    });
    if (updated.count !== 1) throw new DomainError("twofactor.alreadyEnabled");
    const codes = await replaceRecoveryCodes(userId, tx);
    await recordAttempt(userId, true, tx);
    if (pendingSessionId) await finishPending(userId, pendingSessionId, tx);
    await audit(
      { actorUserId: userId, action: "user.twofactor.enable", entityType: "User", entityId: userId },
      tx,
    );
    return codes;
  });
}

async function finishPending(userId: string, sessionId: string, tx: Tx): Promise<void> {
  await tx.session.updateMany({
    where: { id: sessionId, userId, pendingSecondFactor: true },
    data: { pendingSecondFactor: false },
  });
  await tx.user.update({ where: { id: userId }, data: { lastLoginAt: new Date() } });
}

/**
 * Checks an authenticator code or (when allowed) a recovery code and uses it up; throws a DomainError on
 * the field "code" otherwise. Returns how the person proved it.
 */
async function consumeSecondFactor(
  userId: string,
  input: string,
  allowRecovery: boolean,
): Promise<"totp" | "recovery"> {
  await guardThrottle(userId);
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { totpKey: true, totpEnabledAt: true },
  });
  if (!user.totpKey || !user.totpEnabledAt) throw new DomainError("twofactor.notEnabled");
  if (isTotpCode(input)) {
    const step = matchingStep(new Uint8Array(user.totpKey), input);
    if (step === null) return refuse(userId, "twofactor.codeWrong");
    // Accepted at most once per step, even by two requests at the same moment.
    const used = await db.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    if (used.count !== 1) return refuse(userId, "twofactor.codeUsed");
    await recordAttempt(userId, true);
    return "totp";
  }
  const normalized = normalizeRecoveryCode(input);
  if (!allowRecovery || !/^[a-z0-9]{10}$/.test(normalized)) return refuse(userId, "twofactor.codeWrong");
  const used = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(normalized), usedAt: null },
    data: { usedAt: new Date() },
  });
  if (used.count !== 1) return refuse(userId, "twofactor.codeWrong");
  await recordAttempt(userId, true);
  await audit({
    actorUserId: userId,
    action: "user.twofactor.recoveryUsed",
    entityType: "User",
    entityId: userId,
  });
  return "recovery";
}

/** The sign-in's second step: a good code turns the pending session into a signed-in one. */
export async function verifySecondFactor(userId: string, sessionId: string, input: string) {
  const how = await consumeSecondFactor(userId, input, true);
  await db.$transaction((tx) => finishPending(userId, sessionId, tx));
  return how;
}

/** New recovery codes (the old ones stop working), after a current authenticator code. */
export async function regenerateRecoveryCodes(userId: string, code: string): Promise<string[]> {
  await consumeSecondFactor(userId, code, false);
  return db.$transaction(async (tx) => {
    const codes = await replaceRecoveryCodes(userId, tx);
    await audit(
      {
        actorUserId: userId,
        action: "user.twofactor.recoveryRegenerate",
        entityType: "User",
        entityId: userId,
      },
      tx,
    );
    return codes;
  });
}

async function clearSecondFactor(userId: string, tx: Tx): Promise<void> {
  await tx.user.update({
    where: { id: userId },
    data: { totpKey: null, totpEnabledAt: null, totpLastStep: null },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}

/** The person turns TOTP off (learners only: staff whose roles require it cannot), after a current code. */
export async function disableTwoFactor(userId: string, code: string): Promise<void> {
  const status = await twoFactorStatus(userId);
  if (status.required) throw new DomainError("twofactor.requiredCannotDisable", { status: 403 });
  await consumeSecondFactor(userId, code, false);
  await db.$transaction(async (tx) => {
    await clearSecondFactor(userId, tx);
    await audit(
      { actorUserId: userId, action: "user.twofactor.disable", entityType: "User", entityId: userId },
      tx,
    );
  });
}

/** An admin clears a person's second factor (lost phone): key and codes go, every session ends. */
export async function adminResetSecondFactor(actorUserId: string, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw new DomainError("auth.userNotFound", { status: 404 });
    await clearSecondFactor(userId, tx);
    await tx.session.deleteMany({ where: { userId } });
    await audit(
      {
        actorUserId,
        action: "user.twofactor.reset",
        entityType: "User",
        entityId: userId,
        data: { email: user.email },
      },
      tx,
    );
  });
}

/** What the admin's confirmation page shows about an account. */
export async function accountForReset(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, totpEnabledAt: true, person: { select: { fullName: true } } },
  });
  if (!user) throw new DomainError("auth.userNotFound", { status: 404 });
  return user;
}
