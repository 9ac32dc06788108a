// The organiser's attendance of one session: a checkbox per confirmed participant, posted with intent
// "attendance" through conform with the page's intent schema; a refusal shows under the button.
import { getFormProps } from "@conform-to/react";
import { Form, useActionData } from "@remix-run/react";
import type { z } from "zod";
import { FormError } from "~/components/field";
import { asReply, replyFor } from "~/components/form-reply";
import { formatVnDateTime } from "~/domain/scheduling-time";
import type { OfferingPage } from "~/modules/scheduling/offering-page.server";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";

type Session = OfferingPage["offering"]["sessions"][number];
type Row = OfferingPage["roster"][number];

export function AttendanceForm({
  session: s,
  confirmed,
  schema,
}: {
  session: Session;
  confirmed: Row[];
  /** The offering page's intent schema (from the route). */
  schema: z.ZodType;
}) {
  const t = useT();
  const reply = replyFor(asReply(useActionData()), { intent: "attendance", sessionId: s.id });
  const [form] = useZodForm(schema, {
    id: `attendance-${s.id}`,
    lastResult: reply,
    disableAutoCoercion: true,
    shouldValidate: "onSubmit",
  });
  const message = [...new Set(Object.values(form.allErrors).flat())].join(" ") || undefined;
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="card space-y-2 text-sm"
      aria-label={`${t("off.attendance")} ${t("off.session")} ${s.position}`}
    >
      <p className="font-medium">
        {t("off.session")} {s.position} · {formatVnDateTime(s.startsAt)}
      </p>
      <input type="hidden" name="sessionId" value={s.id} />
      {confirmed.map((r) => (
        <label key={r.id} className="flex items-center gap-2">
          <input type="hidden" name="registrationId" value={r.id} />
          <input
            type="checkbox"
            name="present"
            value={r.id}
            defaultChecked={r.attendance[s.id] === true}
            aria-label={`${t("off.present")}: ${r.fullName} — ${t("off.session")} ${s.position}`}
          />
          {r.fullName}
        </label>
      ))}
      <button type="submit" name="intent" value="attendance" className="btn-primary">
        {t("off.saveAttendance")} {s.position}
      </button>
      <FormError id={form.errorId} message={message} />
    </Form>
  );
}
