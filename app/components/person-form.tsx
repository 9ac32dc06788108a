import { Form } from "@remix-run/react";
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
  const err = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;
  const aria = (name: string) => ({
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${name}-error` : undefined,
  });
  return (
    <Form method="post" className="card grid gap-4 sm:grid-cols-2" noValidate>
      <input type="hidden" name="intent" value="save" />
      {errors.form ? (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-2"
        >
          {errors.form}
        </p>
      ) : null}
      <div>
        <label htmlFor="fullName" className="label">
          {t("people.fullName")}
        </label>
        <input
          id="fullName"
          name="fullName"
          defaultValue={values.fullName}
          className="input"
          required
          {...aria("fullName")}
        />
        {err("fullName")}
      </div>
      <div>
        <label htmlFor="email" className="label">
          {t("people.email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          defaultValue={values.email}
          className="input"
          required
          {...aria("email")}
        />
        {err("email")}
      </div>
      <div>
        <label htmlFor="agencyId" className="label">
          {t("people.agency")}
        </label>
        <select
          id="agencyId"
          name="agencyId"
          defaultValue={values.agencyId}
          className="input"
          {...aria("agencyId")}
        >
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {a.label}
            </option>
          ))}
        </select>
        {err("agencyId")}
      </div>
      <div>
        <label htmlFor="position" className="label">
          {t("people.position")}
        </label>
        <input
          id="position"
          name="position"
          defaultValue={values.position}
          className="input"
          {...aria("position")}
        />
        {err("position")}
      </div>
      <div>
        <label htmlFor="staffCategory" className="label">
          {t("people.category")}
        </label>
        <select
          id="staffCategory"
          name="staffCategory"
          defaultValue={values.staffCategory ?? "CONG_CHUC"}
          className="input"
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`staff.${c}` as MessageKey)}
            </option>
          ))}
        </select>
        {err("staffCategory")}
      </div>
      <div>
        <label htmlFor="itRole" className="label">
          {t("people.itRole")}
        </label>
        <select id="itRole" name="itRole" defaultValue={values.itRole ?? "NONE"} className="input">
          {IT_ROLES.map((c) => (
            <option key={c} value={c}>
              {t(`it.${c}` as MessageKey)}
            </option>
          ))}
        </select>
        {err("itRole")}
      </div>
      <div>
        <label htmlFor="tags" className="label">
          {t("people.tags")}
        </label>
        <input
          id="tags"
          name="tags"
          defaultValue={values.tags?.join(", ")}
          className="input"
          aria-describedby="tags-hint"
        />
        <p id="tags-hint" className="mt-1 text-xs text-slate-500">
          {t("people.tagsHint")}
        </p>
        {err("tags")}
      </div>
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
