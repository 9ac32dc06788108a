// A person's drill emails: campaign, date, template and what they did with it (with the time), newest first.
import { ListTable } from "~/components/targets/list-table";
import { formatDate, formatDateTime } from "~/utils/format";
import { useT } from "~/utils/i18n";

export type DrillHistoryItem = {
  recipientId: string;
  campaignName: string;
  windowStart: string | Date;
  templateTitle: string;
  openedAt: string | Date | null;
  clickedAt: string | Date | null;
  submittedAt: string | Date | null;
  reportedAt: string | Date | null;
};

export function DrillHistory({ rows }: { rows: DrillHistoryItem[] }) {
  const t = useT();
  const when = (d: string | Date | null) => (d ? formatDateTime(d) : t("phr.history.no"));
  if (!rows.length) return <p className="text-sm text-slate-600">{t("phr.history.empty")}</p>;
  return (
    <ListTable
      label={t("phr.history.title")}
      testId="drill-history"
      columns={[
        { label: t("phr.history.campaign") },
        { label: t("phr.history.date") },
        { label: t("phr.history.template") },
        { label: t("phr.opened") },
        { label: t("phr.clicked") },
        { label: t("phr.submitted") },
        { label: t("phr.reported") },
      ]}
    >
      {rows.map((r) => (
        <tr key={r.recipientId}>
          <td className="px-3 py-1.5">{r.campaignName}</td>
          <td className="px-3 py-1.5 whitespace-nowrap">{formatDate(r.windowStart)}</td>
          <td className="px-3 py-1.5">{r.templateTitle}</td>
          <td className="px-3 py-1.5 whitespace-nowrap">{when(r.openedAt)}</td>
          <td className={`px-3 py-1.5 whitespace-nowrap ${r.clickedAt ? "text-red-800" : ""}`}>
            {when(r.clickedAt)}
          </td>
          <td className={`px-3 py-1.5 whitespace-nowrap ${r.submittedAt ? "text-red-800" : ""}`}>
            {when(r.submittedAt)}
          </td>
          <td className={`px-3 py-1.5 whitespace-nowrap ${r.reportedAt ? "text-green-800" : ""}`}>
            {when(r.reportedAt)}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
