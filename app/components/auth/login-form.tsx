// The login form: one email field first, then the province's methods in its configured order (single
// sign-on buttons, the password used by the mail directory and by local accounts), then the submit. As the
// email is typed, a hint says where it will sign in and the password disappears for single sign-on domains;
// without JavaScript the same form posts and the action decides by the email.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Field, FormError } from "~/components/field";
import { bindingForEmail, type DomainBinding, loginFormSchema } from "~/domain/auth";
import { useZodForm } from "~/utils/conform";
import { useT } from "~/utils/i18n";

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
  const [form, fields] = useZodForm(loginFormSchema, {
    lastResult,
    defaultValue: { email: "", redirectTo },
    shouldValidate: "onSubmit",
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
  // Password-based methods share one password field, shown where the first of them is configured.
  const blocks = [...new Set(methods.map((m) => (m === "oidc" ? "sso" : "password")))].filter(
    (b) => b === "password" || providers.length > 0,
  );
  const showPassword = binding?.kind !== "oidc";

  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
      <FormError message={form.errors?.[0]} />
      <input type="hidden" name={fields.redirectTo.name} value={redirectTo} />
      <Field
        field={fields.email}
        label={t("login.email")}
        // Always there (empty until an email is typed), so screen readers hear it change.
        hint={<span aria-live="polite">{hint}</span>}
      >
        {(props) => (
          <input
            {...props}
            type="email"
            defaultValue={String(fields.email.initialValue ?? "")}
            key={fields.email.key}
            autoComplete="username"
            inputMode="email"
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
        )}
      </Field>
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
          <Field key="password" field={fields.password} label={t("login.password")}>
            {(props) => (
              <input
                {...props}
                type="password"
                key={fields.password.key}
                ref={passwordRef}
                autoComplete="current-password"
              />
            )}
          </Field>
        ) : null,
      )}
      <button type="submit" className="btn-primary w-full" disabled={busy}>
        {t("login.submit")}
      </button>
    </Form>
  );
}
