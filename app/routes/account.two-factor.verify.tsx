import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthCard } from "~/components/auth/auth-card";
import { CancelSignIn } from "~/components/auth/cancel-sign-in";
import { CodeField } from "~/components/auth/code-field";
import { FormError } from "~/components/field";
import { verifyFormSchema } from "~/domain/auth";
import { getAuth, getPendingSession } from "~/modules/auth/guards.server";
import { homePath } from "~/modules/auth/scope";
import { landingAfterSecondFactor } from "~/modules/auth/two-factor-pages.server";
import { verifySecondFactor } from "~/modules/auth/two-factor.server";
import { useZodForm } from "~/utils/conform";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { safeRedirect } from "~/utils/forms";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.twoFactorVerify") }];

/** Only a sign-in waiting for its code; a finished one goes on, nobody goes to the login page. */
async function pendingOrLeave(request: Request) {
  const pending = await getPendingSession(request);
  if (pending) return pending;
  const auth = await getAuth(request);
  const to = new URL(request.url).searchParams.get("redirectTo");
  throw redirect(auth ? safeRedirect(to, homePath(auth.actor)) : "/login");
}

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await pendingOrLeave(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  if (!pending.enrolled) throw redirect(`/account/two-factor/setup?${new URLSearchParams({ redirectTo })}`);
  return { redirectTo };
}

export async function action({ request }: ActionFunctionArgs) {
  const pending = await pendingOrLeave(request);
  const submission = await parseSubmission(request, verifyFormSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await verifySecondFactor(pending.userId, pending.sessionId, submission.value.code);
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
  return redirect(await landingAfterSecondFactor(pending.userId, submission.value.redirectTo));
}

export default function TwoFactorVerifyPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const [form, fields] = useZodForm(verifyFormSchema, { lastResult, shouldValidate: "onSubmit" });
  return (
    <AuthCard title={t("tf.verify.title")}>
      <p className="text-sm text-slate-700">{t("tf.verify.help")}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormError message={form.errors?.[0]} />
        <CodeField field={fields.code} label={t("tf.verify.code")} hint={t("tf.verify.codeHint")} />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("tf.verify.submit")}
        </button>
      </Form>
      <CancelSignIn />
    </AuthCard>
  );
}
