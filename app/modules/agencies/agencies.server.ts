// Changing the agency tree: create, rename/recode, move, and merge (the 2025 reorganisation).
// Each change is one transaction that also writes its AuditEvent. Reads live in queries.server.ts.
import { z } from "zod";
import { codeSchema, kindSchema, nameSchema } from "~/domain/agencies";
import { text } from "~/utils/zod-text";
import { LONG_TX, db, type Tx } from "~/db.server";
import { Prisma, type Agency } from "~/generated/prisma/client";
import { peopleChanged } from "~/modules/events/people-changed.server";
import { audit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/errors";
import { agencySearchText, childPath, isSameOrDescendant } from "./tree";
import { lockAgencyTree, refreshSearchText, rewriteSubtree } from "./tree-sql.server";

export {
  getAgencyTree,
  listAgencyOptions,
  resolveAgencyCode,
  resolveAgencyCodes,
  searchAgencies,
  type AgencyOption,
  type AgencySearchInput,
  type AgencySearchRow,
  type AgencyTreeNode,
} from "./queries.server";
export { importAgencyTree, type AgencyImportResult } from "./import-json.server";

// Merging moves every person of the source; give big agencies time (the default is 5 s).
// Moves and merges rewrite whole subtrees and follow standing assignments: as long as the data is big.
const TX_OPTIONS = LONG_TX;

const idSchema = z.string().uuid("agencies.idInvalid");

export const createAgencySchema = z.object({
  code: codeSchema,
  name: nameSchema,
  kind: kindSchema,
  parentId: idSchema.nullable(),
  type: text().max(64, "agencies.typeTooLong").nullish(),
});
export type CreateAgencyInput = z.input<typeof createAgencySchema>;

export const renameAgencySchema = z.object({ name: nameSchema, code: codeSchema.optional() });
export type RenameAgencyInput = z.input<typeof renameAgencySchema>;

function parse<S extends z.ZodType>(schema: S, input: unknown, field?: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw DomainError.fromIssue(issue, { field: issue.path.length ? String(issue.path[0]) : field });
}

async function loadForUpdate(tx: Tx, id: string, field?: string): Promise<Agency> {
  const agency = await tx.agency.findUnique({ where: { id } });
  if (!agency) throw new DomainError("agencies.notFound", { status: field ? 400 : 404, field });
  return agency;
}

function requireActive(agency: Agency, field?: string): void {
  if (!agency.active) {
    throw new DomainError("agencies.inactive", {
      params: { name: agency.name },
      field,
    });
  }
}

/**
 * A code may be used by one agency only, now or formerly: an old code that still resolves to agency X
 * (see resolveAgencyCode) must not start meaning agency Y. An agency may take back its own former code.
 */
async function assertCodeFree(tx: Tx, code: string, forAgencyId: string | null): Promise<void> {
  const owner = await tx.agency.findUnique({ where: { code }, select: { id: true, name: true } });
  if (owner && owner.id !== forAgencyId) {
    throw new DomainError("agencies.codeTaken", {
      params: { code, name: owner.name },
      field: "code",
    });
  }
  const alias = await tx.agencyAlias.findFirst({
    where: { code, ...(forAgencyId ? { agencyId: { not: forAgencyId } } : {}) },
    select: { agency: { select: { name: true } } },
  });
  if (alias)
    throw new DomainError("agencies.codeIsAlias", {
      params: { code, name: alias.agency.name },
      field: "code",
    });
}

/** Another request took the code between our check and the write: answer like the check would. */
function rethrowCodeTaken(error: unknown, code: string): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    throw new DomainError("agencies.codeTakenOther", {
      params: { code },
      field: "code",
    });
  }
  throw error;
}

export async function createAgency(input: CreateAgencyInput, actorUserId: string | null): Promise<Agency> {
  const data = parse(createAgencySchema, input);
  try {
    return await db.$transaction(async (tx) => {
      await lockAgencyTree(tx);
      const parent = data.parentId ? await loadForUpdate(tx, data.parentId, "parentId") : null;
      if (parent) requireActive(parent, "parentId");
      await assertCodeFree(tx, data.code, null);
      // The id is made here so the path can be written with the row, not in a second UPDATE.
      const id = crypto.randomUUID();
      const agency = await tx.agency.create({
        data: {
          id,
          code: data.code,
          name: data.name,
          kind: data.kind,
          type: data.type || null,
          parentId: parent?.id ?? null,
          path: childPath(parent?.path ?? null, id),
          depth: parent ? parent.depth + 1 : 0,
          searchText: agencySearchText(data.code, data.name),
        },
      });
      await audit(
        {
          actorUserId,
          action: "agency.create",
          entityType: "Agency",
          entityId: agency.id,
          agencyId: agency.id,
          data: { code: agency.code, name: agency.name, kind: agency.kind, parentCode: parent?.code ?? null },
        },
        tx,
      );
      return agency;
    }, TX_OPTIONS);
  } catch (error) {
    rethrowCodeTaken(error, data.code);
  }
}

