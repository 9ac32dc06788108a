import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageHeading } from "~/components/section";
import { PlanTargetsTable } from "~/components/targets/plan-targets-table";
import { newTargetValues, PlanForm, TargetForm } from "~/components/targets-forms";
import { requireViewer } from "~/modules/auth/guards.server";
import { PLAN_INTENT_PERMISSION, planPageIntent } from "~/modules/targets/intents";
import {
  loadPlanForManager,
  requirePlanManager,
  requirePlanPermission,
} from "~/modules/targets/manage.server";
import { planPageData } from "~/modules/targets/plan-page.server";
import { savePlan, saveTarget, setTargetActive } from "~/modules/targets/plans.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData, notFound } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";
import { unreachable } from "~/utils/intents";
import { isUuid } from "~/utils/uuid";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.plan") }];

/** The caller must manage plans, and this one: 404 for an id that is not a plan's, 403 outside the grants. */
async function load(request: Request, planId: string | undefined) {
  const { actor } = await requireViewer(request);
  requirePlanManager(actor);
  if (!planId || !isUuid(planId)) notFound("targets.planNotFound");
  const plan = await loadPlanForManager(actor, planId).catch((e: unknown) => {
    domainErrorData(e, request); // its refusals are 403 and 404: thrown as the error page
    throw e;
  });
  return { actor, plan };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, plan } = await load(request, params.planId);
  return planPageData(actor, plan, new URL(request.url).searchParams.get("edit"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, plan } = await load(request, params.planId);
  const submission = await parseSubmission(request, planPageIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  requirePlanPermission(actor, plan, PLAN_INTENT_PERMISSION[value.intent]);
  const t = serverT(request);
  const saved = (message: string) =>
    redirectWithFlash(`/targets/plans/${plan.id}`, { kind: "success", message });
  try {
    switch (value.intent) {
      case "plan": {
        const { intent: _, ...form } = value;
        await savePlan(actor, plan.id, form);
        return saved(t("plans.saved"));
      }
      case "target": {
        const { intent: _, targetId, ...form } = value;
        await saveTarget(actor, plan.id, targetId ?? null, form);
        return saved(t("plans.targetSaved"));
      }
      case "toggle":
        await setTargetActive(actor, plan.id, value.targetId, value.active === "true");
        return saved(t("plans.targetSaved"));
      default:
        return unreachable(value);
    }
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
}

export default function PlanPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  // Each form shows the reply to its own intent (a toggle button's, next to the button of its row).
  const replyFor = (intent: string) => (reply?.initialValue?.intent === intent ? reply : null);
  const busy = useNavigation().state === "submitting";
  const t = useT();
  return (
    <div className="max-w-5xl space-y-5">
      <PageHeading title={d.plan.title}>
        <Link to={`/targets?plan=${d.plan.id}`} className="btn-secondary">
          {t("tg.title")}
        </Link>
      </PageHeading>
      <PlanForm values={d.plan} agencies={d.agencies} lastResult={replyFor("plan")} busy={busy} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("plans.targets")}</h2>
        <PlanTargetsTable targets={d.targets} />
        <h3 className="font-semibold">
          {d.editing ? `${t("plans.editTarget")}: ${d.editing.code}` : t("plans.addTarget")}
        </h3>
        <TargetForm
          key={d.editing?.id ?? "new"}
          values={d.editing ?? newTargetValues(d.nextPosition, d.plan.year)}
          agencies={d.targetAgencies}
          topics={d.topics}
          lastResult={replyFor("target")}
          busy={busy}
        />
      </section>
    </div>
  );
}
