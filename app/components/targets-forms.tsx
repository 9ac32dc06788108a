// Forms of a plan, a target and a snapshot (kế hoạch, chỉ tiêu, số liệu chốt), on conform: the zod schemas
// of app/domain/targets.ts check them in the browser and again in the action, whose reply (lastResult) puts
// the messages next to the fields through <Field>.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode } from "react";
import { DateField } from "~/components/date-input";
import { type ConformFieldLike, Field, FormError } from "~/components/field";
import { STAFF_CATEGORIES } from "~/domain/staff";
import {
  planFormSchema,
  SNAPSHOT_PERIODS,
  snapshotFormSchema,
  TARGET_IT_ROLES,
  targetFormSchema,
} from "~/domain/targets";
import type { MessageKey } from "~/i18n";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";

export type FormResult = SubmissionResult<string[]> | null | undefined;
type Option = { id: string; label: string };

type TextProps = Omit<InputHTMLAttributes<HTMLInputElement>, "defaultValue" | "id" | "name"> & {
  field: ConformFieldLike;
  label: ReactNode;
  defaultValue?: string | number;
  id?: string;
};

function TextField({ field, label, id, className, defaultValue, ...input }: TextProps) {
  return (
    <Field field={field} id={id} label={label} className={className}>
      {(p) => <input {...p} {...input} defaultValue={defaultValue} />}
    </Field>
  );
}

