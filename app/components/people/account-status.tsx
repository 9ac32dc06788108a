// The "Tài khoản" cell of a person: chưa mời / đã mời <date> / đã kích hoạt.
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";

export function AccountStatus({
  activated,
  invitedAt,
}: {
  activated: boolean;
  invitedAt: string | Date | null;
}) {
  const t = useT();
  if (activated)
    return (
      <span className="rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-900">
        {t("invite.account.activated")}
      </span>
    );
  if (invitedAt)
    return (
      <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
        {t("invite.account.invitedOn", { date: formatDate(invitedAt) })}
      </span>
    );
  return <span className="text-xs text-slate-600">{t("invite.account.none")}</span>;
}
