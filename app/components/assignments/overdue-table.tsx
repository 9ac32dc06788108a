// The rows of the overdue list, each with its selection checkbox (name "ids") for the bulk actions.
import { NameCell } from "~/components/assignments/name-cell";
import { STATUS_STYLE } from "~/components/training-record";
import { ListTable } from "~/components/targets/list-table";
import type { MessageKey } from "~/i18n";
import type { OverduePage } from "~/modules/assignments/overdue.server";
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";

type Row = OverduePage["rows"][number];

const COLUMNS = [
  ["people.fullName"],
  ["people.agency", "hidden md:table-cell"],
  ["ovd.course", "hidden md:table-cell"],
  ["people.status"],
  ["asg.due", "hidden md:table-cell"],
  ["ovd.lastLogin", "hidden lg:table-cell"],
] as const satisfies readonly (readonly [MessageKey, string?])[];

export function OverdueTable({
  rows,
  onToggleAll,
}: {
  rows: Row[];
  onToggleAll: (checked: boolean) => void;
}) {
  const t = useT();
  if (rows.length === 0) return <p className="card text-slate-600">{t("ovd.none")}</p>;
  return (
    <ListTable
      label={t("ovd.title")}
      columns={[
        {
          label: (
            <input
              type="checkbox"
              aria-label={t("ovd.selectAll")}
              onChange={(e) => onToggleAll(e.currentTarget.checked)}
            />
          ),
          className: "w-8",
        },
        ...COLUMNS.map(([key, className]) => ({ label: t(key), className })),
      ]}
    >
      {rows.map((r) => (
        <OverdueRow key={r.memberId} row={r} />
      ))}
    </ListTable>
  );
}

function OverdueRow({ row: r }: { row: Row }) {
  const t = useT();
  return (
    <tr>
      <td className="px-3 py-2">
        <input
          type="checkbox"
          name="ids"
          value={r.memberId}
          aria-label={t("ovd.selectRow", { name: r.fullName, course: r.courseTitle })}
        />
      </td>
      {/* Phones keep three columns: the course and the unit move under the name. */}
      <NameCell
        name={r.fullName}
        to={`/people/${r.personId}`}
        phoneLines={[r.courseTitle, r.agencyName]}
        phoneUpTo="md"
      />
      <td className="hidden px-3 py-2 md:table-cell">{r.agencyName}</td>
      <td className="hidden px-3 py-2 md:table-cell">{r.courseTitle}</td>
      <td className="px-3 py-2">
        <span
          className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STATUS_STYLE[r.status]}`}
        >
          {t(`asg.status.${r.status}` as MessageKey)}
        </span>
        <span className="block text-xs whitespace-nowrap text-slate-600">
          {r.daysLeft < 0
            ? t("ovd.days", { days: -r.daysLeft })
            : r.daysLeft === 0
              ? t("ovd.dueToday")
              : t("ovd.daysLeft", { days: r.daysLeft })}
        </span>
        <span className="block text-xs text-slate-600 md:hidden">{formatDate(r.dueAt)}</span>
      </td>
      <td className="hidden px-3 py-2 whitespace-nowrap md:table-cell">{formatDate(r.dueAt)}</td>
      <td className="hidden px-3 py-2 lg:table-cell">
        {r.account === "NONE"
          ? t("ovd.noAccount")
          : r.account === "NEVER"
            ? t("ovd.neverSignedIn")
            : formatDate(r.lastLoginAt)}
      </td>
    </tr>
  );
}
