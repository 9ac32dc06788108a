// The "send me a link" page (forgot password, sign-in by email): one email field; once posted, the same
// notice whatever the address, so the page never tells whether an account exists.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { linkRequestSchema } from "~/domain/auth";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";
import { AuthCard, BackToLogin } from "./auth/auth-card";
import { Field, FormError } from "./field";

type LinkRequestResult = { sent: true; reply: null } | { sent: false; reply: SubmissionResult<string[]> };

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
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useZodForm(linkRequestSchema, {
    lastResult: result?.reply ?? null,
    shouldValidate: "onSubmit",
  });
  return (
    <AuthCard title={title}>
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
            <Field field={fields.email} label={t("recovery.email")}>
              {(control) => <input {...control} type="email" autoComplete="username" required />}
            </Field>
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {submitLabel}
            </button>
          </Form>
        </>
      )}
      <BackToLogin>{footer}</BackToLogin>
    </AuthCard>
  );
}
