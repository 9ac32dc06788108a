import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PasswordPair } from "~/components/auth/password-pair";
import { FormError } from "~/components/field";
import { setPasswordSchema } from "~/domain/auth";
import type { MessageKey } from "~/i18n";
import {
  acceptInvitation,
  checkInvitation,
  type InvitationRefusal,
} from "~/modules/auth/invite-accept.server";
import { completeSignIn } from "~/modules/auth/sign-in.server";
import { useZodForm } from "~/utils/conform";
import { invalidReply, parseSubmission } from "~/utils/conform.server";
import { clientIp } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";

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
  const submission = await parseSubmission(request, setPasswordSchema);
  if (submission.status !== "success") return invalidReply(submission);
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
  // Checked when sent (a half-typed repeat is not an error yet); then again as the person types.
  const [form, fields] = useZodForm(setPasswordSchema, { lastResult, shouldValidate: "onSubmit" });
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
        <PasswordPair
          password={fields.password}
          confirm={fields.confirmPassword}
          hint={t("invite.passwordHint")}
          email={d.email}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("invite.submit")}
        </button>
      </Form>
    </div>
  );
}
