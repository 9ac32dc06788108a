// The emailed reset link: GET shows the new-password form while the link is live (and a clear page when it
// is not); POST uses the link up, sets the password, ends every session of the account and signs in.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { LinkGone } from "~/components/link-gone";
import { getActor } from "~/modules/auth/guards.server";
import {
  linkRefusalMessage,
  linkState,
  resetFormSchema,
  resetPasswordWithLink,
} from "~/modules/auth/recovery.server";
import { completeSignIn } from "~/modules/auth/sign-in.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatIssues } from "~/utils/forms";
import { clientIp } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.resetPassword") }];
// The URL is a credential: no cache keeps the page.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Anyone holding the link may use it; who is signed in does not matter (the reset signs them out).
  await getActor(request);
  const state = await linkState("RESET", params.token ?? "");
  if (!state.ok) return data({ live: false as const, reason: state.reason }, { status: 410 });
  return { live: true as const, email: state.email };
}

const SECRET_FIELDS = ["password", "confirm"];

export async function action({ request, params }: ActionFunctionArgs) {
  await getActor(request);
  const t = serverT(request);
  const submission = parseWithZod(await readForm(request), {
    schema: resetFormSchema,
    formatError: formatIssues(getLocale(request)),
  });
  if (submission.status !== "success")
    return data(submission.reply({ hideFields: SECRET_FIELDS }), { status: 400 });
  const used = await resetPasswordWithLink(params.token ?? "", submission.value.password);
  if (!used.ok) {
    const formErrors = [t(linkRefusalMessage(used.reason))];
    return data(submission.reply({ formErrors, hideFields: SECRET_FIELDS }), { status: 410 });
  }
  const meta = { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined };
  const signedIn = await completeSignIn(used.userId, { method: "reset", meta });
  // The notice rides along with the sign-in redirect (to the home page, or the second-factor step).
  const notice = await redirectWithFlash(signedIn.headers.get("Location") ?? "/", {
    kind: "success",
    message: t("recovery.passwordSet"),
  });
  signedIn.headers.append("Set-Cookie", notice.headers.get("Set-Cookie") ?? "");
  return signedIn;
}

export default function ResetPasswordPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  if (!d.live)
    return (
      <LinkGone reason={d.reason} again={{ to: "/forgot-password", label: t("recovery.link.newReset") }} />
    );
  return <ResetForm email={d.email} />;
}

function ResetForm({ email }: { email: string }) {
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit", shouldRevalidate: "onInput" });
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <div className="card space-y-4 p-6">
        <h1 className="text-xl font-semibold">{t("recovery.reset.title")}</h1>
        <p className="text-sm text-slate-700">{t("recovery.reset.for", { email })}</p>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          {/* the account's address, for password managers */}
          <input type="hidden" name="username" value={email} autoComplete="username" />
          <FormError message={form.errors?.[0]} />
          <Field
            name={fields.password.name}
            label={t("password.new")}
            hint={t("recovery.reset.hint")}
            error={fields.password.errors?.[0]}
          >
            {(control) => (
              <input
                {...getInputProps(fields.password, { type: "password" })}
                {...control}
                autoComplete="new-password"
              />
            )}
          </Field>
          <Field name={fields.confirm.name} label={t("password.confirm")} error={fields.confirm.errors?.[0]}>
            {(control) => (
              <input
                {...getInputProps(fields.confirm, { type: "password" })}
                {...control}
                autoComplete="new-password"
              />
            )}
          </Field>
          <p className="text-xs text-slate-600">{t("recovery.reset.signsOut")}</p>
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {t("recovery.reset.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}
