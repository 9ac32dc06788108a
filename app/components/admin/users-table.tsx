// The accounts page's table: each account with its roles (revoke, grant) and the password reset.
import { Link } from "@remix-run/react";
import type { Role } from "~/generated/prisma/enums";
import type { MessageKey } from "~/i18n";
import { ListTable } from "~/components/targets/list-table";
import { useT } from "~/utils/i18n";
import { GrantForm, type Reply, ResetPasswordForm, RevokeButton } from "./user-forms";

export type UserRow = {
  id: string;
  email: string;
  mustChangePassword: boolean;
  person: { fullName: string; agency: { name: string } } | null;
  grants: { id: string; role: Role; agency: { code: string; name: string } | null }[];
};

export function UsersTable({ rows, reply }: { rows: UserRow[]; reply: Reply }) {
  const t = useT();
  return (
    <ListTable
      label={t("users.title")}
      columns={(["users.email", "users.name", "users.roles", "users.reset"] as const).map((key) => ({
        label: t(key),
      }))}
    >
      {rows.map((u) => (
        <tr key={u.id}>
          <td className="px-3 py-2">
            {u.email}
            {u.mustChangePassword ? (
              <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
                {t("users.mustChange")}
              </span>
            ) : null}
            <div>
              <Link to={`/admin/users/${u.id}/sessions`} className="text-xs text-red-800 underline">
                {t("sess.admin.link")}
              </Link>
            </div>
          </td>
          <td className="px-3 py-2">
            {u.person?.fullName ?? "—"}
            <div className="text-xs text-slate-500">{u.person?.agency.name}</div>
          </td>
          <td className="px-3 py-2">
            <ul className="space-y-1">
              {u.grants.map((g) => (
                <li key={g.id} className="flex items-center gap-2">
                  <span>
                    {t(`role.${g.role}` as MessageKey)}
                    {g.agency ? ` — ${g.agency.name}` : ""}
                  </span>
                  <RevokeButton grantId={g.id} />
                </li>
              ))}
            </ul>
            <GrantForm userId={u.id} reply={reply} />
          </td>
          <td className="px-3 py-2">
            <ResetPasswordForm userId={u.id} reply={reply} />
            <Link
              to={`/admin/users/${u.id}/two-factor`}
              className="mt-1 inline-block text-xs text-red-800 underline"
            >
              {t("tf.admin.link")}
            </Link>
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
