// After an import is applied: the offer to invite the people it brought in (the confirmation page comes next).
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function ImportInvite({ done }: { done: { importId: string; fileName: string; count: number } }) {
  const t = useT();
  const href = `/people/invite?${new URLSearchParams({ mode: "import", importId: done.importId })}`;
  return (
    <section className="card space-y-3" data-testid="import-invite">
      <p>{t("invite.importApplied", { file: done.fileName })}</p>
      {done.count > 0 ? (
        <Link to={href} className="btn-primary inline-block">
          {t("invite.importInvite", { count: done.count })}
        </Link>
      ) : (
        <p className="text-sm text-slate-700">{t("invite.importNobody")}</p>
      )}
      <p>
        <Link to="/people?sort=-updated" className="text-red-800 underline">
          {t("invite.toPeople")}
        </Link>
      </p>
    </section>
  );
}
