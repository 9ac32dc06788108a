// Who looks after an agency: coordinators granted on it or on an ancestor, and heads of unit. "Nearest"
// means the deepest level of the agency's chain that has any, so a unit's matters reach its sở, not the
// whole province. Used by reminder escalations and by registration approvals.
import { db, type Tx } from "~/db.server";

export type Contact = { personId: string | null; email: string; fullName: string };

/** The agency's chain of ids from the root down to itself, or null when it does not exist. */
export async function agencyChain(agencyId: string, client: Tx = db): Promise<string[] | null> {
  const agency = await client.agency.findUnique({ where: { id: agencyId }, select: { path: true } });
  return agency ? agency.path.split("/").filter(Boolean) : null;
}

/** The entries of the deepest level in `chain` that has any. */
function nearest<T>(chain: string[], list: (T & { agencyId: string })[]): T[] {
  const depth = (x: { agencyId: string }) => chain.indexOf(x.agencyId);
  const deepest = Math.max(-1, ...list.map(depth));
  return list.filter((x) => depth(x) === deepest);
}

/**
 * Coordinators of the nearest level of `chain` that has some. An account without a person record counts
 * unless `withPerson` (an in-app notice needs a person); an inactive person never counts.
 */
export async function nearestCoordinators(
  chain: string[],
  client: Tx = db,
  opts: { withPerson?: boolean } = {},
): Promise<Contact[]> {
  const grants = await client.roleGrant.findMany({
    where: { role: "COORDINATOR", agencyId: { in: chain } },
    select: {
      agencyId: true,
      user: { select: { email: true, person: { select: { id: true, fullName: true, active: true } } } },
    },
  });
  const eligible = grants
    .filter((g) => (opts.withPerson ? g.user.person?.active === true : g.user.person?.active !== false))
    .map((g) => ({
      agencyId: g.agencyId!,
      personId: g.user.person?.id ?? null,
      email: g.user.email,
      fullName: g.user.person?.fullName ?? g.user.email,
    }));
  return nearest(chain, eligible).map(({ personId, email, fullName }) => ({ personId, email, fullName }));
}

/** Active heads of unit of the nearest level of `chain` that has some. */
export async function nearestHeads(chain: string[], client: Tx = db): Promise<Contact[]> {
  const heads = await client.person.findMany({
    where: { isHeadOfUnit: true, active: true, agencyId: { in: chain } },
    select: { id: true, agencyId: true, email: true, fullName: true },
  });
  return nearest(chain, heads).map((h) => ({ personId: h.id, email: h.email, fullName: h.fullName }));
}
