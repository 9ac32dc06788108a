// Forms of a plan and of a target (kế hoạch, chỉ tiêu), on conform: the zod schemas of
// app/modules/targets/schema.ts check them in the browser and again in the action, whose reply (lastResult)
// puts the messages next to the fields.
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { DateField } from "~/components/date-input";
import type { MessageKey } from "~/i18n";
import { planFormSchema, targetFormSchema } from "~/modules/targets/schema";
import { useT, useLocale } from "~/utils/i18n";
import { formatIssues } from "~/utils/forms";

type Errors = Record<string, string | undefined>;
export type FormResult = SubmissionResult<string[]> | null | undefined;

/** First message per field, and the form's own under "form". */
function firstErrors(
  formErrors: string[] | undefined,
  fields: Record<string, { errors?: string[] }>,
): Errors {
  const out: Errors = { form: formErrors?.[0] };
  for (const [k, f] of Object.entries(fields)) out[k] = f.errors?.[0];
  return out;
}
const Err = ({ e }: { e?: string }) => (e ? <p className="field-error">{e}</p> : null);

export type PlanValues = {
  documentNumber: string;
  title: string;
  issuer: string;
  year: number | string;
  period: string;
  agencyId: string;
  startsAt: string;
  active: boolean;
};

export function PlanForm({
  values,
  agencies,
  lastResult,
  busy,
}: {
  values: PlanValues;
  agencies: { id: string; label: string }[];
  lastResult: FormResult;
  busy: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "plan-form",
    lastResult,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: planFormSchema, formatError: formatIssues(locale) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const errors = firstErrors(form.errors, fields);
  const text = (
    name: keyof PlanValues,
    label: string,
    extra: { placeholder?: string; className?: string } = {},
  ) => (
    <div className={extra.className}>
      <label htmlFor={name} className="label">
        {label}
      </label>
      <input
        id={name}
        name={name}
        className="input"
        defaultValue={String(values[name])}
        placeholder={extra.placeholder}
      />
      <Err e={errors[name]} />
    </div>
  );
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="intent" value="plan" />
      {text("title", t("plans.titleField"), { className: "sm:col-span-2" })}
      {text("documentNumber", t("plans.documentNumber"), { placeholder: "123/KH-UBND" })}
      {text("issuer", t("plans.issuer"))}
      {text("year", t("plans.year"))}
      {text("period", t("plans.period"), { placeholder: "2026–2030" })}
      <div>
        <label htmlFor="agencyId" className="label">
          {t("plans.agency")}
        </label>
        <select id="agencyId" name="agencyId" className="input" defaultValue={values.agencyId}>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
        <Err e={errors.agencyId} />
      </div>
      <DateField
        name="startsAt"
        label={t("plans.startsAt")}
        error={errors.startsAt}
        defaultValue={values.startsAt}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="active" defaultChecked={values.active} /> {t("plans.active")}
      </label>
      <div className="sm:col-span-2">
        <Err e={errors.form} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("plans.save")}
        </button>
      </div>
    </Form>
  );
}

export type TargetValues = {
  id: string | null;
  code: string;
  title: string;
  position: number;
  agencyId: string;
  staffCategories: string[];
  itRoles: string[];
  headOfUnitOnly: boolean;
  tags: string;
  topics: string[];
  targetPercent: number | string;
  deadline: string;
};

// Targets list the IT roles that count first.
const TARGET_IT_ROLES = [...IT_ROLES.slice(1), IT_ROLES[0]];

export function TargetForm({
  values,
  agencies,
  topics,
  lastResult,
  busy,
}: {
  values: TargetValues;
  agencies: { id: string; label: string }[];
  topics: string[];
  lastResult: FormResult;
  busy: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "target-form",
    lastResult,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: targetFormSchema, formatError: formatIssues(locale) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const errors = firstErrors(form.errors, fields);
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-4">
      <input type="hidden" name="intent" value="target" />
      {values.id ? <input type="hidden" name="targetId" value={values.id} /> : null}
      <div>
        <label htmlFor="code" className="label">
          {t("plans.code")}
        </label>
        <input id="code" name="code" className="input" defaultValue={values.code} />
        <Err e={errors.code} />
      </div>
      <div className="sm:col-span-3">
        <label htmlFor="ttitle" className="label">
          {t("plans.targetTitle")}
        </label>
        <input id="ttitle" name="title" className="input" defaultValue={values.title} />
        <Err e={errors.title} />
      </div>
      <div className="sm:col-span-2">
        <label htmlFor="tagency" className="label">
          {t("plans.targetAgency")}
        </label>
        <select id="tagency" name="agencyId" className="input" defaultValue={values.agencyId}>
          <option value="">—</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
        <Err e={errors.agencyId} />
      </div>
      <div>
        <label htmlFor="targetPercent" className="label">
          {t("plans.targetPercent")}
        </label>
        <input
          id="targetPercent"
          name="targetPercent"
          type="number"
          min={1}
          max={100}
          className="input"
          defaultValue={values.targetPercent}
        />
        <Err e={errors.targetPercent} />
      </div>
      <DateField
        name="deadline"
        label={t("plans.deadline")}
        error={errors.deadline}
        defaultValue={values.deadline}
      />
      <fieldset className="sm:col-span-2">
        <legend className="label">{t("plans.staffCategories")}</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {STAFF_CATEGORIES.map((c) => (
            <label key={c} className="flex items-center gap-1">
              <input
                type="checkbox"
                name="staffCategories"
                value={c}
                defaultChecked={values.staffCategories.includes(c)}
              />
              {t(`staff.${c}` as MessageKey)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="sm:col-span-2">
        <legend className="label">{t("plans.itRoles")}</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {TARGET_IT_ROLES.map((r) => (
            <label key={r} className="flex items-center gap-1">
              <input type="checkbox" name="itRoles" value={r} defaultChecked={values.itRoles.includes(r)} />
              {t(`it.${r}` as MessageKey)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="sm:col-span-2">
        <legend className="label">{t("plans.topics")}</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {topics.map((tp) => (
            <label key={tp} className="flex items-center gap-1">
              <input type="checkbox" name="topics" value={tp} defaultChecked={values.topics.includes(tp)} />
              <code>{tp}</code>
            </label>
          ))}
        </div>
        <Err e={errors.topics} />
      </fieldset>
      <div>
        <label htmlFor="tags" className="label">
          {t("plans.tags")}
        </label>
        <input id="tags" name="tags" className="input" defaultValue={values.tags} />
        <Err e={errors.tags} />
      </div>
      <div className="flex flex-col justify-end gap-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="headOfUnitOnly" defaultChecked={values.headOfUnitOnly} />{" "}
          {t("plans.headOnly")}
        </label>
        <input type="hidden" name="position" value={values.position} />
      </div>
      <div className="sm:col-span-4">
        <Err e={errors.form} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("plans.saveTarget")}
        </button>
      </div>
    </Form>
  );
}