/**
 * Renames and/or recodes an agency. The old code and name stay as an alias (RECODED when the code
 * changed, else RENAMED), so old spreadsheets and searches still find it.
 */
export async function renameAgency(
  id: string,
  input: RenameAgencyInput,
  actorUserId: string | null,
): Promise<Agency> {
  parse(idSchema, id);
  const data = parse(renameAgencySchema, input);
  const newCode = data.code ?? null;
  try {
    return await db.$transaction(async (tx) => {
      await lockAgencyTree(tx);
      const agency = await loadForUpdate(tx, id);
      requireActive(agency);
      const code = newCode ?? agency.code;
      const codeChanged = code !== agency.code;
      if (!codeChanged && data.name === agency.name) return agency;
      if (codeChanged) await assertCodeFree(tx, code, agency.id);
      await tx.agencyAlias.create({
        data: {
          agencyId: agency.id,
          code: agency.code,
          name: agency.name,
          reason: codeChanged ? "RECODED" : "RENAMED",
        },
      });
      await tx.agency.update({ where: { id: agency.id }, data: { code, name: data.name } });
      await refreshSearchText(tx, agency.id);
      await audit(
        {
          actorUserId,
          action: "agency.rename",
          entityType: "Agency",
          entityId: agency.id,
          agencyId: agency.id,
          data: { from: { code: agency.code, name: agency.name }, to: { code, name: data.name } },
        },
        tx,
      );
      return tx.agency.findUniqueOrThrow({ where: { id: agency.id } });
    }, TX_OPTIONS);
  } catch (error) {
    rethrowCodeTaken(error, newCode ?? "");
  }
}

/**
 * Puts an agency (with its whole subtree) under another parent, or at the top when `newParentId` is null.
 * Paths and depths of the subtree are rewritten with one UPDATE.
 */
export async function moveAgency(
  id: string,
  newParentId: string | null,
  actorUserId: string | null,
): Promise<Agency> {
  parse(idSchema, id);
  if (newParentId !== null) parse(idSchema, newParentId, "parentId");
  return db.$transaction(async (tx) => {
    await lockAgencyTree(tx);
    const agency = await loadForUpdate(tx, id);
    requireActive(agency);
    const parent = newParentId ? await loadForUpdate(tx, newParentId, "parentId") : null;
    if (parent) {
      requireActive(parent, "parentId");
      if (isSameOrDescendant(parent.path, agency.path)) {
        throw new DomainError("agencies.moveIntoSelf", {
          field: "parentId",
        });
      }
    }
    if ((parent?.id ?? null) === agency.parentId) return agency;
    const oldParent = agency.parentId
      ? await tx.agency.findUnique({ where: { id: agency.parentId }, select: { code: true } })
      : null;
    const depth = parent ? parent.depth + 1 : 0;
    await rewriteSubtree(tx, {
      fromPrefix: agency.path,
      toPrefix: childPath(parent?.path ?? null, agency.id),
      depthDelta: depth - agency.depth,
    });
    const moved = await tx.agency.update({
      where: { id: agency.id },
      data: { parentId: parent?.id ?? null },
    });
    await audit(
      {
        actorUserId,
        action: "agency.move",
        entityType: "Agency",
        entityId: agency.id,
        agencyId: agency.id,
        data: {
          code: agency.code,
          fromParentCode: oldParent?.code ?? null,
          toParentCode: parent?.code ?? null,
        },
      },
      tx,
    );
    return moved;
  }, TX_OPTIONS);
}

export type MergeResult = {
  /** The merged-away agency as it was before the merge (its name, for the notice). */
  source: Agency;
  target: Agency;
  people: number;
  membershipsClosed: number;
  children: number;
  grantsMoved: number;
  grantsDropped: number;
};

/**
 * Merges `sourceId` into `targetId`, as the 2025 reorganisation did to departments and communes. In one
 * transaction: the source's people move to the target with their membership history closed and reopened,
 * its sub-agencies move under the target, its role grants now scope the target, its code and name (and
 * its own former ones) become aliases of the target, and the source is kept, inactive, pointing at the
 * target so old references resolve.
 */
