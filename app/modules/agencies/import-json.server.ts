// Loads an agency tree from the JSON format of prisma/data/agencies/ (upsert by code, one transaction).
import { LONG_TX, db, type Tx } from "~/db.server";
import type { Agency, Prisma } from "~/generated/prisma/client";
import { audit } from "~/modules/audit/audit.server";
import { DomainError } from "~/utils/errors";
import { parseAgencyTreeJson, type FlatAgencyNode } from "./import-schema";
import { agencySearchText, childPath, isSameOrDescendant } from "./tree";
import { lockAgencyTree, resolveCodes, rewriteSubtree } from "./tree-sql.server";

export type AgencyImportResult = {
  created: number;
  updated: number;
  unchanged: number;
  /** Codes in the file that now belong to another agency (merged away or renamed); left as they are. */
  retired: string[];
};

export type AgencyImportOptions = { actorUserId: string | null; prefix?: string };

// Where a node sits right now; shared by every code that leads to the same agency and kept up to date
// as subtrees move, so children placed later get correct paths without re-reading the database.
type Placement = { id: string; path: string; depth: number };

const CREATE_CHUNK = 1000;

/**
 * Imports a tree file: the whole file is validated first (errors name the JSON path of the bad node),
 * then, in one transaction, new codes are created level by level with createMany, and existing codes are
 * updated: a new name keeps the old one as a RENAMED alias, a new parent moves the subtree. Codes of
 * agencies merged or renamed in the app are left alone and their children in the file go to the agency
 * the code resolves to, so an older file cannot undo a merge. Importing the same file again changes nothing.
 */
export async function importAgencyTree(
  json: unknown,
  options: AgencyImportOptions,
): Promise<AgencyImportResult> {
  const nodes = parseAgencyTreeJson(json, options.prefix ?? "");
  return db.$transaction((tx) => applyTree(tx, nodes, options), LONG_TX);
}

