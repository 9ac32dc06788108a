// "Quên mật khẩu": ask for a reset link. The answer is the same whether the address exists, may reset here,
// or has asked too often (docs in app/modules/auth/recovery.server.ts).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { LinkRequestForm } from "~/components/link-request-form";
import { getAuthConfig } from "~/modules/auth/config.server";
import { getActor } from "~/modules/auth/guards.server";
import { answerLinkRequest } from "~/modules/auth/link-request.server";
import { requestPasswordReset } from "~/modules/auth/recovery.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.forgotPassword") }];

export async function loader({ request }: LoaderFunctionArgs) {
  // Open to anyone: a signed-in person may ask for a link too (it ends their sessions when used).
  await getActor(request);
  const config = getAuthConfig();
  return { minutes: config.passwordReset.ttlMinutes, magicLink: config.magicLink.enabled };
}

export async function action({ request }: ActionFunctionArgs) {
  // Nothing of the address, its account or the rate limit shows in the answer.
  return answerLinkRequest(request, requestPasswordReset);
}

export default function ForgotPasswordPage() {
  const { minutes, magicLink } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
