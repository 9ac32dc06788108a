import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateField } from "~/components/date-input";
import { Field, FormError } from "~/components/field";
import type { MessageKey } from "~/i18n";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { createAssignment } from "~/modules/assignments/assignments.server";
import { newAssignmentSchema } from "~/modules/assignments/form";
import {
  assignableCourses,
  formToInput,
  previewWithWarnings,
  type AssignmentPreview,
} from "~/modules/assignments/new-assignment.server";
import { requireManager } from "~/modules/auth/guards.server";
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import { DomainError } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatIssues } from "~/utils/forms";
import { errorBody, forbidden } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { formatDate } from "~/utils/format";
import { readForm } from "~/utils/read-form.server";
import { pageTitle, useLocale, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.assignmentNew") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  const [courses, agencies] = await Promise.all([assignableCourses(), listAgencyOptions(scope)]);
  return { courses, agencies: indentedAgencyOptions(agencies) };
}

// The service names its fields after the input (personIds); the form shows them next to its own fields.
const FORM_FIELD: Record<string, string> = { personIds: "emails" };

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const formData = await readForm(request);
  // The reply carries the schema's message keys: the page translates them (msg below).
  const submission = parseWithZod(formData, { schema: newAssignmentSchema() });
  if (submission.status !== "success")
    return data({ result: submission.reply(), preview: null, stale: false }, { status: 400 });
  const t = serverT(request);
  const value = submission.value;
  try {
    const { input, missing } = await formToInput(scope, value);
    if (missing.length)
      return data(
        {
          result: submission.reply({
            fieldErrors: { emails: [t("asg.err.emailsMissing", { emails: missing.join(", ") })] },
          }),
          preview: null,
          stale: false,
        },
        { status: 400 },
      );
    const preview = await previewWithWarnings(scope, input);
    // Create only what the coordinator saw: same audience, same count, same overlaps as the preview.
    if (value.intent === "preview" || value.previewToken !== preview.token)
      return { result: submission.reply(), preview, stale: value.intent === "confirm" };
    const created = await createAssignment(scope, input, actor.userId);
    return redirectWithFlash(`/assignments/${created.id}`, {
      kind: "success",
      message: t("asg.created", { count: created.count }),
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.status === 403 || error.status === 404)
      throw data(errorBody(error.ref), { status: error.status });
    // A key the page translates, or, when it has values, the text in the reader's locale.
    const message = Object.keys(error.params).length ? error.render(getLocale(request)) : error.key;
    const field = error.field ? (FORM_FIELD[error.field] ?? error.field) : null;
    return data(
      {
        result: submission.reply(field ? { fieldErrors: { [field]: [message] } } : { formErrors: [message] }),
        preview: null,
        stale: false,
      },
      { status: error.status },
    );
  }
}

