import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import type { MessageKey } from "~/i18n";
import {
  acceptInvitation,
  checkInvitation,
  type InvitationRefusal,
} from "~/modules/auth/invite-accept.server";
import { setPasswordSchema } from "~/modules/auth/password-policy";
import { completeSignIn } from "~/modules/auth/sign-in.server";
import { formatIssues } from "~/utils/forms";
import { clientIp } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { pageTitle, useLocale, useT } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.invite") }];

const DEAD: Record<InvitationRefusal, MessageKey> = {
  invalid: "invite.dead",
  used: "invite.dead",
  expired: "invite.dead",
  inactive: "invite.inactive",
};
const deadStatus = (reason: InvitationRefusal) => (reason === "invalid" ? 404 : 410);

/** Public: whoever holds a live link sees whose it is and sets the password; any other link, a clear page. */
export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkInvitation(String(params.token ?? "").slice(0, 100));
  if (!check.ok) return data({ live: false as const, message: DEAD[check.reason] }, deadStatus(check.reason));
  return { live: true as const, fullName: check.fullName, email: check.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = getLocale(request);
  const submission = parseWithZod(await readForm(request), {
    schema: setPasswordSchema,
    formatError: formatIssues(locale),
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await acceptInvitation(String(params.token ?? "").slice(0, 100), submission.value.password);
  if (!result.ok) {
    const reply = submission.reply({ formErrors: [serverT(request)(DEAD[result.reason])] });
    return data(reply, { status: deadStatus(result.reason) });
  }
  // Staff roles go on to the second-factor step; a learner lands on "Học tập của tôi".
  return completeSignIn(result.userId, {
    method: "invite",
    meta: { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined },
  });
}

export default function InvitePage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: setPasswordSchema, formatError: formatIssues(locale) }),
    // Checked when sent (a half-typed repeat is not an error yet); then again as the person types.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (!d.live) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-xl font-semibold">{t("invite.deadTitle")}</h1>
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900">
          {t(d.message)}
        </p>
        <Link to="/login" className="text-red-800 underline">
          {t("invite.toLogin")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-xl font-semibold">{t("invite.setPasswordTitle")}</h1>
      <p className="text-sm text-slate-700">{t("invite.welcome", { name: d.fullName, email: d.email })}</p>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormError message={form.errors?.[0]} />
        {/* The account's address, for password managers to save the new password under. */}
        <input type="hidden" name="username" autoComplete="username" value={d.email} />
        <Field
          name={fields.password.name}
          label={t("invite.password")}
          error={fields.password.errors?.[0]}
          hint={t("invite.passwordHint")}
        >
          {(props) => <input {...props} type="password" autoComplete="new-password" required />}
        </Field>
        <Field
          name={fields.confirmPassword.name}
          label={t("invite.confirmPassword")}
          error={fields.confirmPassword.errors?.[0]}
        >
          {(props) => <input {...props} type="password" autoComplete="new-password" required />}
        </Field>
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("invite.submit")}
        </button>
      </Form>
    </div>
  );
}
