import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DownloadLink } from "~/components/download-link";
import { requireActor } from "~/modules/auth/guards.server";
import {
  forgetRecoveryCodes,
  landingAfterSecondFactor,
  recoveryCodesFromCookie,
} from "~/modules/auth/two-factor-pages.server";
import { parseSubmission } from "~/utils/conform.server";
import { useZodForm } from "~/utils/conform";
import { redirectWithFlash } from "~/utils/flash.server";
import { safeRedirect } from "~/utils/forms";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";

// A secret is on this page: never kept by a cache.
export const headers = () => ({ "Cache-Control": "no-store" });

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.recoveryCodes") }];

const continueSchema = z.object({ redirectTo: z.string().max(2000).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request, { allowPasswordChange: true });
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  return { codes: recoveryCodesFromCookie(request, actor.userId), redirectTo };
}

// "I have saved them": the codes' cookie goes (they are shown once) and the sign-in goes on.
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request, { allowPasswordChange: true });
  const submission = await parseSubmission(request, continueSchema);
  const redirectTo = submission.status === "success" ? submission.value.redirectTo : undefined;
  const next = await landingAfterSecondFactor(actor.userId, redirectTo);
  return redirectWithFlash(
    next,
    { kind: "success", message: serverT(request)("twofactor.enabled") },
    { headers: { "Set-Cookie": forgetRecoveryCodes() } },
  );
}

export default function RecoveryCodesPage() {
  const { codes, redirectTo } = useLoaderData<typeof loader>();
  const t = useT();
  const [form] = useZodForm(continueSchema);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("tf.codes.title")}</h1>
      {codes ? (
        <div className="card space-y-4">
          <p className="text-sm text-slate-700">{t("tf.codes.help")}</p>
          <ul className="grid grid-cols-2 gap-2 font-mono text-base" aria-label={t("tf.codes.title")}>
            {codes.map((c) => (
              <li key={c} className="rounded bg-slate-100 px-3 py-1.5 text-center">
                {c}
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap items-center gap-3">
            <DownloadLink href="/account/two-factor/recovery-codes.txt" kind="txt" className="btn-secondary">
              {t("tf.codes.download")}
            </DownloadLink>
            <Form method="post" {...getFormProps(form)}>
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <button type="submit" className="btn-primary">
                {t("tf.codes.continue")}
              </button>
            </Form>
          </div>
        </div>
      ) : (
        <div className="card space-y-3">
          <p className="text-sm text-slate-700">{t("tf.codes.gone")}</p>
          <Link to="/account/security" className="text-red-800 underline">
            {t("tf.codes.toSecurity")}
          </Link>
        </div>
      )}
    </div>
  );
}
