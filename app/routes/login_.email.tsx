// "Nhận liên kết đăng nhập qua email" (setting magicLink.enabled, learners only): ask for a sign-in link.
// Same answer whatever the address, like the reset request; 404 when the setting is off.
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { LinkRequestForm } from "~/components/link-request-form";
import { getAuthConfig } from "~/modules/auth/config.server";
import { getActor } from "~/modules/auth/guards.server";
import { answerLinkRequest } from "~/modules/auth/link-request.server";
import { requestMagicLink } from "~/modules/auth/recovery.server";
import { homePath } from "~/modules/auth/scope";
import { notFound } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.loginEmail") }];

function magicLinkSetting() {
  const setting = getAuthConfig().magicLink;
  if (!setting.enabled) notFound("recovery.magicOff");
  return setting;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { ttlMinutes } = magicLinkSetting();
  const actor = await getActor(request);
  if (actor) throw redirect(homePath(actor));
  return { minutes: ttlMinutes };
}

export async function action({ request }: ActionFunctionArgs) {
  magicLinkSetting();
  return answerLinkRequest(request, requestMagicLink);
}

export default function LoginByEmailPage() {
  const { minutes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <LinkRequestForm
      title={t("recovery.magic.requestTitle")}
      help={<p>{t("recovery.magic.help")}</p>}
      submitLabel={t("recovery.magic.submit")}
      sentMessage={t("recovery.magic.sent", { minutes })}
      result={result}
      footer={
        <p>
          <Link to="/forgot-password" className="text-red-800 underline">
            {t("recovery.forgotLink")}
          </Link>
        </p>
      }
    />
  );
}
