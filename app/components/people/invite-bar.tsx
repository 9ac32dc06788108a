// "Mời đăng nhập" above the people list: the selected rows (their checkboxes belong to the form below through
// the `form` attribute, so it works without JS), every result of the filter, or the filtered agency's subtree.
// Each goes to the confirmation page first, which shows the count. The selection is a GET form through
// conform with the confirmation page's schema, so "nothing selected" is said here, next to the button.
import { Link } from "@remix-run/react";
import type { z } from "zod";
import { FilterError } from "~/components/filter-search";
import { FilterForm } from "~/components/filter-form";
import { useT } from "~/utils/i18n";

export const INVITE_FORM_ID = "invite-selected";

export function InviteBar({
  schema,
  total,
  filter,
  agency,
}: {
  /** The confirmation page's schema (inviteSourceSchema, from the route). */
  schema: z.ZodType;
  total: number;
  filter: URLSearchParams;
  agency: string;
}) {
  const t = useT();
  const filtered = new URLSearchParams(filter);
  for (const k of ["page", "pageSize", "sort"]) filtered.delete(k);
  filtered.set("mode", "filter");
  return (
    <div className="card flex flex-wrap items-center gap-2 text-sm" data-testid="invite-bar">
      <span className="font-medium">{t("invite.barTitle")}</span>
      <FilterForm schema={schema} id={INVITE_FORM_ID} action="/people/invite">
        {(errorOf) => (
          <>
            <input type="hidden" name="mode" value="selected" />
            <button
              type="submit"
              className="btn-secondary"
              aria-describedby={errorOf("id") ? `${INVITE_FORM_ID}-id-error` : undefined}
            >
              {t("invite.inviteSelected")}
            </button>
            <FilterError name={`${INVITE_FORM_ID}-id`} error={errorOf("id")} />
          </>
        )}
      </FilterForm>
      {total > 0 ? (
        <Link className="btn-secondary" to={`/people/invite?${filtered}`}>
          {t("invite.inviteFiltered", { count: total })}
        </Link>
      ) : null}
      {agency ? (
        <Link
          className="btn-secondary"
          to={`/people/invite?${new URLSearchParams({ mode: "subtree", agency })}`}
        >
          {t("invite.inviteSubtree")}
        </Link>
      ) : null}
    </div>
  );
}

/** The checkbox of a row that can be invited (in the caller's scope, active, never signed in). */
export function InviteCheckbox({ id, name }: { id: string; name: string }) {
  const t = useT();
  return (
    <input
      type="checkbox"
      name="id"
      value={id}
      form={INVITE_FORM_ID}
      aria-label={t("invite.selectPerson", { name })}
      className="h-4 w-4"
    />
  );
}
