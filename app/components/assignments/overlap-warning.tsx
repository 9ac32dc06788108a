// The preview's warning: part of the audience already holds a current assignment of the same course.
import type { AssignmentPreview } from "~/modules/assignments/new-assignment.server";
import { formatDate } from "~/utils/format";
import { useT } from "~/utils/i18n";

export function OverlapWarning({ overlap }: { overlap: AssignmentPreview["overlap"] }) {
  const t = useT();
  if (overlap.people === 0) return null;
  return (
    <div
      role="alert"
      data-testid="overlap-warning"
      className="space-y-1 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 sm:col-span-2"
    >
      <p className="font-semibold">{t("asg.warn.title")}</p>
      <ul className="list-disc space-y-1 pl-5">
        {overlap.assignments.map((o) => {
          const from = formatDate(o.dueFrom);
          const to = formatDate(o.dueTo);
          return (
            <li key={o.assignmentId}>
              {t("asg.warn.overlap", {
                count: o.people,
                assigned: formatDate(o.assignedAt),
                due: from === to ? from : `${from}–${to}`,
                name: o.title || o.agencyName || t("asg.warn.named"),
              })}
            </li>
          );
        })}
      </ul>
      {overlap.assignments.length > 1 ? <p>{t("asg.warn.total", { count: overlap.people })}</p> : null}
      <p>{t("asg.warn.hint")}</p>
    </div>
  );
}