export async function mergeAgencies(
  sourceId: string,
  targetId: string,
  actorUserId: string | null,
): Promise<MergeResult> {
  parse(idSchema, sourceId);
  parse(idSchema, targetId, "targetId");
  if (sourceId === targetId) throw new DomainError("agencies.mergeIntoSelf", { field: "targetId" });
  return db.$transaction(async (tx) => {
    await lockAgencyTree(tx);
    const source = await loadForUpdate(tx, sourceId);
    const target = await loadForUpdate(tx, targetId, "targetId");
    requireActive(source);
    requireActive(target, "targetId");
    if (isSameOrDescendant(target.path, source.path)) {
      throw new DomainError("agencies.mergeIntoChild", {
        field: "targetId",
      });
    }
    // One timestamp: the closed row ends exactly when the new one starts, so history has no gap.
    const now = new Date();

    const people = await tx.person.findMany({
      where: { agencyId: source.id },
      select: { id: true, active: true },
    });
    const openAtSource = await tx.membership.findMany({
      where: { agencyId: source.id, endedAt: null },
      select: { personId: true },
    });
    const hadOpen = new Set(openAtSource.map((m) => m.personId));
    await tx.person.updateMany({ where: { agencyId: source.id }, data: { agencyId: target.id } });
    // Every open row at the source ends: the source no longer exists, whoever the row belongs to.
    const closed = await tx.membership.updateMany({
      where: { agencyId: source.id, endedAt: null },
      data: { endedAt: now, reason: "MERGED" },
    });
    // Reopen at the target for whoever was open at the source, and for active staff who had no row yet.
    const reopen = people.filter((p) => hadOpen.has(p.id) || p.active);
    if (reopen.length) {
      await tx.membership.createMany({
        data: reopen.map((p) => ({ personId: p.id, agencyId: target.id, startedAt: now, reason: "MERGED" })),
      });
    }

    const children = await tx.agency.count({ where: { parentId: source.id } });
    await rewriteSubtree(tx, {
      fromPrefix: source.path,
      toPrefix: target.path,
      depthDelta: target.depth - source.depth,
      exceptId: source.id,
    });
    await tx.agency.updateMany({ where: { parentId: source.id }, data: { parentId: target.id } });

    // A user who already holds the same role on the target needs no second grant.
    const grants = await tx.roleGrant.findMany({ where: { agencyId: { in: [source.id, target.id] } } });
    const atTarget = new Set(
      grants.filter((g) => g.agencyId === target.id).map((g) => `${g.userId}:${g.role}`),
    );
    const duplicateIds = grants
      .filter((g) => g.agencyId === source.id && atTarget.has(`${g.userId}:${g.role}`))
      .map((g) => g.id);
    if (duplicateIds.length) await tx.roleGrant.deleteMany({ where: { id: { in: duplicateIds } } });
    const movedGrants = await tx.roleGrant.updateMany({
      where: { agencyId: source.id },
      data: { agencyId: target.id },
    });

    // Everything that names the old agency as an audience or organiser now names the survivor.
    await tx.assignment.updateMany({ where: { agencyId: source.id }, data: { agencyId: target.id } });
    await tx.trainingPlan.updateMany({ where: { agencyId: source.id }, data: { agencyId: target.id } });
    await tx.target.updateMany({ where: { agencyId: source.id }, data: { agencyId: target.id } });
    await tx.classOffering.updateMany({
      where: { organiserAgencyId: source.id },
      data: { organiserAgencyId: target.id },
    });
    // Quotas: the survivor's quota on the same offering absorbs the old one's seats.
    for (const q of await tx.offeringQuota.findMany({ where: { agencyId: source.id } })) {
      await tx.offeringQuota.upsert({
        where: { offeringId_agencyId: { offeringId: q.offeringId, agencyId: target.id } },
        update: { seats: { increment: q.seats } },
        create: { offeringId: q.offeringId, agencyId: target.id, seats: q.seats },
      });
      await tx.offeringQuota.delete({
        where: { offeringId_agencyId: { offeringId: q.offeringId, agencyId: source.id } },
      });
    }
    await tx.agencyAlias.updateMany({ where: { agencyId: source.id }, data: { agencyId: target.id } });
    await tx.agencyAlias.create({
      data: { agencyId: target.id, code: source.code, name: source.name, reason: "MERGED" },
    });
    await tx.agency.update({ where: { id: source.id }, data: { active: false, mergedIntoId: target.id } });
    await refreshSearchText(tx, target.id);

    const result = {
      people: people.length,
      membershipsClosed: closed.count,
      children,
      grantsMoved: movedGrants.count,
      grantsDropped: duplicateIds.length,
    };
    // People who moved into the survivor now fall under its standing assignments (and out of the old ones').
    await peopleChanged({ tx });
    await audit(
      {
        actorUserId,
        action: "agency.merge",
        entityType: "Agency",
        entityId: source.id,
        agencyId: target.id,
        data: {
          source: { id: source.id, code: source.code, name: source.name },
          target: { id: target.id, code: target.code, name: target.name },
          ...result,
        },
      },
      tx,
    );
    return { source, target: await tx.agency.findUniqueOrThrow({ where: { id: target.id } }), ...result };
  }, TX_OPTIONS);
}
