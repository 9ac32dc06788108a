// One participant's result (drill score and verdict, post-test), posted with intent "result"; the schema is
// the one the action parses, so a score out of range shows next to the score of that row.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { resultIntentSchema } from "~/domain/scheduling";
import type { OfferingPage } from "~/modules/scheduling/offering-page.server";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";
import { type Reply, replyFor } from "~/components/form-reply";

type Row = OfferingPage["roster"][number];
const hidden = (label: string) => <span className="sr-only">{label}</span>;

export function ResultForm({
  row,
  kind,
  postTest,
  reply,
}: {
  row: Row;
  kind: "CLASS" | "DRILL";
  postTest: boolean;
  reply: Reply;
}) {
  const t = useT();
  const passed = row.postTestPassed === null ? "" : String(row.postTestPassed);
  const [form, fields] = useZodForm(resultIntentSchema, {
    id: `result-${row.id}`,
    lastResult: replyFor(reply, { intent: "result", registrationId: row.id }),
    defaultValue: { score: row.score ?? "", result: row.result ?? "", postTestPassed: passed },
    disableAutoCoercion: true,
    shouldValidate: "onSubmit",
  });
  const initial = (f: { initialValue?: unknown }) => String(f.initialValue ?? "");
  return (
    <Form method="post" className="flex flex-wrap items-start gap-1" {...getFormProps(form)}>
      <input type="hidden" name="registrationId" value={row.id} />
      {kind === "DRILL" ? (
        <>
          <Field
            field={fields.score}
            id={`${row.id}-score`}
            label={hidden(`${t("off.score")} ${row.fullName}`)}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                min={0}
                max={1000}
                defaultValue={initial(fields.score)}
                placeholder={t("off.score")}
                className="input w-20"
              />
            )}
          </Field>
          <Field
            field={fields.result}
            id={`${row.id}-result`}
            label={hidden(`${t("off.result")} ${row.fullName}`)}
          >
            {(p) => (
              <input
                {...p}
                defaultValue={initial(fields.result)}
                placeholder={t("off.result")}
                className="input w-32"
              />
            )}
          </Field>
        </>
      ) : (
        <>
          <input type="hidden" name="score" value={row.score ?? ""} />
          <input type="hidden" name="result" value={row.result ?? ""} />
        </>
      )}
      {postTest ? (
        <Field
          field={fields.postTestPassed}
          id={`${row.id}-postTest`}
          label={hidden(`${t("off.postTestPassed")} ${row.fullName}`)}
        >
          {(p) => (
            <select {...p} defaultValue={initial(fields.postTestPassed)} className="input w-28">
              <option value="">—</option>
              <option value="true">{t("off.postTestPassed")}</option>
              <option value="false">✗</option>
            </select>
          )}
        </Field>
      ) : (
        <input type="hidden" name="postTestPassed" value={passed} />
      )}
      <button type="submit" name="intent" value="result" className="btn-secondary">
        {t("off.saveResult")}
      </button>
      <FormError id={form.errorId} message={form.errors?.join(" ")} className="w-full" />
    </Form>
  );
}