async function applyTree(
  tx: Tx,
  nodes: FlatAgencyNode[],
  options: AgencyImportOptions,
): Promise<AgencyImportResult> {
  await lockAgencyTree(tx);
  const codes = nodes.map((n) => n.code);
  const existing = new Map(
    (await tx.agency.findMany({ where: { code: { in: codes } } })).map((a) => [a.code, a]),
  );
  const isRetired = (a: Agency) => !a.active && a.mergedIntoId !== null;
  const missing = codes.filter((c) => !existing.has(c));
  const formerCodes = new Set(
    (await tx.agencyAlias.findMany({ where: { code: { in: missing } }, select: { code: true } })).map(
      (a) => a.code,
    ),
  );
  const retiredCodes = new Set(
    codes.filter((c) => formerCodes.has(c) || (existing.has(c) && isRetired(existing.get(c)!))),
  );
  const successors = await resolveCodes(tx, [...retiredCodes]);

  const live = [...existing.values()].filter((a) => !isRetired(a));
  const aliasesOf = new Map<string, { code: string; name: string }[]>(live.map((a) => [a.id, []]));
  for (const a of await tx.agencyAlias.findMany({
    where: { agencyId: { in: live.map((a) => a.id) } },
    orderBy: { createdAt: "asc" },
    select: { agencyId: true, code: true, name: true },
  })) {
    aliasesOf.get(a.agencyId)!.push({ code: a.code, name: a.name });
  }

  const placements = new Map<string, Placement>();
  const place = (a: Placement): Placement => {
    const known = placements.get(a.id);
    if (known) return known;
    const p = { id: a.id, path: a.path, depth: a.depth };
    placements.set(a.id, p);
    return p;
  };
  const byCode = new Map<string, Placement>();
  const newAliases: Prisma.AgencyAliasCreateManyInput[] = [];
  const result: AgencyImportResult = { created: 0, updated: 0, unchanged: 0, retired: [] };
  const changed: { renamed: string[]; moved: string[] } = { renamed: [], moved: [] };

  // parseAgencyTreeJson returns parents before children, level by level.
  for (let level = 0, i = 0; i < nodes.length; level++) {
    const toCreate: Prisma.AgencyCreateManyInput[] = [];
    for (; i < nodes.length && nodes[i].level === level; i++) {
      const node = nodes[i];
      const parent = node.parentCode === null ? null : byCode.get(node.parentCode)!;
      const current = existing.get(node.code);

      if (retiredCodes.has(node.code)) {
        const successor = successors.get(node.code);
        if (!successor) {
          throw new DomainError("agencies.jsonRetiredCode", {
            params: { path: node.jsonPath, code: node.code },
            field: "file",
          });
        }
        byCode.set(node.code, place(successor));
        result.retired.push(node.code);
        continue;
      }

      if (!current) {
        // Ids are made here so each row is written with its final path in one createMany per level.
        const id = crypto.randomUUID();
        const placement = place({
          id,
          path: childPath(parent?.path ?? null, id),
          depth: parent ? parent.depth + 1 : 0,
        });
        byCode.set(node.code, placement);
        toCreate.push({
          id,
          code: node.code,
          name: node.name,
          kind: node.kind,
          type: node.type,
          notes: node.notes,
          parentId: parent?.id ?? null,
          path: placement.path,
          depth: placement.depth,
          searchText: agencySearchText(node.code, node.name),
        });
        result.created++;
        continue;
      }

      const placement = place(current);
      byCode.set(node.code, placement);
      const data: Prisma.AgencyUncheckedUpdateInput = {};
      const parentId = parent?.id ?? null;
      if (parentId !== current.parentId) {
        if (parent && isSameOrDescendant(parent.path, placement.path)) {
          throw new DomainError("agencies.jsonMoveIntoSelf", {
            params: { path: node.jsonPath, name: node.name },
            field: "file",
          });
        }
        await moveSubtree(tx, placements, placement, parent);
        data.parentId = parentId;
        changed.moved.push(node.code);
      }
      if (node.name !== current.name) {
        newAliases.push({ agencyId: current.id, code: current.code, name: current.name, reason: "RENAMED" });
        aliasesOf.get(current.id)!.push({ code: current.code, name: current.name });
        data.name = node.name;
        changed.renamed.push(node.code);
      }
      if (node.kind !== current.kind) data.kind = node.kind;
      // Optional fields only overwrite when the file has them.
      if (node.type !== null && node.type !== current.type) data.type = node.type;
      if (node.notes !== null && node.notes !== current.notes) data.notes = node.notes;
      const searchText = agencySearchText(node.code, node.name, aliasesOf.get(current.id));
      if (searchText !== current.searchText) data.searchText = searchText;

      if (Object.keys(data).length) {
        await tx.agency.update({ where: { id: current.id }, data });
        result.updated++;
      } else {
        result.unchanged++;
      }
    }
    for (let c = 0; c < toCreate.length; c += CREATE_CHUNK) {
      await tx.agency.createMany({ data: toCreate.slice(c, c + CREATE_CHUNK) });
    }
  }
  if (newAliases.length) await tx.agencyAlias.createMany({ data: newAliases });

  // The audit log records changes; a re-run that changed nothing leaves no trace.
  if (result.created || result.updated) {
    const root = byCode.get(nodes[0].code)!;
    await audit(
      {
        actorUserId: options.actorUserId,
        action: "agency.import",
        entityType: "Agency",
        entityId: root.id,
        agencyId: root.id,
        data: {
          rootCode: nodes[0].code,
          prefix: options.prefix ?? "",
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
          ...changed,
          retired: result.retired,
        },
      },
      tx,
    );
  }
  return result;
}

/** Moves `node` (and, in the database, its subtree) under `parent`, keeping the known placements in step. */
async function moveSubtree(
  tx: Tx,
  placements: Map<string, Placement>,
  node: Placement,
  parent: Placement | null,
) {
  const fromPrefix = node.path;
  const toPrefix = childPath(parent?.path ?? null, node.id);
  const depthDelta = (parent ? parent.depth + 1 : 0) - node.depth;
  await rewriteSubtree(tx, { fromPrefix, toPrefix, depthDelta });
  for (const p of placements.values()) {
    if (p.path.startsWith(fromPrefix)) {
      p.path = toPrefix + p.path.slice(fromPrefix.length);
      p.depth += depthDelta;
    }
  }
}
