import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { setupFormSchema } from "~/modules/auth/two-factor-forms";
import {
  enrolmentKey,
  enrolmentKeyFromCookie,
  enrolmentView,
  recoveryCodesHeaders,
  requireTwoFactorCaller,
} from "~/modules/auth/two-factor-pages.server";
import { confirmEnrolment, twoFactorStatus } from "~/modules/auth/two-factor.server";
import { domainErrorReply } from "~/utils/conform.server";
import { formatIssues, safeRedirect } from "~/utils/forms";
import { getLocale, serverT } from "~/utils/i18n.server";
import { pageTitle, useLocale, useT } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

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
  const submission = parseWithZod(await readForm(request), {
    schema: setupFormSchema,
    formatError: formatIssues(getLocale(request)),
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
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
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: setupFormSchema, formatError: formatIssues(locale) }),
    shouldValidate: "onSubmit",
  });
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
              className="mt-1 rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all"
              aria-label={t("tf.setup.secretLabel")}
              data-testid="totp-secret"
            >
              {d.secret}
            </p>
          </div>
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <input type="hidden" name="redirectTo" value={d.redirectTo} />
            <FormError message={form.errors?.[0]} />
            <Field name={fields.code.name} label={t("tf.setup.code")} error={fields.code.errors?.[0]}>
              {(props) => (
                <input
                  {...props}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  className="input max-w-40"
                />
              )}
            </Field>
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("tf.setup.submit")}
            </button>
          </Form>
        </div>
      </div>
      {d.pending ? (
        <Form method="post" action="/logout" reloadDocument>
          <button type="submit" className="text-sm text-red-800 underline">
            {t("tf.cancelSignIn")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