export default function NewAssignmentPage() {
  const { courses, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "new-assignment",
    lastResult: navigation.state === "idle" ? actionData?.result : undefined,
    defaultValue: { includeSubagencies: "on", standing: "on" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate({ formData }) {
      // Revalidating while typing has no submitter; check the fields as a preview would.
      if (!formData.has("intent")) formData.set("intent", "preview");
      return parseWithZod(formData, { schema: newAssignmentSchema(), formatError: formatIssues(locale) });
    },
  });
  // Messages are i18n keys from the shared schema, or already translated text from the server.
  const msg = (errors: string[] | undefined) => (errors?.[0] ? t(errors[0] as MessageKey) : undefined);
  const preview: AssignmentPreview | null = actionData && "preview" in actionData ? actionData.preview : null;
  const busy = navigation.state !== "idle";
  const agencyOf = fields.agencyId;

  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("asg.new")}</h1>
      <FormError message={msg(form.errors)} />
      <Form method="post" className="card grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
        <Field
          name={fields.courseId.name}
          label={t("asg.course")}
          error={msg(fields.courseId.errors)}
          className="sm:col-span-2"
        >
          {(control) => (
            <select {...getSelectProps(fields.courseId)} {...control}>
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field name={agencyOf.name} label={t("asg.agency")} error={msg(agencyOf.errors)}>
            {(control) => (
              <select {...getSelectProps(agencyOf)} {...control}>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="mt-1 flex items-center gap-2 text-sm">
            <input {...getInputProps(fields.includeSubagencies, { type: "checkbox" })} />{" "}
            {t("asg.includeSub")}
          </label>
        </div>
        <fieldset>
          <legend className="label">{t("asg.categories")}</legend>
          {STAFF_CATEGORIES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={fields.staffCategories.name}
                value={c}
                defaultChecked={fields.staffCategories.initialValue?.includes(c)}
              />{" "}
              {t(`staff.${c}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="label">{t("asg.itRoles")}</legend>
          {IT_ROLES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={fields.itRoles.name}
                value={c}
                defaultChecked={fields.itRoles.initialValue?.includes(c)}
              />{" "}
              {t(`it.${c}` as MessageKey)}
            </label>
          ))}
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input {...getInputProps(fields.headOfUnitOnly, { type: "checkbox" })} /> {t("asg.headOnly")}
          </label>
        </fieldset>
        <Field name={fields.tags.name} label={t("asg.tags")} error={msg(fields.tags.errors)}>
          {(control) => <input {...getInputProps(fields.tags, { type: "text" })} {...control} />}
        </Field>
        <Field name={fields.emails.name} label={t("asg.emails")} error={msg(fields.emails.errors)}>
          {(control) => <textarea {...getTextareaProps(fields.emails)} {...control} rows={2} />}
        </Field>
        <DateField
          name={fields.dueAt.name}
          label={t("asg.dueAt")}
          error={msg(fields.dueAt.errors)}
          defaultValue={fields.dueAt.initialValue as string | undefined}
        />
        <Field name={fields.dueDays.name} label={t("asg.dueDays")} error={msg(fields.dueDays.errors)}>
          {(control) => (
            <input {...getInputProps(fields.dueDays, { type: "number" })} {...control} min={1} max={365} />
          )}
        </Field>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input {...getInputProps(fields.standing, { type: "checkbox" })} /> {t("asg.standing")}
        </label>
        {preview && preview.overlap.people > 0 ? (
          <div
            role="alert"
            data-testid="overlap-warning"
            className="space-y-1 rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 sm:col-span-2"
          >
            <p className="font-semibold">{t("asg.warn.title")}</p>
            <ul className="list-disc space-y-1 pl-5">
              {preview.overlap.assignments.map((o) => {
                const from = formatDate(o.dueFrom);
                const to = formatDate(o.dueTo);
                return (
                  <li key={o.assignmentId}>
                    {t("asg.warn.overlap", {
                      count: o.people,
                      assigned: formatDate(o.assignedAt),
                      due: from === to ? from : `${from}–${to}`,
                      name: o.title || o.agencyName || t("asg.warn.named"),
                    })}
                  </li>
                );
              })}
            </ul>
            {preview.overlap.assignments.length > 1 ? (
              <p>{t("asg.warn.total", { count: preview.overlap.people })}</p>
            ) : null}
            <p>{t("asg.warn.hint")}</p>
          </div>
        ) : null}
        {actionData && "stale" in actionData && actionData.stale ? (
          <p role="alert" className="text-sm text-red-800 sm:col-span-2">
            {t("asg.warn.stale")}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button type="submit" name="intent" value="preview" className="btn-secondary" disabled={busy}>
            {t("asg.preview")}
          </button>
          {preview ? (
            <>
              <span role="status" className="text-sm font-medium">
                {t("asg.reaches", { count: preview.count })}
                {preview.sample.length ? (
                  <span className="block text-xs font-normal text-slate-600">
                    {t("asg.sample", { names: preview.sample.join(", ") })}
                  </span>
                ) : null}
              </span>
              <input type="hidden" name="previewToken" value={preview.token} />
              <button type="submit" name="intent" value="confirm" className="btn-primary" disabled={busy}>
                {t("asg.confirm", { count: preview.count })}
              </button>
            </>
          ) : null}
        </div>
      </Form>
    </div>
  );
}
