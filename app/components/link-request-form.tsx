// The "send me a link" page (forgot password, sign-in by email): one email field; once posted, the same
// notice whatever the address, so the page never tells whether an account exists.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { linkRequestSchema } from "~/modules/auth/recovery-forms";
import { formatIssues } from "~/utils/forms";
import { useLocale, useT } from "~/utils/i18n";
import { Field, FormError } from "./field";

export type LinkRequestResult =
  { sent: true; reply: null } | { sent: false; reply: SubmissionResult<string[]> };

export function LinkRequestForm({
  title,
  help,
  submitLabel,
  sentMessage,
  result,
  footer,
}: {
  title: string;
  help: ReactNode;
  submitLabel: string;
  sentMessage: string;
  result: LinkRequestResult | undefined;
  footer?: ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    lastResult: result?.reply ?? null,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: linkRequestSchema, formatError: formatIssues(locale) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <div className="card space-y-4 p-6">
        <h1 className="text-xl font-semibold">{title}</h1>
        {result?.sent ? (
          <p
            role="status"
            className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          >
            {sentMessage}
          </p>
        ) : (
          <>
            <div className="text-sm text-slate-700">{help}</div>
            <Form method="post" {...getFormProps(form)} className="space-y-4">
              <FormError message={form.errors?.[0]} />
              <Field name={fields.email.name} label={t("recovery.email")} error={fields.email.errors?.[0]}>
                {(control) => (
                  <input
                    {...getInputProps(fields.email, { type: "email" })}
                    {...control}
                    autoComplete="username"
                  />
                )}
              </Field>
              <button type="submit" className="btn-primary w-full" disabled={busy}>
                {submitLabel}
              </button>
            </Form>
          </>
        )}
        <div className="space-y-1 text-sm">
          {footer}
          <p>
            <Link to="/login" className="text-red-800 underline">
              {t("recovery.backToLogin")}
            </Link>
          </p>
        </div>
      </div>
    </div>
  );
}