function SelectField({
  field,
  label,
  id,
  className,
  options,
  defaultValue,
  empty,
}: {
  field: ConformFieldLike;
  label: ReactNode;
  id?: string;
  className?: string;
  options: readonly Option[];
  defaultValue: string;
  /** A first option with the empty value. */
  empty?: string;
}) {
  return (
    <Field field={field} id={id} label={label} className={className}>
      {(p) => (
        <select {...p} defaultValue={defaultValue}>
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function CheckboxGroup({
  legend,
  field,
  options,
  checked,
}: {
  legend: ReactNode;
  field: ConformFieldLike;
  options: readonly { value: string; label: ReactNode }[];
  checked: readonly string[];
}) {
  const error = field.errors?.[0];
  return (
    <fieldset className="sm:col-span-2" aria-describedby={error ? `${field.name}-error` : undefined}>
      <legend className="label">{legend}</legend>
      <div className="flex flex-wrap gap-3 text-sm">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1">
            <input
              type="checkbox"
              name={field.name}
              value={o.value}
              defaultChecked={checked.includes(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${field.name}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function Submit({ label, busy, error }: { label: string; busy: boolean; error?: string }) {
  return (
    <>
      <FormError message={error} className="mb-2" />
      <button type="submit" className="btn-primary" disabled={busy}>
        {label}
      </button>
    </>
  );
}

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

const PLAN_TEXT_FIELDS = [
  ["title", "plans.titleField", { className: "sm:col-span-2" }],
  ["documentNumber", "plans.documentNumber", { placeholder: "123/KH-UBND" }],
  ["issuer", "plans.issuer", {}],
  ["year", "plans.year", { inputMode: "numeric" }],
  ["period", "plans.period", { placeholder: "2026–2030" }],
] as const satisfies readonly [keyof PlanValues, MessageKey, Partial<TextProps>][];

export function PlanForm({
  values,
  agencies,
  lastResult,
  busy,
}: {
  values: PlanValues;
  agencies: Option[];
  lastResult: FormResult;
  busy: boolean;
}) {
  const t = useT();
  const [form, fields] = useZodForm(planFormSchema, { id: "plan-form", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="intent" value="plan" />
      {PLAN_TEXT_FIELDS.map(([name, label, extra]) => (
        <TextField key={name} field={fields[name]} label={t(label)} defaultValue={values[name]} {...extra} />
      ))}
      <SelectField
        field={fields.agencyId}
        label={t("plans.agency")}
        options={agencies}
        defaultValue={values.agencyId}
      />
      <DateField
        name={fields.startsAt.name}
        label={t("plans.startsAt")}
        error={fields.startsAt.errors?.[0]}
        defaultValue={values.startsAt}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name={fields.active.name} defaultChecked={values.active} /> {t("plans.active")}
      </label>
      <div className="sm:col-span-2">
        <Submit label={t("plans.save")} busy={busy} error={form.errors?.[0]} />
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

/** A new target of a plan: whole plan, everyone, 100 % by the end of the plan's year. */
export function newTargetValues(position: number, year: number): TargetValues {
  return {
    id: null,
    code: "",
    title: "",
    position,
    agencyId: "",
    staffCategories: [],
    itRoles: [],
    headOfUnitOnly: false,
    tags: "",
    topics: [],
    targetPercent: 100,
    deadline: `31/12/${year}`,
  };
}

export function TargetForm({
  values,
  agencies,
  topics,
  lastResult,
  busy,
}: {
  values: TargetValues;
  agencies: Option[];
  topics: string[];
  lastResult: FormResult;
  busy: boolean;
}) {
  const t = useT();
  const [form, fields] = useZodForm(targetFormSchema, { id: "target-form", lastResult });
  const labelled = (values: readonly string[], prefix: string) =>
    values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) }));
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-4">
      <input type="hidden" name="intent" value="target" />
      {values.id ? <input type="hidden" name="targetId" value={values.id} /> : null}
      <input type="hidden" name={fields.position.name} value={values.position} />
      <TextField field={fields.code} label={t("plans.code")} defaultValue={values.code} />
      {/* The plan form above has a title and an agency too: these get their own ids. */}
      <TextField
        field={fields.title}
        id="ttitle"
        label={t("plans.targetTitle")}
        defaultValue={values.title}
        className="sm:col-span-3"
      />
      <SelectField
        field={fields.agencyId}
        id="tagency"
        label={t("plans.targetAgency")}
        options={agencies}
        defaultValue={values.agencyId}
        empty="—"
        className="sm:col-span-2"
      />
      <TextField
        field={fields.targetPercent}
        label={t("plans.targetPercent")}
        defaultValue={values.targetPercent}
        type="number"
        min={1}
        max={100}
      />
      <DateField
        name={fields.deadline.name}
        label={t("plans.deadline")}
        error={fields.deadline.errors?.[0]}
        defaultValue={values.deadline}
      />
      <CheckboxGroup
        legend={t("plans.staffCategories")}
        field={fields.staffCategories}
        options={labelled(STAFF_CATEGORIES, "staff")}
        checked={values.staffCategories}
      />
      <CheckboxGroup
        legend={t("plans.itRoles")}
        field={fields.itRoles}
        options={labelled(TARGET_IT_ROLES, "it")}
        checked={values.itRoles}
      />
      <CheckboxGroup
        legend={t("plans.topics")}
        field={fields.topics}
        options={topics.map((tp) => ({ value: tp, label: <code>{tp}</code> }))}
        checked={values.topics}
      />
      <TextField field={fields.tags} label={t("plans.tags")} defaultValue={values.tags} />
      <div className="flex flex-col justify-end gap-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name={fields.headOfUnitOnly.name} defaultChecked={values.headOfUnitOnly} />{" "}
          {t("plans.headOnly")}
        </label>
      </div>
      <div className="sm:col-span-4">
        <Submit label={t("plans.saveTarget")} busy={busy} error={form.errors?.[0]} />
      </div>
    </Form>
  );
}

/** A manual snapshot of a plan: a reporting period of a year, or any past day. */
export function SnapshotForm({
  planId,
  year,
  lastResult,
  busy,
}: {
  planId: string;
  year: number;
  lastResult: FormResult;
  busy: boolean;
}) {
  const t = useT();
  const [form, fields] = useZodForm(snapshotFormSchema, {
    lastResult,
    defaultValue: { plan: planId, period: "Q1", year: String(year), date: "", label: "" },
  });
  // What was typed comes back with a refused post (JavaScript off), else the defaults above.
  const initial = (f: { initialValue?: unknown }) =>
    typeof f.initialValue === "string" ? f.initialValue : "";
  // The plan is chosen on the page, the period from a list: their errors belong to the whole form.
  const formError = form.errors?.[0] ?? fields.plan.errors?.[0];
  return (
    <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-5 sm:items-start">
      <input type="hidden" name={fields.plan.name} value={planId} />
      <FormError message={formError} className="sm:col-span-5" />
      <SelectField
        field={fields.period}
        label={t("snap.period")}
        options={SNAPSHOT_PERIODS.map((p) => ({ id: p, label: t(`snap.period.${p}`) }))}
        defaultValue={initial(fields.period)}
        className="sm:col-span-2"
      />
      <TextField
        field={fields.year}
        label={t("snap.year")}
        type="number"
        inputMode="numeric"
        defaultValue={initial(fields.year)}
      />
      <DateField
        name={fields.date.name}
        label={t("snap.date")}
        error={fields.date.errors?.[0]}
        defaultValue={initial(fields.date)}
        className="sm:col-span-2"
      />
      <TextField
        field={fields.label}
        label={t("snap.label")}
        placeholder={t("targets.snapshotLabelExample")}
        defaultValue={initial(fields.label)}
        className="sm:col-span-4"
      />
      <div className="sm:pt-6">
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("snap.create")}
        </button>
      </div>
    </Form>
  );
}
