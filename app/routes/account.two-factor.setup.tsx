import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CodeField } from "~/components/auth/code-field";
import { CancelSignIn } from "~/components/auth/cancel-sign-in";
import { FormError } from "~/components/field";
import { setupFormSchema } from "~/domain/auth";
import {
  enrolmentKey,
  enrolmentKeyFromCookie,
  enrolmentView,
  recoveryCodesHeaders,
  requireTwoFactorCaller,
} from "~/modules/auth/two-factor-pages.server";
import { confirmEnrolment, twoFactorStatus } from "~/modules/auth/two-factor.server";
import { useZodForm } from "~/utils/conform";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { safeRedirect } from "~/utils/forms";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";

// A secret is on this page: never kept by a cache.
export const headers = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.twoFactorSetup") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireTwoFactorCaller(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  const status = await twoFactorStatus(caller.userId);
  if (status.enabledAt) {
    throw redirect(
      caller.pending
        ? `/account/two-factor/verify?${new URLSearchParams({ redirectTo })}`
        : "/account/security",
    );
  }
  const { key, setCookie } = enrolmentKey(request, caller.userId);
  const view = await enrolmentView(status.email, key);
  return data(
    { ...view, email: status.email, pending: caller.pending, redirectTo },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const caller = await requireTwoFactorCaller(request);
  const submission = await parseSubmission(request, setupFormSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const key = enrolmentKeyFromCookie(request, caller.userId);
  if (!key)
    return data(submission.reply({ formErrors: [serverT(request)("twofactor.enrolExpired")] }), {
      status: 400,
    });
  let codes: string[];
  try {
    codes = await confirmEnrolment(
      caller.userId,
      key,
      submission.value.code,
      caller.pending ? caller.sessionId : null,
    );
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
  const after = caller.pending ? safeRedirect(submission.value.redirectTo, "") : "/account/security";
  return redirect(`/account/two-factor/recovery-codes?${new URLSearchParams({ redirectTo: after })}`, {
    headers: recoveryCodesHeaders(request, caller.userId, codes),
  });
}

export default function TwoFactorSetupPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const [form, fields] = useZodForm(setupFormSchema, { lastResult, shouldValidate: "onSubmit" });
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("tf.setup.title")}</h1>
      {d.pending ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("tf.setup.required")}
        </p>
      ) : null}
      <div className="card grid gap-6 sm:grid-cols-[auto_1fr]">
        <img
          src={d.qrDataUrl}
          alt={t("tf.setup.qrAlt", { email: d.email })}
          width={200}
          height={200}
          className="mx-auto h-50 w-50 rounded border border-slate-200 bg-white"
        />
        <div className="min-w-0 space-y-4">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            <li>{t("tf.setup.step1")}</li>
            <li>{t("tf.setup.step2")}</li>
            <li>{t("tf.setup.step3")}</li>
          </ol>
          <div>
            <p className="text-sm text-slate-700">{t("tf.setup.manual")}</p>
            <p
              className="mt-1 rounded bg-slate-100 px-2 py-1 font-mono text-sm break-words"
              aria-label={t("tf.setup.secretLabel")}
              data-testid="totp-secret"
            >
              {d.secret}
            </p>
          </div>
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <input type="hidden" name="redirectTo" value={d.redirectTo} />
            <FormError message={form.errors?.[0]} />
            <CodeField field={fields.code} label={t("tf.setup.code")} digitsOnly />
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("tf.setup.submit")}
            </button>
          </Form>
        </div>
      </div>
      {d.pending ? <CancelSignIn /> : null}
    </div>
  );
}
