// The emailed sign-in link (setting magicLink.enabled): GET only shows a "Đăng nhập" button, because mail
// scanners open links before the person does; the POST uses the link up and signs in. 404 when off.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthCard } from "~/components/auth/auth-card";
import { FormError } from "~/components/field";
import { LinkGone } from "~/components/link-gone";
import { getAuthConfig } from "~/modules/auth/config.server";
import { getActor } from "~/modules/auth/guards.server";
import { emailedLinkLoader, NO_STORE } from "~/modules/auth/link-page.server";
import { linkRefusalMessage, signInWithMagicLink } from "~/modules/auth/recovery.server";
import { completeSignIn } from "~/modules/auth/sign-in.server";
import { clientIp, notFound } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.magicLink") }];
export const headers = () => NO_STORE;

function requireMagicLinks() {
  if (!getAuthConfig().magicLink.enabled) notFound("recovery.magicOff");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireMagicLinks();
  // The link is the credential; a signed-in visitor simply signs in as the link's account.
  return emailedLinkLoader(request, "MAGIC", params.token);
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireMagicLinks();
  await getActor(request);
  await readForm(request); // the button's form; nothing in it but refuses a body that is not a form
  const used = await signInWithMagicLink(params.token ?? "");
  if (!used.ok) return data({ error: serverT(request)(linkRefusalMessage(used.reason)) }, { status: 410 });
  const meta = { ip: clientIp(request), userAgent: request.headers.get("user-agent") ?? undefined };
  return completeSignIn(used.userId, { method: "magic", meta });
}

export default function MagicLinkPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  if (!d.live)
    return <LinkGone reason={d.reason} again={{ to: "/login/email", label: t("recovery.link.newMagic") }} />;
  return <MagicSignIn email={d.email} />;
}

function MagicSignIn({ email }: { email: string }) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const [form] = useForm({});
  return (
    <AuthCard title={t("recovery.magic.title")}>
      <p className="text-sm text-slate-700">{t("recovery.magic.for", { email })}</p>
      <FormError message={result?.error} />
      <Form method="post" {...getFormProps(form)}>
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {t("recovery.magic.signIn")}
        </button>
      </Form>
      <p className="text-sm">
        <Link to="/login" className="text-red-800 underline">
          {t("recovery.magic.password")}
        </Link>
      </p>
    </AuthCard>
  );
}
