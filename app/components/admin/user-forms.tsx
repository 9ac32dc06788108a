// The accounts page's forms (app/domain/auth.ts userAdminIntent): a role grant and a password reset on each
// row, a revoke button on each grant, and a new account under the table. Each row's form gets its own id, and
// the action's reply only goes back to the form that was posted.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field } from "~/components/field";
import { createAccountSchema, GRANTABLE_ROLES, grantSchema, resetSchema } from "~/domain/auth";
import type { MessageKey } from "~/i18n";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";

export type Reply = SubmissionResult<string[]> | undefined;

/** The reply when it answers the form with these hidden values (intent, and the row's ids). */
function replyFor(reply: Reply, match: Record<string, string>): Reply {
  const sent = reply?.initialValue as Record<string, unknown> | null | undefined;
  return sent && Object.entries(match).every(([k, v]) => sent[k] === v) ? reply : undefined;
}

export function GrantForm({ userId, reply }: { userId: string; reply: Reply }) {
  const t = useT();
  const [form, fields] = useZodForm(grantSchema, {
    id: `grant-${userId}`,
    lastResult: replyFor(reply, { intent: "grant", userId }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2 flex flex-wrap items-end gap-1">
      <input type="hidden" name="intent" value="grant" />
      <input type="hidden" name="userId" value={userId} />
      <Field field={fields.role} id={fields.role.id} label={t("users.role")}>
        {(props) => (
          <select {...props} className="input w-auto py-1">
            {GRANTABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field field={fields.agencyCode} id={fields.agencyCode.id} label={t("users.scope")}>
        {(props) => <input {...props} placeholder={t("ui.agencyCode")} className="input w-28 py-1" />}
      </Field>
      <button type="submit" className="btn-secondary py-1">
        {t("users.grant")}
      </button>
    </Form>
  );
}

export function RevokeButton({ grantId }: { grantId: string }) {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="revoke" />
      <input type="hidden" name="grantId" value={grantId} />
      <button type="submit" className="text-xs text-red-700 underline">
        {t("users.revoke")}
      </button>
    </Form>
  );
}

export function ResetPasswordForm({ userId, reply }: { userId: string; reply: Reply }) {
  const t = useT();
  const [form, fields] = useZodForm(resetSchema, {
    id: `reset-${userId}`,
    lastResult: replyFor(reply, { intent: "reset", userId }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-1">
      <input type="hidden" name="intent" value="reset" />
      <input type="hidden" name="userId" value={userId} />
      <Field
        field={fields.temporaryPassword}
        id={fields.temporaryPassword.id}
        label={t("users.tempPassword")}
      >
        {(props) => <input {...props} type="text" autoComplete="off" className="input w-40 py-1" />}
      </Field>
      <button type="submit" className="btn-secondary py-1">
        {t("users.reset")}
      </button>
    </Form>
  );
}

export function CreateAccountForm({ reply }: { reply: Reply }) {
  const t = useT();
  const [form, fields] = useZodForm(createAccountSchema, {
    id: "create-account",
    lastResult: replyFor(reply, { intent: "create" }),
  });
  return (
    <section className="card max-w-xl">
      <h2 className="font-semibold">{t("users.create")}</h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 sm:grid-cols-2">
        <input type="hidden" name="intent" value="create" />
        <Field field={fields.email} id="new-email" label={t("users.email")}>
          {(props) => <input {...props} type="email" />}
        </Field>
        <Field field={fields.temporaryPassword} id="new-temp" label={t("users.tempPassword")}>
          {(props) => <input {...props} type="text" autoComplete="off" />}
        </Field>
        <button type="submit" className="btn-primary sm:col-span-2 sm:justify-self-start">
          {t("users.create")}
        </button>
      </Form>
    </section>
  );
}
