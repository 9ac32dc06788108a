import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import type { MessageKey } from "~/i18n";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { requireViewer } from "~/modules/auth/guards.server";
import { inScope, manageScope } from "~/modules/auth/scope";
import { listPeopleForQuery, peopleQuerySchema } from "~/modules/people/query.server";
import { parseSearchParams } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { scrollRegion } from "~/components/scroll-region";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.people") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireViewer(request);
  const query = parseSearchParams(request, peopleQuerySchema);
  const agencies = await listAgencyOptions(scope);
  const { rows, total } = await listPeopleForQuery(scope, query, agencies, {
    page: query.page,
    pageSize: query.pageSize,
  });
  const canManage = manageScope(actor);
  return {
    query,
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
    })),
    canAdd: canManage === "ALL" || canManage.length > 0,
  };
}

export default function PeoplePage() {
  const { rows, total, query, agencies, canAdd } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("people.title")}</h1>
        <div className="flex flex-wrap gap-2">
          <Link className="btn-secondary" to={`/people/export?${params}`} reloadDocument data-download="xlsx">
            {t("people.export")}
          </Link>
          {canAdd ? (
            <>
              <Link className="btn-secondary" to="/people/import">
                {t("people.import")}
              </Link>
              <Link className="btn-primary" to="/people/new">
                {t("people.add")}
              </Link>
            </>
          ) : null}
        </div>
      </div>
      <Form method="get" className="card grid gap-3 md:grid-cols-12" role="search">
        <div className="md:col-span-4">
          <label htmlFor="q" className="label">
            {t("common.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder={t("people.searchPlaceholder")}
            className="input"
          />
        </div>
        <div className="md:col-span-3">
          <label htmlFor="agency" className="label">
            {t("people.agencyFilter")}
          </label>
          <select id="agency" name="agency" defaultValue={query.agency} className="input">
            <option value="">{t("people.allAgencies")}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
          <label className="mt-1 flex items-center gap-1 text-xs text-slate-600">
            <input type="checkbox" name="sub" value="0" defaultChecked={query.sub === "0"} />
            {t("people.onlyThisAgency")}
          </label>
        </div>
        <div className="md:col-span-2">
          <label htmlFor="status" className="label">
            {t("people.status")}
          </label>
          <select id="status" name="status" defaultValue={query.status} className="input">
            <option value="active">{t("people.statusActive")}</option>
            <option value="inactive">{t("people.statusInactive")}</option>
            <option value="all">{t("people.statusAll")}</option>
          </select>
        </div>
        <div className="md:col-span-2">
          <label htmlFor="sort" className="label">
            {t("people.sort")}
          </label>
          <select id="sort" name="sort" defaultValue={query.sort} className="input">
            <option value="name">{t("people.sortName")}</option>
            <option value="-name">{t("people.sortNameDesc")}</option>
            <option value="email">{t("people.sortEmail")}</option>
            <option value="-updated">{t("people.sortUpdated")}</option>
          </select>
        </div>
        <div className="flex items-end md:col-span-1">
          <button type="submit" className="btn-primary w-full">
            {t("common.search")}
          </button>
        </div>
      </Form>
      {rows.length === 0 ? (
        <p className="card text-slate-600">{t("people.none")}</p>
      ) : (
        // Name and state stay visible on a phone; agency and email move under the name.
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          {...scrollRegion(t("people.title"))}
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="people-table">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th className="px-3 py-2">{t("people.fullName")}</th>
                <th className="px-3 py-2">{t("people.status")}</th>
                <th className="hidden px-3 py-2 md:table-cell">{t("people.email")}</th>
                <th className="hidden px-3 py-2 sm:table-cell">{t("people.agency")}</th>
                <th className="hidden px-3 py-2 lg:table-cell">{t("people.category")}</th>
                <th className="hidden px-3 py-2 lg:table-cell">{t("people.itRole")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => (
                <tr key={p.id} className={p.active ? "" : "text-slate-400"}>
                  <td className="px-3 py-2">
                    {p.editable ? (
                      <Link to={`/people/${p.id}`} className="font-medium text-red-800 hover:underline">
                        {p.fullName}
                      </Link>
                    ) : (
                      <span className="font-medium">{p.fullName}</span>
                    )}
                    {p.isHeadOfUnit ? (
                      <span className="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900">
                        {t("people.head")}
                      </span>
                    ) : null}
                    <div className="text-xs text-slate-500">{p.position}</div>
                    <div className="text-xs text-slate-500 sm:hidden">{p.agencyName}</div>
                    <div className="text-xs break-all text-slate-500 md:hidden">{p.email}</div>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {p.active ? (
                      t("people.statusActive")
                    ) : (
                      <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                        {t("people.statusInactive")}
                      </span>
                    )}
                  </td>
                  <td className="hidden px-3 py-2 md:table-cell">{p.email}</td>
                  <td className="hidden px-3 py-2 sm:table-cell">{p.agencyName}</td>
                  <td className="hidden px-3 py-2 lg:table-cell">
                    {t(`staff.${p.staffCategory}` as MessageKey)}
                  </td>
                  <td className="hidden px-3 py-2 lg:table-cell">{t(`it.${p.itRole}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={query.page} pageSize={query.pageSize} total={total} />
    </div>
  );
}
