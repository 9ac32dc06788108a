import { ROLE_DESCRIPTIONS } from "~/domain/auth";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

const COLUMNS = ["roles.role", "roles.scope", "roles.may", "roles.mayNot"] as const satisfies MessageKey[];

/** What each role may do (ROLE_DESCRIPTIONS in app/domain/auth.ts), next to the form that grants them. */
export function RoleDescriptions() {
  const t = useT();
  return (
    <section className="card">
      <h2 id="roles-title" className="font-semibold">
        {t("roles.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("roles.intro")}</p>
      <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="roles-title">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              {COLUMNS.map((key) => (
                <th key={key} scope="col" className="px-3 py-2">
                  {t(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {ROLE_DESCRIPTIONS.map((d) => (
              <tr key={d.role} data-role={d.role}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {t(`role.${d.role}` as MessageKey)}
                </th>
                <td className="px-3 py-2">{t(d.scope)}</td>
                <td className="px-3 py-2">
                  <ul className="list-disc space-y-1 pl-4">
                    {d.may.map((k) => (
                      <li key={k}>{t(k)}</li>
                    ))}
                  </ul>
                </td>
                <td className="px-3 py-2">{d.mayNot.length ? d.mayNot.map((k) => t(k)).join(" ") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
