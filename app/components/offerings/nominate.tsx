// The coordinator's nominate box: search their own staff (a GET search), then one button per person.
import type { z } from "zod";
import { IntentForm } from "~/components/intent-form";
import { SearchBar } from "~/components/search-bar";
import type { MessageKey } from "~/i18n";
import type { OfferingPage } from "~/modules/scheduling/offering-page.server";
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";

export function Nominate({
  q,
  all,
  nominees,
  searchSchema,
}: Pick<OfferingPage, "q" | "all" | "nominees"> & {
  /** The loader's search-params schema (from the route). */
  searchSchema: z.ZodType;
}) {
  const t = useT();
  return (
    <section className="card space-y-3">
      <h2 className="text-lg font-semibold">{t("off.nominate")}</h2>
      <SearchBar label={t("off.searchStaff")} value={q} inputClassName="w-80" schema={searchSchema}>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="all" value="1" defaultChecked={all} /> {t("off.everyone")}
        </label>
      </SearchBar>
      {nominees.length ? (
        <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto text-sm">
          {nominees.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center gap-2 py-2">
              <span className="font-medium">{p.fullName}</span>
              <span className="text-slate-500">
                {p.position} · {p.agencyName}
              </span>
              {!p.inAudience ? (
                <span className="rounded bg-amber-50 px-2 text-xs text-amber-800">
                  {t("off.outsideAudience")}
                </span>
              ) : null}
              {p.trained ? (
                <span
                  className="rounded bg-green-50 px-2 text-xs text-green-800"
                  data-testid="already-trained"
                >
                  {p.trainedUntil
                    ? t("off.trainedUntil", { date: formatDate(p.trainedUntil) })
                    : t("off.trained")}
                </span>
              ) : null}
              {p.status ? (
                <span className="ml-auto rounded bg-slate-100 px-2 py-0.5 text-xs">
                  {t(`reg.status.${p.status}` as MessageKey)}
                </span>
              ) : null}
              {!p.status || p.status === "CANCELLED" || p.status === "REJECTED" ? (
                <IntentForm
                  id={`nominate-${p.id}`}
                  intent="nominate"
                  row={{ personId: p.id }}
                  hidden={{ personName: p.fullName }}
                  className="ml-auto"
                  buttonLabel={`${t("off.nominateBtn")} ${p.fullName}`}
                >
                  {t("off.nominateBtn")}
                </IntentForm>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t("off.noNominees")}</p>
      )}
    </section>
  );
}
