import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PlanForm } from "~/components/targets-forms";
import { planFormSchema } from "~/domain/targets";
import { requireViewer } from "~/modules/auth/guards.server";
import { planAgencyOptions, requirePlanManager } from "~/modules/targets/manage.server";
import { savePlan } from "~/modules/targets/plans.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pageTitle, useT } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.planNew") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireViewer(request);
  requirePlanManager(actor);
  return { agencies: await planAgencyOptions(actor), year: new Date().getFullYear() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireViewer(request);
  requirePlanManager(actor);
  const submission = await parseSubmission(request, planFormSchema);
  if (submission.status !== "success") return invalidReply(submission);
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
          issuer: t("plans.defaultIssuer"),
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
