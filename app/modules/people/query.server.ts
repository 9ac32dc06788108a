// The people list as its URL parameters (./query.ts) describe it, shared by the page and its Excel export.
import { readDb } from "~/db.server";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import type { Scope } from "~/modules/auth/scope";
import type { PageRequest } from "~/utils/paging";
import { notFound } from "~/utils/http.server";
import { listPeople } from "./list.server";
import { type PeopleQuery, peopleQuerySchema } from "./query";

export { peopleQuerySchema, type PeopleQuery };

/** An agency filter outside the caller's scope is a 404, the same answer as for an agency that does not exist. */
export function resolveAgencyFilter(agency: string, visible: { id: string }[]): string | undefined {
  if (!agency) return undefined;
  if (!visible.some((a) => a.id === agency)) notFound("people.agencyOutOfScope");
  return agency;
}

/** The list as the URL describes it (same filters for the page and its Excel export). */
export function listPeopleForQuery(
  scope: Scope,
  query: PeopleQuery,
  visibleAgencies: { id: string }[],
  paging: PageRequest,
  client?: Awaited<ReturnType<typeof readDb>>,
) {
  return listPeople({
    scope,
    q: query.q,
    agencyId: resolveAgencyFilter(query.agency, visibleAgencies),
    includeSubagencies: query.sub !== "0",
    active: query.status === "all" ? undefined : query.status === "active",
    account: query.account || undefined,
    sort: query.sort,
    ...paging,
    client,
  });
}

/** The Excel export: the list as filtered on screen, no paging, read from the replica when there is one. */
export async function peopleForExport(scope: Scope, query: PeopleQuery, maxRows: number) {
  const agencies = await listAgencyOptions(scope);
  return listPeopleForQuery(scope, query, agencies, { page: 1, pageSize: maxRows }, await readDb());
}
