// Invitations to sign in (mời đăng nhập) for people without single sign-on: a coordinator or admin picks people
// (a selection, every result of the people list's filter, an agency subtree, the rows of an import just applied,
// an assignment's members) and each gets an emailed single-use link to set a password. Set-based: 30,000 people
// are a few dozen statements in one transaction (tokens hashed in JS, inserted in chunks), then the outbox
// delivers them at its own pace (OUTBOX_MAX_PER_MINUTE).
import { createHash, randomUUID } from "node:crypto";
import { db, LONG_TX, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { audit } from "~/modules/audit/audit.server";
import { enqueueEmailsBulk, type EmailInput } from "~/modules/notifications/outbox.server";
import { ACTIVATED_SQL, peopleConditions } from "~/modules/people/list.server";
import { personInScopeSql } from "~/modules/auth/scope.server";
import type { ImportRow } from "~/modules/people/import-rows";
import { DomainError } from "~/utils/errors";
import { isUuid } from "~/utils/uuid";
import { formatDayTime } from "~/utils/vn-calendar";
import { getAuthConfig, publicBaseUrl, resolveLoginMethod } from "./config.server";
import { type Actor, manageScope, type Scope } from "./scope";
import {
  type InviteSource,
  inviteSourceParams,
  inviteSourceSchema,
  MAX_SELECTED,
  readInviteSource,
} from "./invite-source";
import { newTokenSecret } from "./tokens.server";

export { type InviteSource, inviteSourceParams, inviteSourceSchema, MAX_SELECTED, readInviteSource };

/** The same SHA-256 as tokens.server hashToken (hex of the UTF-8 secret), with node's native hash. */
const sha256Hex = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

const CHUNK = 2_000;
export type Invitee = { id: string; email: string; fullName: string };
export type InvitationPlan = {
  invitees: Invitee[];
  /** Already signed in at least once (đã kích hoạt): nothing to invite. */
  activated: number;
  /** No longer working here (đã ngừng): a link would be refused anyway. */
  inactive: number;
  /** Their mail domain signs in through the province's identity service or mail directory, not a password. */
  external: number;
  /** How many of them were invited before (the new link replaces the old one). */
  reinvited: number;
};

type Candidate = Invitee & { active: boolean; activated: boolean; invitedAt: Date | null };

/** SQL condition on person `p` for a source, or FALSE when the source names nothing the caller may see. */
async function sourceCondition(actor: Actor, source: InviteSource, client: Tx): Promise<Prisma.Sql> {
  switch (source.mode) {
    case "selected":
      return Prisma.sql`p.id = ANY(${source.id}::uuid[])`;
    case "filter":
      return Prisma.join(
        peopleConditions({
          scope: "ALL", // the caller's manage scope is added by planInvitations for every source
          q: source.q,
          agencyId: source.agency || undefined,
          includeSubagencies: source.sub !== "0",
          active: source.status === "all" ? undefined : source.status === "active",
          account: source.account || undefined,
        }),
        " AND ",
      );
    case "subtree":
      return Prisma.join(peopleConditions({ scope: "ALL", agencyId: source.agency }), " AND ");
    case "import": {
      // Only the caller's own import, once applied: its rows' addresses name the people just imported.
      const found = await client.peopleImport.findUnique({ where: { id: source.importId } });
      if (!found || found.createdById !== actor.userId || found.status !== "APPLIED")
        throw new DomainError("invite.importNotFound", { status: 404 });
      const emails = (found.rows as unknown as ImportRow[]).map((r) => r.email.trim().toLowerCase());
      return Prisma.sql`lower(p.email) = ANY(${emails}::text[])`;
    }
    case "assignment":
      return Prisma.sql`p.id IN (SELECT m."personId" FROM "AssignmentMember" m
        WHERE m."assignmentId" = ${source.assignmentId}::uuid AND m."removedAt" IS NULL)`;
  }
}

function requireManageScope(actor: Actor): Scope {
  const scope = manageScope(actor);
  if (scope !== "ALL" && scope.length === 0) throw new DomainError("http.forbidden", { status: 403 });
  return scope;
}

/**
 * Who a source would invite, within the caller's manage scope (ids from the client are only a filter: a person
 * outside the scope is simply not found). Active people whose account has never signed in and whose address
 * signs in with a password here.
 */
export async function planInvitations(
  actor: Actor,
  source: InviteSource,
  client: Tx = db,
): Promise<InvitationPlan> {
  const scope = requireManageScope(actor);
  const where = Prisma.join([personInScopeSql(scope), await sourceCondition(actor, source, client)], " AND ");
  const rows = await client.$queryRaw<Candidate[]>`
    SELECT p.id, p.email, p."fullName", p.active, p."invitedAt", ${ACTIVATED_SQL} AS activated
    FROM "Person" p WHERE ${where}`;
  const config = getAuthConfig();
  const plan: InvitationPlan = { invitees: [], activated: 0, inactive: 0, external: 0, reinvited: 0 };
  for (const r of rows) {
    if (!r.active) plan.inactive++;
    else if (r.activated) plan.activated++;
    else if (resolveLoginMethod(r.email, config).kind !== "password") plan.external++;
    else {
      plan.invitees.push({ id: r.id, email: r.email, fullName: r.fullName });
      if (r.invitedAt) plan.reinvited++;
    }
  }
  return plan;
}

export function inviteLink(secret: string, baseUrl = publicBaseUrl()): string {
  return `${baseUrl}/invite/${secret}`;
}

/** The invitation email, in Vietnamese: the link, its expiry in Vietnam time, and whom to ask for help. */
export function composeInvitation(args: {
  fullName: string;
  email: string;
  link: string;
  expiresAt: Date;
  inviter: { fullName: string; email: string };
  provinceName: string;
}): { subject: string; text: string } {
  const where = args.provinceName ? ` — ${args.provinceName}` : "";
  const subject = `Mời đăng nhập hệ thống Học ATTT${where}`;
  const text =
    `Kính gửi ${args.fullName},\n\n` +
    `Anh/chị được mời đăng nhập hệ thống bồi dưỡng kiến thức an toàn thông tin Học ATTT${where}.\n\n` +
    `Để bắt đầu, anh/chị mở liên kết dưới đây và đặt mật khẩu cho tài khoản ${args.email}:\n\n` +
    `${args.link}\n\n` +
    `Liên kết chỉ dùng được một lần và hết hạn lúc ${formatDayTime(args.expiresAt)} (giờ Việt Nam). ` +
    `Sau khi đặt mật khẩu, anh/chị đăng nhập bằng địa chỉ email trên và mật khẩu vừa đặt.\n\n` +
    `Nếu liên kết đã hết hạn hoặc cần hỗ trợ, anh/chị liên hệ cán bộ phụ trách đào tạo: ` +
    `${args.inviter.fullName} (${args.inviter.email}).\n\n` +
    `Nếu anh/chị không phải là ${args.fullName}, vui lòng bỏ qua thư này.\n\n` +
    `Trân trọng,\nHệ thống Học ATTT`;
  return { subject, text };
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type SendInvitationsResult = Omit<InvitationPlan, "invitees"> & { invited: number };

/**
 * Plans and sends in one transaction: for each invitee the earlier invitation links are revoked and their
 * unsent emails withdrawn, a new link is issued, Person.invitedAt is set and the email is queued. One audit
 * event for the whole batch.
 */
export async function sendInvitations(
  actor: Actor,
  source: InviteSource,
  options: { now?: Date; baseUrl?: string } = {},
): Promise<SendInvitationsResult> {
  const now = options.now ?? new Date();
  const config = getAuthConfig();
  const expiresAt = new Date(now.getTime() + config.invitations.ttlHours * 3_600_000);
  const baseUrl = options.baseUrl ?? publicBaseUrl();
  return db.$transaction(async (tx) => {
    const plan = await planInvitations(actor, source, tx);
    const { invitees, ...skipped } = plan;
    if (invitees.length === 0) throw new DomainError("invite.nobody", { status: 400 });
    for (const part of chunks(invitees)) {
      const ids = part.map((p) => p.id);
      await tx.authToken.updateMany({
        where: { personId: { in: ids }, kind: "INVITE", usedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
      // An earlier invitation still waiting in the outbox would carry a dead link: withdraw it.
      await tx.$executeRaw`
        DELETE FROM "OutboxEmail" WHERE status = 'PENDING'::"OutboxStatus" AND "dedupeKey" LIKE 'invite:%'
          AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now}::timestamptz)
          AND split_part("dedupeKey", ':', 2) = ANY(${ids}::text[])`;
      const tokens = part.map((p) => ({ person: p, id: randomUUID(), secret: newTokenSecret() }));
      // One JSON parameter per chunk (createMany binds every field and cost ~1 ms a row); SHA-256 in JS.
      const tokenRows = tokens.map((t) => ({
        id: t.id,
        tokenHash: sha256Hex(t.secret),
        personId: t.person.id,
        email: t.person.email,
      }));
      await tx.$executeRaw`
        INSERT INTO "AuthToken" (id, kind, "tokenHash", "personId", email, "createdById", "createdAt", "expiresAt")
        SELECT v.id, 'INVITE'::"AuthTokenKind", v."tokenHash", v."personId", v.email, ${actor.userId}::uuid,
               ${now}::timestamptz, ${expiresAt}::timestamptz
        FROM jsonb_to_recordset(${JSON.stringify(tokenRows)}::jsonb)
          AS v(id uuid, "tokenHash" text, "personId" uuid, email text)`;
      await tx.$executeRaw`UPDATE "Person" SET "invitedAt" = ${now}::timestamptz WHERE id = ANY(${ids}::uuid[])`;
      const emails: EmailInput[] = tokens.map((t) => ({
        to: t.person.email,
        dedupeKey: `invite:${t.person.id}:${t.id}`,
        ...composeInvitation({
          fullName: t.person.fullName,
          email: t.person.email,
          link: inviteLink(t.secret, baseUrl),
          expiresAt,
          inviter: { fullName: actor.fullName, email: actor.email },
          provinceName: config.provinceName,
        }),
      }));
      await enqueueEmailsBulk(emails, tx);
    }
    await audit(
      {
        actorUserId: actor.userId,
        action: "people.invite",
        entityType: "Invitation",
        entityId:
          source.mode === "import"
            ? source.importId
            : source.mode === "assignment"
              ? source.assignmentId
              : null,
        agencyId: source.mode === "subtree" ? source.agency : null,
        data: { mode: source.mode, invited: invitees.length, ...skipped, expiresAt: expiresAt.toISOString() },
      },
      tx,
    );
    return { invited: invitees.length, ...skipped };
  }, LONG_TX);
}

/** How many members of an assignment could be invited now (its page offers the invitation when > 0). */
export async function countInvitable(actor: Actor, source: InviteSource): Promise<number> {
  const scope = manageScope(actor);
  if (scope !== "ALL" && scope.length === 0) return 0;
  return (await planInvitations(actor, source)).invitees.length;
}

/** The caller's applied import and how many of its people could be invited now (the import page's offer). */
export async function importInvitation(actor: Actor, importId: string) {
  if (!isUuid(importId)) return null;
  const found = await db.peopleImport.findUnique({
    where: { id: importId },
    select: { createdById: true, status: true, fileName: true },
  });
  if (!found || found.createdById !== actor.userId || found.status !== "APPLIED") return null;
  return {
    importId,
    fileName: found.fileName,
    count: await countInvitable(actor, { mode: "import", importId }),
  };
}
