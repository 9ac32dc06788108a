// The emailed reset link: GET shows the new-password form while the link is live (and a clear page when it
// is not); POST uses the link up, sets the password, ends every session of the account and signs in.
import { getFormProps } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthCard } from "~/components/auth/auth-card";
import { PasswordPair } from "~/components/auth/password-pair";
import { FormError } from "~/components/field";
import { LinkGone } from "~/components/link-gone";
import { setPasswordSchema } from "~/domain/auth";
import { getActor } from "~/modules/auth/guards.server";
import { emailedLinkLoader, NO_STORE } from "~/modules/auth/link-page.server";
import { linkRefusalMessage, resetPasswordWithLink } from "~/modules/auth/recovery.server";
import { completeSignIn } from "~/modules/auth/sign-in.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { useZodForm } from "~/utils/conform";
import { parseSubmission } from "~/utils/conform.server";
import { clientIp } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.resetPassword") }];
export const headers = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  // The reset signs every session of the account out, whoever is signed in here.
  return emailedLinkLoader(request, "RESET", params.token);
}

const SECRET_FIELDS = ["password", "confirmPassword"];

export async function action({ request, params }: ActionFunctionArgs) {
  await getActor(request);
  const t = serverT(request);
  const submission = await parseSubmission(request, setPasswordSchema);
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
  const [form, fields] = useZodForm(setPasswordSchema, { lastResult, shouldValidate: "onSubmit" });
  return (
    <AuthCard title={t("recovery.reset.title")}>
      <p className="text-sm text-slate-700">{t("recovery.reset.for", { email })}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormError message={form.errors?.[0]} />
        <PasswordPair
          password={fields.password}
          confirm={fields.confirmPassword}
          hint={t("recovery.reset.hint")}
          email={email}
        />
        <p className="text-xs text-slate-600">{t("recovery.reset.signsOut")}</p>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("recovery.reset.submit")}
        </button>
      </Form>
    </AuthCard>
  );
}
