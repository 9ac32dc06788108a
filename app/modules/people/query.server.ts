// The people list's URL parameters, shared by the page and its Excel export.
import { z } from "zod";
import type { Scope } from "~/modules/auth/scope";
import { listQuery, type PageRequest, sortParam } from "~/utils/paging";
import { notFound } from "~/utils/http.server";
import { listPeople, PEOPLE_SORT_COLUMNS } from "./list.server";

export const peopleQuerySchema = listQuery(
  {
    q: z.string().trim().max(100).default(""),
    agency: z.string().trim().max(64).default(""),
    sub: z.enum(["0", "1"]).default("1"),
    status: z.enum(["active", "inactive", "all"]).default("active"),
    /** Sign-in status filter ("" = any). */
    account: z.enum(["", "none", "invited", "activated"]).default(""),
    sort: sortParam(PEOPLE_SORT_COLUMNS, "name"),
  },
  20,
);
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;

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
  });
}
