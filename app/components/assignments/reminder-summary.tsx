// When an assignment's members were last reminded: automatically, by hand, and the state of the emails.
import type { AssignmentReminders } from "~/modules/notifications/reminder-history.server";
import { formatDateTime } from "~/utils/format";
import { useT } from "~/utils/i18n";

export function ReminderSummary({ reminders }: { reminders: AssignmentReminders }) {
  const t = useT();
  const never = t("asg.rem.never");
  return (
    <section aria-labelledby="reminders-title" className="card space-y-1 text-sm" data-testid="reminders">
      <h2 id="reminders-title" className="font-semibold">
        {t("asg.rem.title")}
      </h2>
      <p>{t("asg.rem.auto", { at: formatDateTime(reminders.lastAutomaticAt) || never })}</p>
      <p>
        {reminders.lastManual
          ? t("asg.rem.manual", {
              at: formatDateTime(reminders.lastManual.at),
              count: reminders.lastManual.count,
              by: reminders.lastManual.by ?? t("asg.rem.system"),
            })
          : t("asg.rem.manualNever")}
      </p>
      <p>
        {t("asg.rem.emails", {
          at: formatDateTime(reminders.lastEmailSentAt) || never,
          pending: reminders.pendingEmails,
          failed: reminders.failedEmails,
        })}
      </p>
    </section>
  );
}
