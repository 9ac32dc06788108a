import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CodeField } from "~/components/auth/code-field";
import { FormError } from "~/components/field";
import { Section } from "~/components/section";
import { securityIntent } from "~/domain/auth";
import { requireActor } from "~/modules/auth/guards.server";
import { recoveryCodesHeaders } from "~/modules/auth/two-factor-pages.server";
import { disableTwoFactor, regenerateRecoveryCodes, twoFactorStatus } from "~/modules/auth/two-factor.server";
import { useZodForm } from "~/utils/conform";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.security") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const status = await twoFactorStatus(actor.userId);
  return {
    enabledOn: status.enabledAt ? formatDate(status.enabledAt) : null,
    required: status.required,
    remainingCodes: status.remainingCodes,
  };
}

// Both intents need only the signed-in person and a current code from their app (checked by the module).
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const submission = await parseSubmission(request, securityIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  try {
    switch (value.intent) {
      case "disable":
        await disableTwoFactor(actor.userId, value.code);
        return redirectWithFlash("/account/security", {
          kind: "success",
          message: serverT(request)("twofactor.disabled"),
        });
      case "regenerate": {
        const codes = await regenerateRecoveryCodes(actor.userId, value.code);
        return redirect("/account/two-factor/recovery-codes?redirectTo=%2Faccount%2Fsecurity", {
          headers: recoveryCodesHeaders(request, actor.userId, codes),
        });
      }
      default:
        return unreachable(value);
    }
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
}

export default function SecurityPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const [form, fields] = useZodForm(securityIntent, { lastResult, shouldValidate: "onSubmit" });
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("tf.security.title")}</h1>
      <Section card title={t("nav.account")} className="card space-y-2">
        <Link to="/account/password" className="text-red-800 underline">
          {t("tf.security.password")}
        </Link>
      </Section>
      <Section card title={t("tf.security.twoFactor")}>
        {d.enabledOn ? (
          <>
            <p className="text-sm text-slate-700">
              {t("tf.security.on", { date: d.enabledOn })}{" "}
              {t("tf.security.remaining", { count: d.remainingCodes })}
            </p>
            {d.required ? <p className="text-sm text-slate-600">{t("tf.security.requiredNote")}</p> : null}
            <Form method="post" {...getFormProps(form)} className="space-y-3">
              <FormError message={form.errors?.[0]} />
              <CodeField
                field={fields.code}
                label={t("tf.security.currentCode")}
                hint={t("tf.security.regenerateHelp")}
                digitsOnly
              />
              <div className="flex flex-wrap gap-2">
                {(d.required ? (["regenerate"] as const) : (["regenerate", "disable"] as const)).map(
                  (intent) => (
                    <button
                      key={intent}
                      type="submit"
                      name="intent"
                      value={intent}
                      className="btn-secondary"
                      disabled={busy}
                    >
                      {t(intent === "disable" ? "tf.security.disable" : "tf.security.regenerate")}
                    </button>
                  ),
                )}
              </div>
            </Form>
          </>
        ) : (
          <>
            <p className="text-sm text-slate-700">{t("tf.security.off")}</p>
            <Link to="/account/two-factor/setup" className="btn-primary inline-block">
              {t("tf.security.enable")}
            </Link>
          </>
        )}
      </Section>
    </div>
  );
}
