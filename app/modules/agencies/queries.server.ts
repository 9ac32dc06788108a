// Reading the agency tree: code resolution, search, the nested tree with staff counts, select options.
import { z } from "zod";
import { db, type Db, type Tx } from "~/db.server";
import type { Agency } from "~/generated/prisma/client";
import type { AgencyKind } from "~/generated/prisma/enums";
import { agencyWhere, type Scope } from "~/modules/auth/scope";
import { DomainError } from "~/utils/errors";
import { type Paged, pageOf, pageRequest, type PageRequest } from "~/utils/paging";
import { escapeLike, foldVietnamese } from "~/utils/text";
import {
  type AgencyTreeNode,
  buildAgencyTree,
  compareAgencies,
  flattenAgencyTree,
  inTreeOrder,
} from "./tree";
import { AGENCY_ROW_SELECT as treeSelect, type AgencyRow } from "./rows";
import { resolveCodes } from "./tree-sql.server";

export type { AgencyTreeNode } from "./tree";

/**
 * The live agency a code stands for today: its current code, or a former one (renamed, recoded, or merged
 * into another agency, following merge chains). Null when the code leads to no live agency.
 */
export async function resolveAgencyCode(code: string, client: Db | Tx = db): Promise<Agency | null> {
  const found = await resolveCodes(client, [code]);
  return found.get(code.trim()) ?? null;
}

/** Batch form of resolveAgencyCode for imports: code (trimmed) → live agency; unresolvable codes are absent. */
export async function resolveAgencyCodes(
  codes: string[],
  client: Db | Tx = db,
): Promise<Map<string, Agency>> {
  return resolveCodes(client, codes);
}

const kindSchema = z.enum(["PROVINCE", "DEPARTMENT", "COMMUNE", "UNIT", "GROUP"]);

const searchSchema = z.object({
  q: z.string().max(200, "agencies.queryTooLong"),
  kind: kindSchema.optional(),
  includeInactive: z.boolean().default(false),
});
/** A search answers at most this many agencies a page (a province has a few hundred). */
const MAX_SEARCH_PAGE = 1000;

export type AgencySearchInput = {
  q: string;
  scopePaths: Scope;
  kind?: AgencyKind;
  includeInactive?: boolean;
} & Partial<PageRequest>;

export type AgencySearchRow = AgencyRow & {
  active: boolean;
  mergedIntoId: string | null;
  parent: { id: string; code: string; name: string } | null;
};

/**
 * Finds agencies inside a scope by any word of their code or name, current or former, ignoring diacritics
 * and case ("so noi vu" finds "Sở Nội vụ"; the code of a merged agency finds the one it merged into).
 * Ordered by depth, then by name in Vietnamese order.
 */
export async function searchAgencies(input: AgencySearchInput): Promise<Paged<AgencySearchRow>> {
  const parsed = searchSchema.safeParse(input);
  if (!parsed.success) throw DomainError.fromIssue(parsed.error.issues[0], { field: "q" });
  const { q, kind, includeInactive } = parsed.data;
  // Every word must appear somewhere, in any order.
  const words = foldVietnamese(q).split(" ").filter(Boolean);
  const rows = await db.agency.findMany({
    where: {
      AND: [
        agencyWhere(input.scopePaths),
        includeInactive ? {} : { active: true },
        kind ? { kind } : {},
        ...words.map((w) => ({ searchText: { contains: escapeLike(w) } })),
      ],
    },
    select: {
      ...treeSelect,
      active: true,
      mergedIntoId: true,
      parent: { select: { id: true, code: true, name: true } },
    },
  });
  // Collation in memory: a province has a few hundred agencies, the whole country about ten thousand.
  rows.sort((a, b) => a.depth - b.depth || compareAgencies(a, b));
  return pageOf(rows, pageRequest(input, 50, MAX_SEARCH_PAGE));
}

/**
 * The live agencies inside a scope as a nested tree, siblings in Vietnamese order, each with the number
 * of active staff directly in it and in its whole subtree. The tops of the scope are the top-level nodes.
 */
export async function getAgencyTree(scope: Scope): Promise<AgencyTreeNode[]> {
  const where = { AND: [agencyWhere(scope), { active: true }] };
  const [rows, counts] = await Promise.all([
    db.agency.findMany({ where, select: treeSelect }),
    // One grouped query for every agency at once; totals are summed up the tree in memory.
    db.person.groupBy({ by: ["agencyId"], where: { active: true, agency: where }, _count: { _all: true } }),
  ]);
  return buildAgencyTree(rows, new Map(counts.map((c) => [c.agencyId, c._count._all])));
}

export type AgencyOption = { id: string; code: string; name: string; depth: number; path: string };

/** Live agencies inside a scope for select boxes, in tree order; `depth` is absolute (0 = a root). */
export async function listAgencyOptions(scope: Scope): Promise<AgencyOption[]> {
  const rows = await db.agency.findMany({
    where: { AND: [agencyWhere(scope), { active: true }] },
    select: treeSelect,
  });
  return inTreeOrder(rows).map(({ id, code, name, depth, path }) => ({ id, code, name, depth, path }));
}

/** A line of the admin agency list: indented by its level in the tree; `people` is null in search results. */
export type AgencyListRow = Pick<AgencyRow, "id" | "code" | "name" | "kind"> & {
  level: number;
  people: number | null;
};

/** The admin agency list: every live agency in tree order with its staff count, or the ones a search finds. */
export async function adminAgencyList(q: string): Promise<AgencyListRow[]> {
  if (q) {
    const found = await searchAgencies({
      q,
      scopePaths: "ALL",
      includeInactive: false,
      page: 1,
      pageSize: 100,
    });
    return found.rows.map(({ id, code, name, kind }) => ({ id, code, name, kind, level: 0, people: null }));
  }
  return flattenAgencyTree(await getAgencyTree("ALL")).map(({ node, level }) => ({
    id: node.id,
    code: node.code,
    name: node.name,
    kind: node.kind,
    level,
    people: node.subtreePersonCount,
  }));
}

/** One agency for its admin page, with the agencies it may move under or merge into (never its own subtree). */
export async function getAgencyDetail(id: string) {
  const agency = await db.agency.findUnique({
    where: { id },
    include: {
      parent: { select: { id: true, name: true } },
      mergedInto: { select: { id: true, name: true } },
      aliases: {
        orderBy: { createdAt: "desc" },
        select: { id: true, code: true, name: true, createdAt: true },
      },
      _count: { select: { people: true } },
    },
  });
  if (!agency) return null;
  const options = (await listAgencyOptions("ALL")).filter((o) => o.id !== id && !o.path.includes(`/${id}/`));
  const { _count, aliases, parent, mergedInto } = agency;
  return {
    agency: {
      ...{ id, code: agency.code, name: agency.name, kind: agency.kind, active: agency.active },
      ...{ parent, mergedInto, aliases, people: _count.people },
    },
    options,
  };
}
