import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
  redirectDocument,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { LoginForm } from "~/components/auth/login-form";
import { domainBindings, loginFormSchema, loginNotice } from "~/domain/auth";
import { checkLocalPassword } from "~/modules/auth/auth.server";
import { getAuthConfig, resolveLoginMethod } from "~/modules/auth/config.server";
import { getActor } from "~/modules/auth/guards.server";
import { ldapSignIn } from "~/modules/auth/ldap.server";
import { oidcStartPath } from "~/modules/auth/oidc.server";
import { homePath } from "~/modules/auth/scope";
import { completeSignIn } from "~/modules/auth/sign-in.server";
import { parseSubmission } from "~/utils/conform.server";
import { safeRedirect } from "~/utils/forms";
import { clientIp } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.login") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  if (actor) throw redirect(homePath(actor));
  const params = new URL(request.url).searchParams;
  const config = getAuthConfig();
  const redirectTo = params.get("redirectTo") ?? "";
  const returnTo = safeRedirect(redirectTo, "");
  // Only what the page shows: names, ids and mail domains — never issuers, URLs or secrets.
  return {
    provinceName: config.provinceName,
    methods: config.methods,
    providers: config.methods.includes("oidc")
      ? config.oidc.map((p) => ({ id: p.id, name: p.name, href: oidcStartPath(p, returnTo) }))
      : [],
    bindings: domainBindings(config),
    magicLink: config.magicLink.enabled,
    notice: loginNotice(params.get("notice")),
    expired: params.get("reason") === "expired",
    redirectTo,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const t = serverT(request);
  const submission = await parseSubmission(request, loginFormSchema);
  // The typed password is never sent back into the page.
  const reply = (errors?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) =>
    submission.reply({ ...errors, hideFields: ["password"] });
  if (submission.status !== "success") return data(reply(), { status: 400 });
  const { email, password, redirectTo } = submission.value;
  const returnTo = safeRedirect(redirectTo, "");
  const meta = { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined };
  const method = resolveLoginMethod(email);
  // An address of a province with single sign-on goes to that province's identity service.
  if (method.kind === "oidc") return redirectDocument(oidcStartPath(method.provider, returnTo));
  if (!password) {
    return data(reply({ fieldErrors: { password: [t("auth.passwordRequired")] } }), { status: 400 });
  }
  // The messages never tell whether an account exists: unknown and wrong password read the same.
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
    return data(reply({ formErrors: [message] }), { status });
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
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const failed = Boolean(lastResult?.error);
  const notice = d.notice ? t(`login.notice.${d.notice}`) : d.expired ? t("login.expired") : "";
  const warn = d.notice ? d.notice === "link-used" : d.expired;
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <div className="card p-6">
        {d.provinceName ? <p className="text-sm font-medium text-red-800">{d.provinceName}</p> : null}
        <h1 className="text-xl font-semibold">{t("login.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("appTagline")}</p>
        {notice && !failed ? (
          <p
            role="status"
            className={`mt-4 rounded-md border px-3 py-2 text-sm ${
              warn
                ? "border-amber-300 bg-amber-50 text-amber-900"
                : "border-green-300 bg-green-50 text-green-900"
            }`}
          >
            {notice}
          </p>
        ) : null}
        <LoginForm
          methods={d.methods}
          providers={d.providers}
          bindings={d.bindings}
          redirectTo={d.redirectTo}
          lastResult={lastResult}
          busy={busy}
        />
        <ul className="mt-4 space-y-2 text-sm">
          <li>
            <Link to="/forgot-password" className="text-red-800 underline">
              {t("login.forgot")}
            </Link>
          </li>
          {d.magicLink ? (
            <li>
              <Link to="/login/email" className="text-red-800 underline">
                {t("login.magicLink")}
              </Link>
            </li>
          ) : null}
        </ul>
      </div>
    </div>
  );
}
