import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/field";
import { requireAdmin } from "~/modules/auth/guards.server";
import { accountForReset, adminResetSecondFactor } from "~/modules/auth/two-factor.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { useZodForm } from "~/utils/conform";
import { uuidParam } from "~/utils/uuid.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.twoFactorReset") }];

const resetSchema = z.object({ intent: z.literal("reset", { message: "http.badIntent" }) });

async function account(params: { userId?: string }) {
  return (
    (await accountForReset(uuidParam(params.userId, "auth.userNotFound"))) ?? notFound("auth.userNotFound")
  );
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const user = await account(params);
  return {
    email: user.email,
    name: user.person?.fullName ?? null,
    enabledOn: user.totpEnabledAt ? formatDate(user.totpEnabledAt) : null,
  };
}

// The confirmation page's one button: an admin (checked first) resets the account's second factor.
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const user = await account(params);
  const submission = await parseSubmission(request, resetSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    await adminResetSecondFactor(actor.userId, user.id);
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
  return redirectWithFlash(`/admin/users?${new URLSearchParams({ q: user.email })}`, {
    kind: "success",
    message: serverT(request)("twofactor.reset", { email: user.email }),
  });
}

export default function ResetTwoFactorPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form] = useZodForm(resetSchema, { lastResult });
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("tf.admin.title")}</h1>
      <div className="card space-y-3">
        {d.name ? <p className="font-medium">{d.name}</p> : null}
        {d.enabledOn ? (
          <>
            <p className="text-sm text-slate-700">
              {t("tf.admin.on", { email: d.email, date: d.enabledOn })}
            </p>
            <p className="text-sm text-slate-700">{t("tf.admin.explain")}</p>
            <Form method="post" {...getFormProps(form)} className="space-y-3">
              <FormError message={form.errors?.[0]} />
              <button type="submit" name="intent" value="reset" className="btn-primary">
                {t("tf.admin.confirm")}
              </button>
            </Form>
          </>
        ) : (
          <p className="text-sm text-slate-700">{t("tf.admin.off", { email: d.email })}</p>
        )}
        <Link to="/admin/users" className="inline-block text-sm text-red-800 underline">
          {t("tf.admin.back")}
        </Link>
      </div>
    </div>
  );
}
