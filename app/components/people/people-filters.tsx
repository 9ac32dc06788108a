// The people list's filter form (GET): search, agency (with or without its sub-agencies), status, account, order.
import { Form } from "@remix-run/react";
import type { PeopleQuery } from "~/modules/people/query.server";
import { useT } from "~/utils/i18n";

export function PeopleFilters({
  query,
  agencies,
}: {
  query: PeopleQuery;
  agencies: { id: string; label: string }[];
}) {
  const t = useT();
  return (
    <Form method="get" className="card grid gap-3 md:grid-cols-12" role="search">
      <div className="md:col-span-3">
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
      <div className="md:col-span-1">
        <label htmlFor="account" className="label">
          {t("invite.account")}
        </label>
        <select id="account" name="account" defaultValue={query.account} className="input">
          <option value="">{t("invite.accountAll")}</option>
          <option value="none">{t("invite.account.none")}</option>
          <option value="invited">{t("invite.account.invited")}</option>
          <option value="activated">{t("invite.account.activated")}</option>
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
  );
}
