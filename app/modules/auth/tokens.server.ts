// Single-use emailed links: invitations, password resets, magic sign-in. The link carries a random secret;
// the database keeps only its SHA-256, so a leaked table opens nothing. Issuing a new link of a kind revokes
// the person's earlier ones of that kind (re-sending never leaves two valid links); using one marks it used.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { db, type Tx } from "~/db.server";
import type { AuthTokenKind } from "~/generated/prisma/enums";

const TOKEN_RE = /^[a-z2-7]{40}$/;

export function hashToken(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function newTokenSecret(): string {
  const bytes = new Uint8Array(25);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export type IssueTokenInput = {
  kind: AuthTokenKind;
  personId: string;
  email: string;
  ttlMs: number;
  createdById?: string | null;
  now?: Date;
};

/** Revokes the person's live links of this kind and issues a new one; returns the secret for the email. */
export async function issueToken(input: IssueTokenInput, tx?: Tx): Promise<string> {
  const now = input.now ?? new Date();
  const secret = newTokenSecret();
  const run = async (client: Tx) => {
    await client.authToken.updateMany({
      where: { personId: input.personId, kind: input.kind, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await client.authToken.create({
      data: {
        kind: input.kind,
        tokenHash: hashToken(secret),
        personId: input.personId,
        email: input.email,
        createdById: input.createdById ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.ttlMs),
      },
    });
  };
  if (tx) await run(tx);
  else await db.$transaction(run);
  return secret;
}

export type TokenCheck =
  | { ok: true; tokenId: string; personId: string; email: string }
  | { ok: false; reason: "invalid" | "expired" | "used" };

/** Whether a link's secret is live for this kind, without using it (for showing the form). */
export async function checkToken(kind: AuthTokenKind, secret: string, now = new Date()): Promise<TokenCheck> {
  if (!TOKEN_RE.test(secret)) return { ok: false, reason: "invalid" };
  const row = await db.authToken.findUnique({ where: { tokenHash: hashToken(secret) } });
  if (!row || row.kind !== kind) return { ok: false, reason: "invalid" };
  if (row.usedAt || row.revokedAt) return { ok: false, reason: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, tokenId: row.id, personId: row.personId, email: row.email };
}

/**
 * Uses a link inside the caller's transaction: marks it used only if it is still live (a conditional update,
 * so two concurrent uses cannot both succeed).
 */
export async function consumeToken(
  kind: AuthTokenKind,
  secret: string,
  tx: Tx,
  now = new Date(),
): Promise<TokenCheck> {
  if (!TOKEN_RE.test(secret)) return { ok: false, reason: "invalid" };
  const tokenHash = hashToken(secret);
  const { count } = await tx.authToken.updateMany({
    where: { tokenHash, kind, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const row = await tx.authToken.findUnique({ where: { tokenHash } });
  if (!row || row.kind !== kind) return { ok: false, reason: "invalid" };
  if (count === 1) return { ok: true, tokenId: row.id, personId: row.personId, email: row.email };
  if (row.expiresAt.getTime() <= now.getTime() && !row.usedAt) return { ok: false, reason: "expired" };
  return { ok: false, reason: "used" };
}
