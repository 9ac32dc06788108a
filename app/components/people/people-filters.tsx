// The people list's filter form (GET, through conform with the loader's schema): search, agency (with or
// without its sub-agencies), status, account, order.
import type { z } from "zod";
import { FilterForm } from "~/components/filter-form";
import { FilterSearch } from "~/components/filter-search";
import { FilterSelect, optionsOf } from "~/components/filter-select";
import type { MessageKey } from "~/i18n";
import type { PeopleQuery } from "~/modules/people/query";
import { useT } from "~/utils/i18n";

type Choice = [value: string, label: MessageKey];

// The plain selects of the bar, in order (the agency select, with its checkbox, is written out below).
const SELECTS: {
  name: "status" | "account" | "sort";
  label: MessageKey;
  options: Choice[];
  all?: MessageKey;
  className: string;
}[] = [
  {
    name: "status",
    label: "people.status",
    options: [
      ["active", "people.statusActive"],
      ["inactive", "people.statusInactive"],
      ["all", "people.statusAll"],
    ],
    className: "md:col-span-2",
  },
  {
    name: "account",
    label: "invite.account",
    all: "invite.accountAll",
    options: [
      ["none", "invite.account.none"],
      ["invited", "invite.account.invited"],
      ["activated", "invite.account.activated"],
    ],
    className: "md:col-span-1",
  },
  {
    name: "sort",
    label: "people.sort",
    options: [
      ["name", "people.sortName"],
      ["-name", "people.sortNameDesc"],
      ["email", "people.sortEmail"],
      ["-updated", "people.sortUpdated"],
    ],
    className: "md:col-span-2",
  },
];

export function PeopleFilters({
  schema,
  query,
  agencies,
}: {
  /** The loader's search-params schema (peopleQuerySchema, from the route). */
  schema: z.ZodType;
  query: PeopleQuery;
  agencies: { id: string; label: string }[];
}) {
  const t = useT();
  return (
    <FilterForm schema={schema} className="card grid gap-3 md:grid-cols-12" role="search">
      {(errorOf) => (
        <>
          <FilterSearch
            error={errorOf("q")}
            label={t("common.search")}
            defaultValue={query.q}
            placeholder={t("people.searchPlaceholder")}
            className="md:col-span-3"
          />
          <FilterSelect
            name="agency"
            label={t("people.agencyFilter")}
            options={optionsOf(agencies, (a) => a.label)}
            allLabel={t("people.allAgencies")}
            defaultValue={query.agency}
            error={errorOf("agency")}
            className="md:col-span-3"
          >
            <label className="mt-1 flex items-center gap-1 text-xs text-slate-600">
              <input type="checkbox" name="sub" value="0" defaultChecked={query.sub === "0"} />
              {t("people.onlyThisAgency")}
            </label>
          </FilterSelect>
          {SELECTS.map((f) => (
            <FilterSelect
              key={f.name}
              name={f.name}
              label={t(f.label)}
              options={f.options.map(([value, key]) => ({ value, label: t(key) }))}
              allLabel={f.all ? t(f.all) : undefined}
              defaultValue={query[f.name]}
              error={errorOf(f.name)}
              className={f.className}
            />
          ))}
          <div className="flex items-end md:col-span-1">
            <button type="submit" className="btn-primary w-full">
              {t("common.search")}
            </button>
          </div>
        </>
      )}
    </FilterForm>
  );
}
