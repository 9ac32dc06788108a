import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { InviteBar } from "~/components/people/invite-bar";
import { PeopleFilters } from "~/components/people/people-filters";
import { PeopleTable } from "~/components/people/people-table";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { requireViewer } from "~/modules/auth/guards.server";
import { inScope, manageScope } from "~/modules/auth/scope";
import { inviteSourceSchema } from "~/modules/auth/invite-source";
import { peopleQuerySchema } from "~/modules/people/query";
import { listPeopleForQuery } from "~/modules/people/query.server";
import { parseSearchParams } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.people") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireViewer(request);
  const query = parseSearchParams(request, peopleQuerySchema);
  const agencies = await listAgencyOptions(scope);
  const { rows, total, page, pageSize } = await listPeopleForQuery(scope, query, agencies, query);
  const canManage = manageScope(actor);
  const canAdd = canManage === "ALL" || canManage.length > 0;
  return {
    query,
    page,
    pageSize,
    total,
    agencies: indentedAgencyOptions(agencies),
    rows: rows.map((p) => ({
      id: p.id,
      fullName: p.fullName,
      email: p.email,
      position: p.position,
      staffCategory: p.staffCategory,
      itRole: p.itRole,
      isHeadOfUnit: p.isHeadOfUnit,
      active: p.active,
      agencyName: p.agency.name,
      editable: inScope(canManage, p.agency.path),
      invitedAt: p.invitedAt,
      activated: p.activated,
    })),
    canAdd,
    // The filtered agency's subtree can be invited when it lies in the caller's manage scope.
    subtreeAgency:
      query.agency && canAdd && agencies.some((a) => a.id === query.agency && inScope(canManage, a.path))
        ? query.agency
        : "",
  };
}

// Shown to those who may add people.
const ADD_LINKS = [
  ["/people/import", "people.import", false],
  ["/people/new", "people.add", true],
] as const;

export default function PeoplePage() {
  const { rows, total, page, pageSize, query, agencies, canAdd, subtreeAgency } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("people.title")}
        actions={
          <Link className="btn-secondary" to={`/people/export?${params}`} reloadDocument data-download="xlsx">
            {t("people.export")}
          </Link>
        }
        links={canAdd ? ADD_LINKS.map(([to, label, primary]) => ({ to, label: t(label), primary })) : []}
      />
      <PeopleFilters schema={peopleQuerySchema} query={query} agencies={agencies} />
      {canAdd ? (
        <InviteBar schema={inviteSourceSchema} total={total} filter={params} agency={subtreeAgency} />
      ) : null}
      {rows.length === 0 ? (
        <p className="card text-slate-600">{t("people.none")}</p>
      ) : (
        <PeopleTable rows={rows} selectable={canAdd} />
      )}
      <Pagination page={page} pageSize={pageSize} total={total} schema={peopleQuerySchema} />
    </div>
  );
}
