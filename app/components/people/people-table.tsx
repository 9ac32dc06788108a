// The people list's table. Name and state stay visible on a phone; agency and email move under the name.
// Where the caller may invite, a first column of checkboxes feeds the "Mời những người đã chọn" form.
import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";
import { scrollRegion } from "~/components/scroll-region";
import { AccountStatus } from "./account-status";
import { InviteCheckbox } from "./invite-bar";

export type PeopleTableRow = {
  id: string;
  fullName: string;
  email: string;
  position: string;
  staffCategory: string;
  itRole: string;
  isHeadOfUnit: boolean;
  active: boolean;
  agencyName: string;
  editable: boolean;
  invitedAt: string | Date | null;
  activated: boolean;
};

export function PeopleTable({ rows, selectable }: { rows: PeopleTableRow[]; selectable: boolean }) {
  const t = useT();
  return (
    <div
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      {...scrollRegion(t("people.title"))}
    >
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="people-table">
        <thead className="bg-slate-50 text-left">
          <tr>
            {selectable ? (
              <th className="w-8 px-3 py-2">
                <span className="sr-only">{t("invite.selectHeader")}</span>
              </th>
            ) : null}
            <th className="px-3 py-2">{t("people.fullName")}</th>
            <th className="px-3 py-2">{t("people.status")}</th>
            <th className="hidden px-3 py-2 sm:table-cell">{t("invite.account")}</th>
            <th className="hidden px-3 py-2 md:table-cell">{t("people.email")}</th>
            <th className="hidden px-3 py-2 sm:table-cell">{t("people.agency")}</th>
            <th className="hidden px-3 py-2 lg:table-cell">{t("people.category")}</th>
            <th className="hidden px-3 py-2 lg:table-cell">{t("people.itRole")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((p) => (
            <tr key={p.id} className={p.active ? "" : "text-slate-400"}>
              {selectable ? (
                <td className="px-3 py-2">
                  {p.editable && p.active && !p.activated ? (
                    <InviteCheckbox id={p.id} name={p.fullName} />
                  ) : null}
                </td>
              ) : null}
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
                <div className="sm:hidden">
                  <AccountStatus activated={p.activated} invitedAt={p.invitedAt} />
                </div>
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
              <td className="hidden px-3 py-2 whitespace-nowrap sm:table-cell" data-testid="account-status">
                <AccountStatus activated={p.activated} invitedAt={p.invitedAt} />
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
  );
}
