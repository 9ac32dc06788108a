// The class / drill form shared by /offerings/new and /offerings/<id>/edit, on conform with the schema the
// action parses (offeringFormSchema). Times are Vietnam wall clock typed as dd/mm/yyyy hh:mm (DateTimeInput:
// not datetime-local, which follows the browser's locale); sessions and quotas are conform list fields.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { DateField } from "~/components/date-input";
import { Field, FormError } from "~/components/field";
import { type Option, Options } from "~/components/options";
import { type OfferingFormValues, offeringFormSchema } from "~/domain/scheduling";
import { IT_ROLES } from "~/domain/staff";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";
import { QuotaRows, SessionFieldsets } from "./offering-form-lists";

export type OfferingFormProps = {
  defaults: OfferingFormValues;
  organiserAgencies: Option[];
  quotaAgencies: Option[];
  courses: Option[];
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  busy: boolean;
};

const ticked = (v: unknown) => v === true || v === "on" || v === "true";
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

const useOfferingConform = (props: OfferingFormProps) =>
  useZodForm(offeringFormSchema, {
    lastResult: props.lastResult,
    defaultValue: props.defaults,
    disableAutoCoercion: true,
  });
export type OfferingConform = ReturnType<typeof useOfferingConform>;

export function OfferingForm(props: OfferingFormProps) {
  const t = useT();
  const [form, fields] = useOfferingConform(props);
  const text = (name: keyof typeof fields) => String(fields[name].initialValue ?? "");
  const roles = asList(fields.audienceItRoles.initialValue);
  return (
    <Form method="post" className="space-y-4" {...getFormProps(form)}>
      <FormError message={form.errors?.[0]} />
      <div className="card grid gap-4 sm:grid-cols-2">
        <Field field={fields.kind} label={t("off.kind")}>
          {(p) => (
            <select {...p} defaultValue={text("kind")}>
              <option value="DRILL">{t("off.kind.DRILL")}</option>
              <option value="CLASS">{t("off.kind.CLASS")}</option>
            </select>
          )}
        </Field>
        <Field field={fields.organiserAgencyId} label={t("off.organiser")}>
          {(p) => (
            <select {...p} defaultValue={text("organiserAgencyId")}>
              <Options items={props.organiserAgencies} />
            </select>
          )}
        </Field>
        <Field field={fields.title} label={t("off.name")} className="sm:col-span-2">
          {(p) => <input {...p} defaultValue={text("title")} required maxLength={200} />}
        </Field>
        <Field field={fields.description} label={t("off.description")} className="sm:col-span-2">
          {(p) => <textarea {...p} rows={3} defaultValue={text("description")} />}
        </Field>
        <Field field={fields.courseId} label={t("off.course")}>
          {(p) => (
            <select {...p} defaultValue={text("courseId")}>
              <option value="">—</option>
              <Options items={props.courses} />
            </select>
          )}
        </Field>
        <Field field={fields.topics} label={t("off.topics")}>
          {(p) => <input {...p} defaultValue={text("topics")} placeholder="attt-chuyen-sau" />}
        </Field>
        <fieldset>
          <legend className="label">{t("off.audience")}</legend>
          {IT_ROLES.filter((r) => r !== "NONE").map((r) => (
            <label key={r} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={fields.audienceItRoles.name}
                value={r}
                defaultChecked={roles.includes(r)}
              />
              {t(r === "FULL_TIME" ? "ui.itFullTimeAudience" : "ui.itPartTimeAudience")}
            </label>
          ))}
          <Field field={fields.audienceTags} label={t("off.tags")} className="mt-2">
            {(p) => <input {...p} defaultValue={text("audienceTags")} placeholder="doi-ung-cuu-su-co" />}
          </Field>
        </fieldset>
        <div className="grid gap-3">
          <Field field={fields.capacity} label={t("off.capacity")}>
            {(p) => (
              <input {...p} type="number" min={1} max={10000} defaultValue={text("capacity")} required />
            )}
          </Field>
          <Field field={fields.attendanceThreshold} label={t("off.threshold")}>
            {(p) => (
              <input {...p} type="number" min={1} max={100} defaultValue={text("attendanceThreshold")} />
            )}
          </Field>
          <Field field={fields.validityMonths} label={t("off.validity")}>
            {(p) => <input {...p} type="number" min={1} max={120} defaultValue={text("validityMonths")} />}
          </Field>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={fields.requiresPostTest.name}
              value="true"
              defaultChecked={ticked(fields.requiresPostTest.initialValue)}
            />{" "}
            {t("off.postTest")}
          </label>
        </div>
        {(["registrationOpensAt", "registrationClosesAt"] as const).map((k) => (
          <DateField
            key={k}
            name={fields[k].name}
            label={`${t("off.window")} — ${t(k === "registrationOpensAt" ? "ui.windowOpens" : "ui.windowCloses")}`}
            error={fields[k].errors?.[0]}
            defaultValue={text(k)}
            withTime
          />
        ))}
        <Field field={fields.instructorEmails} label={t("off.instructorEmails")} className="sm:col-span-2">
          {(p) => <input {...p} defaultValue={text("instructorEmails")} />}
        </Field>
      </div>
      <SessionFieldsets form={form} field={fields.sessions} />
      <QuotaRows form={form} field={fields.quotas} agencies={props.quotaAgencies} />
      <button type="submit" className="btn-primary" disabled={props.busy}>
        {props.submitLabel}
      </button>
    </Form>
  );
}

/** The whole page of /offerings/new and /offerings/<id>/edit: a way back, the heading, the form. */
export function OfferingFormPage({
  back,
  heading,
  ...form
}: OfferingFormProps & { back: { to: string; label: string }; heading: string }) {
  return (
    <div className="max-w-4xl space-y-4">
      <Link to={back.to} className="text-sm text-red-800 hover:underline">
        ← {back.label}
      </Link>
      <h1 className="text-2xl font-semibold">{heading}</h1>
      <OfferingForm {...form} />
    </div>
  );
}
