// The add/edit person form (conform): the same schema validates in the browser and in the action; field
// errors from either, or from a refused domain rule (email or staff code taken), show next to their field.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { PERSON_FORM_OPTIONS, personFormSchema } from "~/domain/people";
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import type { MessageKey } from "~/i18n";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";

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
  const [form, fields] = useZodForm(personFormSchema, {
    ...PERSON_FORM_OPTIONS,
    lastResult,
    defaultValue: {
      ...values,
      staffCode: values.staffCode ?? "",
      staffCategory: values.staffCategory ?? "CONG_CHUC",
      itRole: values.itRole ?? "NONE",
      tags: values.tags?.join(", ") ?? "",
      isHeadOfUnit: values.isHeadOfUnit ? "true" : "",
    },
  });
  const initial = (f: { initialValue?: unknown }) =>
    typeof f.initialValue === "string" ? f.initialValue : "";
  const select = (f: { initialValue?: unknown }, options: { value: string; label: string }[]) =>
    function Select(p: object) {
      return (
        <select {...p} defaultValue={initial(f)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    };
  const agencyOptions = agencies.map((a) => ({ value: a.id, label: a.label }));
  const categoryOptions = STAFF_CATEGORIES.map((c) => ({ value: c, label: t(`staff.${c}` as MessageKey) }));
  const itRoleOptions = IT_ROLES.map((c) => ({ value: c, label: t(`it.${c}` as MessageKey) }));
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="intent" value="save" />
      <FormError message={form.errors?.[0]} className="sm:col-span-2" />
      <Field field={fields.fullName} label={t("people.fullName")}>
        {(p) => <input {...p} defaultValue={initial(fields.fullName)} required />}
      </Field>
      <Field field={fields.email} label={t("people.email")}>
        {(p) => <input {...p} type="email" defaultValue={initial(fields.email)} required />}
      </Field>
      <Field field={fields.agencyId} label={t("people.agency")}>
        {select(fields.agencyId, agencyOptions)}
      </Field>
      <Field field={fields.position} label={t("people.position")}>
        {(p) => <input {...p} defaultValue={initial(fields.position)} />}
      </Field>
      <Field field={fields.staffCategory} label={t("people.category")}>
        {select(fields.staffCategory, categoryOptions)}
      </Field>
      <Field field={fields.itRole} label={t("people.itRole")}>
        {select(fields.itRole, itRoleOptions)}
      </Field>
      <Field field={fields.staffCode} label={t("people.staffCode")} hint={t("people.staffCodeHint")}>
        {(p) => <input {...p} defaultValue={initial(fields.staffCode)} autoComplete="off" />}
      </Field>
      <Field field={fields.tags} label={t("people.tags")} hint={t("people.tagsHint")}>
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
