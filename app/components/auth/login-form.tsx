// The login form: one email field first, then the province's methods in its configured order (single
// sign-on buttons, the password used by the mail directory and by local accounts), then the submit. As the
// email is typed, a hint says where it will sign in and the password disappears for single sign-on domains;
// without JavaScript the same form posts and the action decides by the email.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { FormError } from "~/components/field";
import { bindingForEmail, type DomainBinding, loginFormSchema } from "~/modules/auth/login-form";
import { formatIssues } from "~/utils/forms";
import { useLocale, useT } from "~/utils/i18n";

export type LoginMethodKind = "oidc" | "ldap" | "password";
export type SsoButton = { id: string; name: string; href: string };

export function LoginForm({
  methods,
  providers,
  bindings,
  redirectTo,
  lastResult,
  busy,
}: {
  methods: LoginMethodKind[];
  providers: SsoButton[];
  bindings: DomainBinding[];
  redirectTo: string;
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { email: "", redirectTo },
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: loginFormSchema, formatError: formatIssues(locale) }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [email, setEmail] = useState(String(fields.email.initialValue ?? ""));
  const passwordRef = useRef<HTMLInputElement>(null);
  // After a refused attempt the typed password is cleared, as the server never sends it back.
  useEffect(() => {
    if (lastResult?.error && passwordRef.current) passwordRef.current.value = "";
  }, [lastResult]);
  const binding = bindingForEmail(email, bindings);
  const hint = binding
    ? t(binding.kind === "oidc" ? "login.hintOidc" : "login.hintLdap", { name: binding.name })
    : "";
  const emailError = fields.email.errors?.[0];
  const passwordError = fields.password.errors?.[0];
  // Password-based methods share one password field, shown where the first of them is configured.
  const blocks = [...new Set(methods.map((m) => (m === "oidc" ? "sso" : "password")))].filter(
    (b) => b === "password" || providers.length > 0,
  );
  const showPassword = binding?.kind !== "oidc";
  const emailDescribed = [hint ? "email-hint" : null, emailError ? "email-error" : null].filter(Boolean);

  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
      <FormError message={form.errors?.[0]} />
      <input type="hidden" name={fields.redirectTo.name} value={redirectTo} />
      <div>
        <label htmlFor={fields.email.id} className="label">
          {t("login.email")}
        </label>
        <input
          {...getInputProps(fields.email, { type: "email" })}
          key={fields.email.key}
          autoComplete="username"
          inputMode="email"
          className="input"
          aria-describedby={emailDescribed.join(" ") || undefined}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <p id="email-hint" aria-live="polite" className={hint ? "mt-1 text-sm text-slate-700" : undefined}>
          {hint}
        </p>
        {emailError ? (
          <p id="email-error" className="field-error">
            {emailError}
          </p>
        ) : null}
      </div>
      {blocks.map((block) =>
        block === "sso" ? (
          <div key="sso" role="group" aria-labelledby="sso-label" className="space-y-2">
            <p id="sso-label" className="text-sm font-medium text-slate-700">
              {t("login.ssoLabel")}
            </p>
            {providers.map((p) => (
              <a key={p.id} href={p.href} className="btn-secondary w-full text-center">
                {t("login.ssoButton", { name: p.name })}
              </a>
            ))}
          </div>
        ) : showPassword ? (
          <div key="password">
            <label htmlFor={fields.password.id} className="label">
              {t("login.password")}
            </label>
            <input
              {...getInputProps(fields.password, { type: "password" })}
              key={fields.password.key}
              ref={passwordRef}
              autoComplete="current-password"
              className="input"
            />
            {passwordError ? (
              <p id={fields.password.errorId} className="field-error">
                {passwordError}
              </p>
            ) : null}
          </div>
        ) : null,
      )}
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {t("login.submit")}
      </button>
    </Form>
  );
}
