// The people list's filter form (GET): search, agency (with or without its sub-agencies), status, account, order.
import { Form } from "@remix-run/react";
import { FilterSelect, optionsOf } from "~/components/filter-select";
import type { MessageKey } from "~/i18n";
import type { PeopleQuery } from "~/modules/people/query.server";
import { useT } from "~/utils/i18n";

const STATUS: [string, MessageKey][] = [
  ["active", "people.statusActive"],
  ["inactive", "people.statusInactive"],
  ["all", "people.statusAll"],
];
const ACCOUNT: [string, MessageKey][] = [
  ["none", "invite.account.none"],
  ["invited", "invite.account.invited"],
  ["activated", "invite.account.activated"],
];
const SORT: [string, MessageKey][] = [
  ["name", "people.sortName"],
  ["-name", "people.sortNameDesc"],
  ["email", "people.sortEmail"],
  ["-updated", "people.sortUpdated"],
];

export function PeopleFilters({
  query,
  agencies,
}: {
  query: PeopleQuery;
  agencies: { id: string; label: string }[];
}) {
  const t = useT();
  const options = (pairs: [string, MessageKey][]) => pairs.map(([value, key]) => ({ value, label: t(key) }));
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
      <FilterSelect
        name="agency"
        label={t("people.agencyFilter")}
        options={optionsOf(agencies, (a) => a.label)}
        allLabel={t("people.allAgencies")}
        defaultValue={query.agency}
        className="md:col-span-3"
      >
        <label className="mt-1 flex items-center gap-1 text-xs text-slate-600">
          <input type="checkbox" name="sub" value="0" defaultChecked={query.sub === "0"} />
          {t("people.onlyThisAgency")}
        </label>
      </FilterSelect>
      <FilterSelect
        name="status"
        label={t("people.status")}
        options={options(STATUS)}
        defaultValue={query.status}
        className="md:col-span-2"
      />
      <FilterSelect
        name="account"
        label={t("invite.account")}
        options={options(ACCOUNT)}
        allLabel={t("invite.accountAll")}
        defaultValue={query.account}
        className="md:col-span-1"
      />
      <FilterSelect
        name="sort"
        label={t("people.sort")}
        options={options(SORT)}
        defaultValue={query.sort}
        className="md:col-span-2"
      />
      <div className="flex items-end md:col-span-1">
        <button type="submit" className="btn-primary w-full">
          {t("common.search")}
        </button>
      </div>
    </Form>
  );
}
