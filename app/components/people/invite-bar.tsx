// "Mời đăng nhập" above the people list: the selected rows (their checkboxes belong to the form below through
// the `form` attribute, so it works without JS), every result of the filter, or the filtered agency's subtree.
// Each goes to the confirmation page first, which shows the count.
import { Form, Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export const INVITE_FORM_ID = "invite-selected";

export function InviteBar({
  total,
  filter,
  agency,
}: {
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
      <Form id={INVITE_FORM_ID} method="get" action="/people/invite">
        <input type="hidden" name="mode" value="selected" />
        <button type="submit" className="btn-secondary">
          {t("invite.inviteSelected")}
        </button>
      </Form>
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
