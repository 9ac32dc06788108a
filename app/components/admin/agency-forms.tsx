// The admin agency forms (app/domain/agencies.ts): "Thêm đơn vị" on the list, and rename / move / merge on
// an agency's page. Each form has its own id; the action's reply goes back to the form whose intent it answers.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field } from "~/components/field";
import { AGENCY_KINDS, agencyIntent, createAgencyFormSchema } from "~/domain/agencies";
import type { MessageKey } from "~/i18n";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";

export type Reply = SubmissionResult<string[]> | undefined;
export type AgencyOptionView = { id: string; code: string; name: string; depth: number };

const intentOf = (reply: Reply) => (reply?.initialValue as { intent?: unknown } | null | undefined)?.intent;

function AgencySelect({
  field,
  label,
  options,
  none,
}: {
  field: { name: string; errors?: string[] };
  label: string;
  options: AgencyOptionView[];
  /** The empty choice: a real value ("no parent") or a disabled prompt. */
  none: "value" | "prompt";
}) {
  return (
    <Field field={field} label={label} className="flex-1">
      {(props) => (
        <select {...props} defaultValue="">
          <option value="" disabled={none === "prompt"}>
            —
          </option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {"— ".repeat(o.depth)}
              {o.name} ({o.code})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function CodeAndName({
  fields,
  defaults,
}: {
  fields: { code: { name: string; errors?: string[] }; name: { name: string; errors?: string[] } };
  defaults?: { code: string; name: string };
}) {
  const t = useT();
  return (
    <>
      <Field field={fields.name} label={t("agency.name")} className="sm:col-span-2">
        {(props) => <input {...props} defaultValue={defaults?.name} />}
      </Field>
      <Field field={fields.code} label={t("agency.code")}>
        {(props) => <input {...props} defaultValue={defaults?.code} />}
      </Field>
    </>
  );
}

export function CreateAgencyForm({ options, reply }: { options: AgencyOptionView[]; reply: Reply }) {
  const t = useT();
  const [form, fields] = useZodForm(createAgencyFormSchema, { lastResult: reply });
  return (
    <section className="card max-w-2xl">
      <h2 className="font-semibold">{t("agency.create")}</h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 sm:grid-cols-3">
        {form.errors?.[0] ? <p className="field-error sm:col-span-3">{form.errors[0]}</p> : null}
        <CodeAndName fields={fields} />
        <Field field={fields.kind} label={t("agency.kind")}>
          {(props) => (
            <select {...props} defaultValue="UNIT">
              {AGENCY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`agency.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="sm:col-span-2">
          <AgencySelect field={fields.parentId} label={t("agency.parent")} options={options} none="value" />
        </div>
        <button type="submit" className="btn-primary sm:col-span-3 sm:justify-self-start">
          {t("agency.create")}
        </button>
      </Form>
    </section>
  );
}

function IntentForm({
  intent,
  reply,
  className,
  children,
}: {
  intent: "rename" | "move" | "merge";
  reply: Reply;
  className: string;
  children: (fields: ReturnType<typeof useZodForm<typeof agencyIntent>>[1]) => ReactNode;
}) {
  const [form, fields] = useZodForm(agencyIntent, {
    id: `agency-${intent}`,
    lastResult: intentOf(reply) === intent ? reply : undefined,
  });
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      <input type="hidden" name="intent" value={intent} />
      {children(fields)}
    </Form>
  );
}

export function AgencyChangeForms({
  agency,
  options,
  reply,
}: {
  agency: { code: string; name: string };
  options: AgencyOptionView[];
  reply: Reply;
}) {
  const t = useT();
  return (
    <>
      <IntentForm intent="rename" reply={reply} className="card grid gap-3 sm:grid-cols-3">
        {(fields) => (
          <>
            <h2 className="font-semibold sm:col-span-3">{t("agency.rename")}</h2>
            <CodeAndName fields={fields} defaults={agency} />
            <button type="submit" className="btn-secondary sm:justify-self-start">
              {t("common.save")}
            </button>
          </>
        )}
      </IntentForm>
      <IntentForm intent="move" reply={reply} className="card flex flex-wrap items-end gap-3">
        {(fields) => (
          <>
            <h2 className="w-full font-semibold">{t("agency.move")}</h2>
            <AgencySelect
              field={fields.parentId}
              label={t("agency.parent")}
              options={options}
              none="prompt"
            />
            <button type="submit" className="btn-secondary">
              {t("common.save")}
            </button>
          </>
        )}
      </IntentForm>
      <IntentForm
        intent="merge"
        reply={reply}
        className="card flex flex-wrap items-end gap-3 border-amber-300"
      >
        {(fields) => (
          <>
            <h2 className="w-full font-semibold">{t("agency.merge")}</h2>
            <p className="w-full text-sm text-slate-700">{t("agency.mergeHelp")}</p>
            <AgencySelect
              field={fields.targetId}
              label={t("agency.target")}
              options={options}
              none="prompt"
            />
            <label className="flex w-full items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                aria-invalid={fields.confirm.errors ? true : undefined}
                aria-describedby={fields.confirm.errors ? "confirm-error" : undefined}
              />{" "}
              {t("agencies.mergeConfirm")}
            </label>
            {fields.confirm.errors ? (
              <p id="confirm-error" className="field-error w-full">
                {fields.confirm.errors[0]}
              </p>
            ) : null}
            <button type="submit" className="btn-danger">
              {t("agency.merge")}
            </button>
          </>
        )}
      </IntentForm>
    </>
  );
}
