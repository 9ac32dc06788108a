import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
  redirectDocument,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { checkLocalPassword, loginSchema } from "~/modules/auth/auth.server";
import { resolveLoginMethod } from "~/modules/auth/config.server";
import { getActor } from "~/modules/auth/guards.server";
import { ldapSignIn } from "~/modules/auth/ldap.server";
import { oidcStartPath } from "~/modules/auth/oidc.server";
import { homePath } from "~/modules/auth/scope";
import { completeSignIn } from "~/modules/auth/sign-in.server";
import { type FieldErrors, fieldErrors, safeRedirect } from "~/utils/forms";
import { clientIp } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.login") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (actor) throw redirect(homePath(actor));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const t = serverT(request);
  const form = Object.fromEntries(await readForm(request));
  const parsed = loginSchema.safeParse(form);
  if (!parsed.success) {
    return data(
      {
        errors: fieldErrors(parsed.error, getLocale(request)) as FieldErrors,
        email: String(form.email ?? ""),
      },
      { status: 400 },
    );
  }
  const { email, password, redirectTo } = parsed.data;
  const returnTo = safeRedirect(redirectTo, "");
  const meta = { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined };
  const method = resolveLoginMethod(email);
  // An address of a province with single sign-on goes to that province's identity service.
  if (method.kind === "oidc") return redirectDocument(oidcStartPath(method.provider, returnTo));
  if (!password) {
    return data({ errors: { password: t("auth.passwordRequired") } as FieldErrors, email }, { status: 400 });
  }
  const fail = (reason: "throttled" | "invalid" | "unreachable" | "unknown" | "inactive") => {
    const message =
      reason === "throttled"
        ? t("login.throttled")
        : reason === "unreachable"
          ? t("login.directoryUnreachable")
          : reason === "unknown"
            ? t("login.notInStaffList")
            : t("login.invalid");
    const status = reason === "throttled" ? 429 : reason === "unreachable" ? 503 : 400;
    return data({ errors: { form: message } as FieldErrors, email }, { status });
  };
  if (method.kind === "ldap") {
    const result = await ldapSignIn(method.directory, email, password, meta);
    if (!result.ok) return fail(result.reason);
    return completeSignIn(result.userId, { method: `ldap:${method.directory.id}`, meta, returnTo });
  }
  const checked = await checkLocalPassword(email, password, meta);
  if (!checked.ok) return fail(checked.reason);
  return completeSignIn(checked.userId, { method: "password", meta, returnTo });
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const errors: FieldErrors = actionData?.errors ?? {};
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <div className="card p-6">
        <h1 className="text-xl font-semibold">{t("login.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("appTagline")}</p>
        {params.get("reason") === "expired" && !errors.form ? (
          <p
            role="status"
            className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            {t("login.expired")}
          </p>
        ) : null}
        {errors.form ? (
          <p
            role="alert"
            className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {errors.form}
          </p>
        ) : null}
        <Form method="post" className="mt-4 space-y-4" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <div>
            <label htmlFor="email" className="label">
              {t("login.email")}
            </label>
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              required
              defaultValue={actionData?.email ?? ""}
              className="input"
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={errors.email ? "email-error" : undefined}
            />
            {errors.email ? (
              <p id="email-error" className="field-error">
                {errors.email}
              </p>
            ) : null}
          </div>
          <div>
            <label htmlFor="password" className="label">
              {t("login.password")}
            </label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              className="input"
              aria-invalid={errors.password ? true : undefined}
            />
            {errors.password ? <p className="field-error">{errors.password}</p> : null}
          </div>
          <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}
