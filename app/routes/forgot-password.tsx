// "Quên mật khẩu": ask for a reset link. The answer is the same whether the address exists, may reset here,
// or has asked too often (docs in app/modules/auth/recovery.server.ts).
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { type LinkRequestResult, LinkRequestForm } from "~/components/link-request-form";
import { getAuthConfig, publicBaseUrl } from "~/modules/auth/config.server";
import { getActor } from "~/modules/auth/guards.server";
import { requestPasswordReset } from "~/modules/auth/recovery.server";
import { linkRequestSchema } from "~/modules/auth/recovery-forms";
import { formatIssues } from "~/utils/forms";
import { clientIp } from "~/utils/http.server";
import { getLocale } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.forgotPassword") }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Open to anyone: a signed-in person may ask for a link too (it ends their sessions when used).
  await getActor(request);
  const config = getAuthConfig();
  return { minutes: config.passwordReset.ttlMinutes, magicLink: config.magicLink.enabled };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), {
    schema: linkRequestSchema,
    formatError: formatIssues(getLocale(request)),
  });
  if (submission.status !== "success")
    return data({ sent: false, reply: submission.reply() } satisfies LinkRequestResult, { status: 400 });
  await requestPasswordReset(submission.value.email, {
    ip: clientIp(request),
    baseUrl: publicBaseUrl(request),
  });
  // Nothing of the address, its account or the rate limit shows here.
  return data({ sent: true, reply: null } satisfies LinkRequestResult);
}

export default function ForgotPasswordPage() {
  const { minutes, magicLink } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as LinkRequestResult | undefined;
  const t = useT();
  return (
    <LinkRequestForm
      title={t("recovery.forgot.title")}
      help={
        <>
          <p>{t("recovery.forgot.help")}</p>
          <p className="mt-2 text-slate-600">{t("recovery.forgot.ssoHint")}</p>
        </>
      }
      submitLabel={t("recovery.forgot.submit")}
      sentMessage={t("recovery.forgot.sent", { minutes })}
      result={result}
      footer={
        magicLink ? (
          <p>
            <Link to="/login/email" className="text-red-800 underline">
              {t("recovery.forgot.magicInstead")}
            </Link>
          </p>
        ) : null
      }
    />
  );
}
