// The members of one assignment with their state, due date, completion and last reminder. Name and state
// stay visible on a phone; the other columns appear from sm/md up.
import { NameCell } from "~/components/assignments/name-cell";
import { ListTable } from "~/components/targets/list-table";
import type { MessageKey } from "~/i18n";
import type { ProgressRow } from "~/modules/assignments/assignments.server";
import type { MemberReminder } from "~/modules/notifications/reminder-history.server";
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";

const COLUMNS = [
  ["people.fullName"],
  ["people.email", "hidden md:table-cell"],
  ["people.agency", "hidden sm:table-cell"],
  ["people.status"],
  ["asg.due", "hidden sm:table-cell"],
  ["asg.completedOn", "hidden sm:table-cell"],
  ["asg.rem.last", "hidden lg:table-cell"],
] as const satisfies readonly (readonly [MessageKey, string?])[];

export function ProgressTable({
  title,
  rows,
  reminders,
}: {
  title: string;
  rows: ProgressRow[];
  reminders: Record<string, MemberReminder | undefined>;
}) {
  const t = useT();
  return (
    <ListTable
      label={title}
      testId="progress-table"
      columns={COLUMNS.map(([key, className]) => ({ label: t(key), className }))}
    >
      {rows.map((r) => (
        <tr key={r.personId}>
          <NameCell name={r.fullName} phoneLines={[r.agencyName]} phoneUpTo="sm" />
          <td className="hidden px-3 py-2 md:table-cell">{r.email}</td>
          <td className="hidden px-3 py-2 sm:table-cell">{r.agencyName}</td>
          <td className="px-3 py-2">
            {t(`asg.status.${r.status}` as MessageKey)}
            <div className="text-xs text-slate-600 sm:hidden">
              {r.completedAt
                ? `${t("asg.completedOn")}: ${formatDate(r.completedAt)}`
                : `${t("asg.due")}: ${formatDate(r.dueAt)}`}
            </div>
          </td>
          <td className="hidden px-3 py-2 sm:table-cell">{formatDate(r.dueAt)}</td>
          <td className="hidden px-3 py-2 sm:table-cell">{formatDate(r.completedAt)}</td>
          <td className="hidden px-3 py-2 lg:table-cell" data-testid="member-reminder">
            <LastReminder rem={reminders[r.personId]} />
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

function LastReminder({ rem }: { rem: MemberReminder | undefined }) {
  const t = useT();
  return (
    <>
      {rem?.noticeAt ? (
        <>
          {formatDate(rem.noticeAt)}
          {rem.manual ? ` (${t("asg.rem.byHand")})` : ""}
        </>
      ) : (
        "—"
      )}
      {rem?.email ? (
        <div className="text-xs text-slate-600">
          {t(`asg.rem.email.${rem.email.state}` as MessageKey, { at: formatDate(rem.email.at) })}
        </div>
      ) : null}
    </>
  );
}
