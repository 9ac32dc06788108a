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
import { getAuth, getPendingSession } from "~/modules/auth/guards.server";
import { homePath } from "~/modules/auth/scope";
import { verifyFormSchema } from "~/modules/auth/two-factor-forms";
import { landingAfterSecondFactor } from "~/modules/auth/two-factor-pages.server";
import { verifySecondFactor } from "~/modules/auth/two-factor.server";
import { domainErrorReply } from "~/utils/conform.server";
import { formatIssues, safeRedirect } from "~/utils/forms";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle, useLocale, useT } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

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
  const submission = parseWithZod(await readForm(request), {
    schema: verifyFormSchema,
    formatError: formatIssues(getLocale(request)),
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
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
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: verifyFormSchema, formatError: formatIssues(locale) }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <div className="card space-y-4 p-6">
        <h1 className="text-xl font-semibold">{t("tf.verify.title")}</h1>
        <p className="text-sm text-slate-700">{t("tf.verify.help")}</p>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <FormError message={form.errors?.[0]} />
          <Field
            name={fields.code.name}
            label={t("tf.verify.code")}
            hint={t("tf.verify.codeHint")}
            error={fields.code.errors?.[0]}
          >
            {(props) => (
              <input {...props} autoComplete="one-time-code" autoCapitalize="none" spellCheck={false} />
            )}
          </Field>
          <button type="submit" className="btn-primary w-full" disabled={busy}>
            {t("tf.verify.submit")}
          </button>
        </Form>
        <Form method="post" action="/logout" reloadDocument>
          <button type="submit" className="text-sm text-red-800 underline">
            {t("tf.cancelSignIn")}
          </button>
        </Form>
      </div>
    </div>
  );
}
