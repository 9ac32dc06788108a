// Who a new assignment reaches: staff categories and IT roles (checkbox lists of one conform list field each)
// and "heads of unit only" (given by the caller, under the IT roles).
import type { ReactNode } from "react";
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import type { MessageKey } from "~/i18n";
import { useT } from "~/utils/i18n";

/** What these lists need of conform's field (fields.x). */
type ListField = { name: string; initialValue?: unknown };

function CheckboxList({
  field,
  legend,
  values,
  labelKey,
  children,
}: {
  field: ListField;
  legend: string;
  values: readonly string[];
  labelKey: (value: string) => string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend className="label">{legend}</legend>
      {values.map((c) => (
        <label key={c} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name={field.name}
            value={c}
            defaultChecked={Array.isArray(field.initialValue) && field.initialValue.includes(c)}
          />{" "}
          {t(labelKey(c) as MessageKey)}
        </label>
      ))}
      {children}
    </fieldset>
  );
}

export function AudienceFields({
  staffCategories,
  itRoles,
  children,
}: {
  staffCategories: ListField;
  itRoles: ListField;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <>
      <CheckboxList
        field={staffCategories}
        legend={t("asg.categories")}
        values={STAFF_CATEGORIES}
        labelKey={(c) => `staff.${c}`}
      />
      <CheckboxList field={itRoles} legend={t("asg.itRoles")} values={IT_ROLES} labelKey={(c) => `it.${c}`}>
        {children}
      </CheckboxList>
    </>
  );
}
