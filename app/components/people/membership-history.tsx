// The person page's agency history: each membership with its dates, newest first.
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";

export type MembershipHistoryRow = {
  id: string;
  startedAt: Date | string;
  endedAt: Date | string | null;
  agency: { name: string; code: string };
};

export function MembershipHistory({ history }: { history: readonly MembershipHistoryRow[] }) {
  const t = useT();
  return (
    <section className="card">
      <h2 className="font-semibold">{t("people.history")}</h2>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {history.map((h) => (
          <li key={h.id} className="flex flex-wrap justify-between gap-2 py-2">
            <span>
              {h.agency.name} <span className="text-xs text-slate-500">({h.agency.code})</span>
            </span>
            <span className="text-slate-600">
              {formatDate(h.startedAt)} – {h.endedAt ? formatDate(h.endedAt) : t("people.historyNow")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
