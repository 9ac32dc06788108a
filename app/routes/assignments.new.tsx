import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AudienceFields } from "~/components/assignments/audience-fields";
import { OverlapWarning } from "~/components/assignments/overlap-warning";
import { DateInput } from "~/components/date-input";
import { Field, FormError } from "~/components/field";
import { createAssignment } from "~/modules/assignments/assignments.server";
import {
  assertAssignmentPermission,
  NEW_ASSIGNMENT_INTENT_PERMISSION,
  newAssignmentIntent,
} from "~/modules/assignments/intents";
import {
  formToInput,
  newAssignmentOptions,
  previewWithWarnings,
} from "~/modules/assignments/new-assignment.server";
import { requireManager } from "~/modules/auth/guards.server";
import { useZodForm } from "~/utils/conform";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { DomainError } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { forbidden } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.assignmentNew") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return newAssignmentOptions(scope);
}

/** The service names the people by id (personIds); the form names them by email. */
const onForm = (error: unknown) =>
  error instanceof DomainError && error.field === "personIds"
    ? new DomainError(error.key, { params: error.params, status: error.status, field: "emails" })
    : error;

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const submission = await parseSubmission(request, newAssignmentIntent());
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  const t = serverT(request);
  try {
    assertAssignmentPermission(scope, NEW_ASSIGNMENT_INTENT_PERMISSION[value.intent]);
    const { input, missing } = await formToInput(scope, value);
    if (missing.length) {
      const emails = [t("asg.err.emailsMissing", { emails: missing.join(", ") })];
      return data(submission.reply({ fieldErrors: { emails } }), { status: 400 });
    }
    const preview = await previewWithWarnings(scope, input);
    switch (value.intent) {
      case "preview":
        return { result: submission.reply(), preview, stale: false };
      case "confirm": {
        // Create only what the coordinator saw: same audience, same count, same overlaps as the preview.
        if (value.previewToken !== preview.token) return { result: submission.reply(), preview, stale: true };
        const created = await createAssignment(scope, input, actor.userId);
        return redirectWithFlash(`/assignments/${created.id}`, {
          kind: "success",
          message: t("asg.created", { count: created.count }),
        });
      }
      default:
        return unreachable(value);
    }
  } catch (error) {
    return domainErrorReply(submission, onForm(error), request);
  }
}

export default function NewAssignmentPage() {
  const { courses, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state !== "idle";
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const reply = actionData && "preview" in actionData ? actionData.result : actionData;
  const [form, fields] = useZodForm(newAssignmentIntent(), {
    id: "new-assignment",
    lastResult: busy ? undefined : reply,
    defaultValue: { includeSubagencies: "on", standing: "on" },
    shouldValidate: "onSubmit",
  });

  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("asg.new")}</h1>
      <FormError message={form.errors?.join(" ")} />
      <Form method="post" className="card grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
        <Field field={fields.courseId} label={t("asg.course")} className="sm:col-span-2">
          {(p) => (
            <select {...getSelectProps(fields.courseId)} {...p}>
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field field={fields.agencyId} label={t("asg.agency")}>
            {(p) => (
              <select {...getSelectProps(fields.agencyId)} {...p}>
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
        <AudienceFields staffCategories={fields.staffCategories} itRoles={fields.itRoles}>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input {...getInputProps(fields.headOfUnitOnly, { type: "checkbox" })} /> {t("asg.headOnly")}
          </label>
        </AudienceFields>
        <Field field={fields.tags} label={t("asg.tags")}>
          {(p) => <input {...getInputProps(fields.tags, { type: "text" })} {...p} />}
        </Field>
        <Field field={fields.emails} label={t("asg.emails")}>
          {(p) => <textarea {...getTextareaProps(fields.emails)} {...p} rows={2} />}
        </Field>
        <Field field={fields.dueAt} label={t("asg.dueAt")} hint={t("date.hint")}>
          {(p) => <DateInput {...p} defaultValue={fields.dueAt.initialValue as string | undefined} />}
        </Field>
        <Field field={fields.dueDays} label={t("asg.dueDays")}>
          {(p) => <input {...getInputProps(fields.dueDays, { type: "number" })} {...p} min={1} max={365} />}
        </Field>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input {...getInputProps(fields.standing, { type: "checkbox" })} /> {t("asg.standing")}
        </label>
        {preview ? <OverlapWarning overlap={preview.overlap} /> : null}
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
