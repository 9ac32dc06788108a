// The add/edit person form (conform): the same schema validates in the browser and in the action; field
// errors from either, or from a refused domain rule (email or staff code taken), show next to their field.
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import type { MessageKey } from "~/i18n";
import { PERSON_FORM } from "~/modules/people/form";
import { formatIssues } from "~/utils/forms";
import { useLocale, useT } from "~/utils/i18n";

export type PersonFormValues = {
  fullName: string;
  email: string;
  agencyId: string;
  staffCategory: string;
  position: string;
  isHeadOfUnit: boolean;
  itRole: string;
  tags: string[];
  staffCode: string | null;
};

export function PersonForm({
  values,
  agencies,
  lastResult,
  submitLabel,
}: {
  values: Partial<PersonFormValues>;
  agencies: { id: string; label: string }[];
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      ...values,
      staffCode: values.staffCode ?? "",
      staffCategory: values.staffCategory ?? "CONG_CHUC",
      itRole: values.itRole ?? "NONE",
      tags: values.tags?.join(", ") ?? "",
      isHeadOfUnit: values.isHeadOfUnit ? "true" : "",
    },
    onValidate: ({ formData }) =>
      parseWithZod(formData, { ...PERSON_FORM, formatError: formatIssues(locale) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const err = (f: { errors?: string[] }) => f.errors?.[0];
  const initial = (f: { initialValue?: unknown }) =>
    typeof f.initialValue === "string" ? f.initialValue : "";
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="intent" value="save" />
      <FormError message={form.errors?.[0]} className="sm:col-span-2" />
      <Field name={fields.fullName.name} label={t("people.fullName")} error={err(fields.fullName)}>
        {(p) => <input {...p} defaultValue={initial(fields.fullName)} required />}
      </Field>
      <Field name={fields.email.name} label={t("people.email")} error={err(fields.email)}>
        {(p) => <input {...p} type="email" defaultValue={initial(fields.email)} required />}
      </Field>
      <Field name={fields.agencyId.name} label={t("people.agency")} error={err(fields.agencyId)}>
        {(p) => (
          <select {...p} defaultValue={initial(fields.agencyId)}>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name={fields.position.name} label={t("people.position")} error={err(fields.position)}>
        {(p) => <input {...p} defaultValue={initial(fields.position)} />}
      </Field>
      <Field name={fields.staffCategory.name} label={t("people.category")} error={err(fields.staffCategory)}>
        {(p) => (
          <select {...p} defaultValue={initial(fields.staffCategory)}>
            {STAFF_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`staff.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name={fields.itRole.name} label={t("people.itRole")} error={err(fields.itRole)}>
        {(p) => (
          <select {...p} defaultValue={initial(fields.itRole)}>
            {IT_ROLES.map((c) => (
              <option key={c} value={c}>
                {t(`it.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        name={fields.staffCode.name}
        label={t("people.staffCode")}
        error={err(fields.staffCode)}
        hint={t("people.staffCodeHint")}
      >
        {(p) => <input {...p} defaultValue={initial(fields.staffCode)} autoComplete="off" />}
      </Field>
      <Field
        name={fields.tags.name}
        label={t("people.tags")}
        error={err(fields.tags)}
        hint={t("people.tagsHint")}
      >
        {(p) => <input {...p} defaultValue={initial(fields.tags)} />}
      </Field>
      <div className="flex items-center gap-2 self-end pb-2">
        <input
          id={fields.isHeadOfUnit.name}
          name={fields.isHeadOfUnit.name}
          type="checkbox"
          value="true"
          defaultChecked={fields.isHeadOfUnit.initialValue === "true"}
        />
        <label htmlFor={fields.isHeadOfUnit.name} className="text-sm">
          {t("people.head")}
        </label>
      </div>
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
