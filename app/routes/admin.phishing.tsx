// The phishing drills' kill switch for admins: "Dừng khẩn cấp mọi diễn tập" stops every campaign's sending at
// once (waiting drill emails are withdrawn); "Cho phép lại" lifts it. Both are audited.
import { getFormProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/field";
import { requireAdmin } from "~/modules/auth/guards.server";
import { killSwitchState, setKillSwitch } from "~/modules/phishing/send.server";
import { invalidReply, parseSubmission } from "~/utils/conform.server";
import { useZodForm } from "~/utils/conform";
import { redirectWithFlash } from "~/utils/flash.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { formatDayTime } from "~/utils/vn-calendar";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.admin") }];

const killSchema = z.object({ intent: z.enum(["kill", "allow"], { error: "phishingDrill.kill.badIntent" }) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const state = await killSwitchState();
  return { killedAt: state.killedAt ? formatDayTime(state.killedAt) : null, envDisabled: state.envDisabled };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const submission = await parseSubmission(request, killSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const killed = submission.value.intent === "kill";
  await setKillSwitch(actor.userId, killed);
  return redirectWithFlash("/admin/phishing", {
    kind: "success",
    message: serverT(request)(killed ? "phishingDrill.kill.stopped" : "phishingDrill.kill.resumed"),
  });
}

export default function PhishingKillSwitch() {
  const { killedAt, envDisabled } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useZodForm(killSchema, { lastResult: reply, shouldValidate: "onSubmit" });
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("phishingDrill.kill.title")}</h1>
      <FormError message={fields.intent.errors?.[0] ?? form.errors?.[0]} />
      <div className={`card border-2 ${killedAt ? "border-red-500" : "border-green-500"}`}>
        <p className="font-semibold" role="status">
          {killedAt ? t("phishingDrill.kill.killed", { at: killedAt }) : t("phishingDrill.kill.running")}
        </p>
        {envDisabled ? <p className="mt-1 text-sm text-red-700">{t("phishingDrill.kill.envOff")}</p> : null}
        <Form method="post" {...getFormProps(form)} className="mt-4">
          {killedAt ? (
            <button type="submit" name="intent" value="allow" className="btn-secondary">
              {t("phishingDrill.kill.resume")}
            </button>
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-700">{t("phishingDrill.kill.stopHelp")}</p>
              <button
                type="submit"
                name="intent"
                value="kill"
                className="rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800"
              >
                {t("phishingDrill.kill.stop")}
              </button>
            </>
          )}
        </Form>
      </div>
    </div>
  );
}
