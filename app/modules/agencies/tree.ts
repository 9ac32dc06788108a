// Pure helpers for the agency tree: materialized paths, search text, nesting and ordering.
import type { AgencyRow } from "./rows";
import { foldVietnamese, viCollator } from "~/utils/text";

/** Path of a node under `parentPath` (null for a root): roots are "/<id>/", children "/<rootId>/<id>/". */
export function childPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** True when `path` is the node at `ancestorPath` or lies somewhere beneath it. */
export function isSameOrDescendant(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

/**
 * What agency search matches against: the current code and name plus every former code and name, so an
 * old code (renamed, recoded or merged away) still finds the agency that carries it on.
 */
export function agencySearchText(
  code: string,
  name: string,
  aliases: { code: string; name: string }[] = [],
): string {
  const parts = [code, name];
  for (const a of aliases) parts.push(a.code, a.name);
  // Duplicates (a rename keeps the code) only make the text longer.
  return foldVietnamese([...new Set(parts)].join(" "));
}

/** Vietnamese order of sibling agencies; the code breaks ties so the order is stable. */
export function compareAgencies(
  a: { name: string; code: string },
  b: { name: string; code: string },
): number {
  return viCollator.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export type AgencyTreeNode = AgencyRow & {
  /** People whose agency is exactly this one. */
  personCount: number;
  /** People in this agency and everything below it. */
  subtreePersonCount: number;
  children: AgencyTreeNode[];
};

/**
 * Nests flat rows into a tree. A row whose parent is not among the rows (the top of a coordinator's
 * scope, or a root) becomes a top-level node. Siblings are sorted in Vietnamese order.
 */
export function buildAgencyTree(
  rows: AgencyRow[],
  personCounts: ReadonlyMap<string, number> = new Map(),
): AgencyTreeNode[] {
  const nodes = new Map<string, AgencyTreeNode>();
  for (const r of rows) {
    const own = personCounts.get(r.id) ?? 0;
    nodes.set(r.id, { ...r, personCount: own, subtreePersonCount: own, children: [] });
  }
  const roots: AgencyTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const finish = (list: AgencyTreeNode[]): number => {
    list.sort(compareAgencies);
    let total = 0;
    for (const n of list) {
      n.subtreePersonCount = n.personCount + finish(n.children);
      total += n.subtreePersonCount;
    }
    return total;
  };
  finish(roots);
  return roots;
}

/** The rows in tree order (parent first, then its children in Vietnamese order), as select boxes list them. */
export function inTreeOrder<T extends AgencyRow>(rows: T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: T[] = [];
  const walk = (nodes: AgencyTreeNode[]) => {
    for (const n of nodes) {
      out.push(byId.get(n.id)!);
      walk(n.children);
    }
  };
  walk(buildAgencyTree(rows));
  return out;
}
