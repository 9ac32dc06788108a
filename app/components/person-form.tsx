import { Form } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import type { MessageKey } from "~/i18n";
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
};

const CATEGORIES = ["CAN_BO", "CONG_CHUC", "VIEN_CHUC", "NGUOI_LAO_DONG"] as const;
const IT_ROLES = ["NONE", "FULL_TIME", "PART_TIME"] as const;

export function PersonForm({
  values,
  agencies,
  errors,
  submitLabel,
}: {
  values: Partial<PersonFormValues>;
  agencies: { id: string; label: string }[];
  errors: Record<string, string>;
  submitLabel: string;
}) {
  const t = useT();
  return (
    <Form method="post" className="card grid gap-4 sm:grid-cols-2" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError message={errors.form} className="sm:col-span-2" />
      <Field name="fullName" label={t("people.fullName")} error={errors.fullName}>
        {(p) => <input {...p} defaultValue={values.fullName} required />}
      </Field>
      <Field name="email" label={t("people.email")} error={errors.email}>
        {(p) => <input {...p} type="email" defaultValue={values.email} required />}
      </Field>
      <Field name="agencyId" label={t("people.agency")} error={errors.agencyId}>
        {(p) => (
          <select {...p} defaultValue={values.agencyId}>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="position" label={t("people.position")} error={errors.position}>
        {(p) => <input {...p} defaultValue={values.position} />}
      </Field>
      <Field name="staffCategory" label={t("people.category")} error={errors.staffCategory}>
        {(p) => (
          <select {...p} defaultValue={values.staffCategory ?? "CONG_CHUC"}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`staff.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="itRole" label={t("people.itRole")} error={errors.itRole}>
        {(p) => (
          <select {...p} defaultValue={values.itRole ?? "NONE"}>
            {IT_ROLES.map((c) => (
              <option key={c} value={c}>
                {t(`it.${c}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="tags" label={t("people.tags")} error={errors.tags} hint={t("people.tagsHint")}>
        {(p) => <input {...p} defaultValue={values.tags?.join(", ")} />}
      </Field>
      <div className="flex items-center gap-2 self-end pb-2">
        <input
          id="isHeadOfUnit"
          name="isHeadOfUnit"
          type="checkbox"
          value="true"
          defaultChecked={values.isHeadOfUnit}
        />
        <label htmlFor="isHeadOfUnit" className="text-sm">
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
