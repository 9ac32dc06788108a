// The reports page's headcount table: the caller's agency tree flattened, parents before children, each
// with its depth within the scope and its own and whole-subtree headcounts.
import { getAgencyTree } from "~/modules/agencies/agencies.server";
import type { AgencyTreeNode } from "~/modules/agencies/tree";
import { hasRole, type Actor, type Scope } from "~/modules/auth/scope";

export type HeadcountRow = {
  id: string;
  name: string;
  code: string;
  depth: number;
  own: number;
  total: number;
};

function flatten(nodes: AgencyTreeNode[], depth = 0, out: HeadcountRow[] = []): HeadcountRow[] {
  for (const n of nodes) {
    out.push({
      id: n.id,
      name: n.name,
      code: n.code,
      depth,
      own: n.personCount,
      total: n.subtreePersonCount,
    });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

export async function reportsPageData(actor: Actor, scope: Scope) {
  return {
    rows: flatten(await getAgencyTree(scope)),
    // Importing training records changes people's data: coordinators and admins only.
    canImport: hasRole(actor, "COORDINATOR") || hasRole(actor, "ADMIN"),
  };
}
