import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PlanForm } from "~/components/targets-forms";
import { requireViewer } from "~/modules/auth/guards.server";
import { planAgencyOptions, requirePlanManager } from "~/modules/targets/manage.server";
import { savePlan } from "~/modules/targets/plans.server";
import { planFormSchema } from "~/modules/targets/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatIssues } from "~/utils/forms";
import { domainErrorReply } from "~/utils/conform.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.planNew") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireViewer(request);
  requirePlanManager(actor);
  return { agencies: await planAgencyOptions(actor), year: new Date().getFullYear() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireViewer(request);
  requirePlanManager(actor);
  const submission = parseWithZod(await readForm(request), {
    schema: planFormSchema,
    formatError: formatIssues(getLocale(request)),
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const plan = await savePlan(actor, null, submission.value);
    return redirectWithFlash(`/targets/plans/${plan.id}`, {
      kind: "success",
      message: serverT(request)("plans.saved"),
    });
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
}

export default function NewPlanPage() {
  const { agencies, year } = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("plans.new")}</h1>
      <PlanForm
        values={{
          documentNumber: "",
          title: "",
          issuer: "UBND tỉnh",
          year,
          period: "",
          agencyId: agencies[0]?.id ?? "",
          startsAt: `01/01/${year}`,
          active: true,
        }}
        agencies={agencies}
        lastResult={a}
        busy={busy}
      />
    </div>
  );
}
