import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { login, loginSchema } from "~/modules/auth/auth.server";
import { getActor } from "~/modules/auth/guards.server";
import { homePath } from "~/modules/auth/scope";
import { sessionCookie } from "~/modules/auth/session.server";
import { db } from "~/db.server";
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
  const result = await login(email, password, {
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent") ?? undefined,
  });
  if (!result.ok) {
    const message = result.reason === "throttled" ? t("login.throttled") : t("login.invalid");
    return data(
      { errors: { form: message } as FieldErrors, email },
      { status: result.reason === "throttled" ? 429 : 400 },
    );
  }
  const user = await db.user.findUniqueOrThrow({
    where: { id: result.userId },
    include: { grants: true, person: { select: { id: true } } },
  });
  let target = safeRedirect(redirectTo, "");
  if (!target) {
    const roles = user.grants.map((g) => g.role);
    target = roles.includes("ADMIN")
      ? "/admin"
      : roles.includes("COORDINATOR")
        ? "/people"
        : roles.includes("REVIEWER")
          ? "/reports"
          : "/learn";
  }
  if (user.mustChangePassword) target = "/account/password";
  return redirect(target, { headers: { "Set-Cookie": sessionCookie(result.token, result.expiresAt) } });
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
