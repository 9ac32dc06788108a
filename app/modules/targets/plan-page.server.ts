// What the page of one plan shows its manager: the plan as its form's values, its targets, the target being
// edited (?edit=id) and the choices of agencies and topics.
import type { Actor } from "~/modules/auth/scope";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { type loadPlanForManager, planAgencyOptions, topicChoices } from "./manage.server";

type ManagedPlan = Awaited<ReturnType<typeof loadPlanForManager>>;

export async function planPageData(actor: Actor, plan: ManagedPlan, edit: string | null) {
  const editing = edit ? plan.targets.find((t) => t.id === edit) : undefined;
  if (edit && !editing) notFound("targets.targetNotFound");
  const [agencies, targetAgencies, topics] = await Promise.all([
    planAgencyOptions(actor),
    planAgencyOptions(actor, plan.agency.path),
    topicChoices(),
  ]);
  return {
    plan: {
      id: plan.id,
      documentNumber: plan.documentNumber,
      title: plan.title,
      issuer: plan.issuer,
      year: plan.year,
      period: plan.period,
      agencyId: plan.agencyId,
      startsAt: formatDate(plan.startsAt),
      active: plan.active,
    },
    targets: plan.targets.map((t) => ({
      id: t.id,
      code: t.code,
      title: t.title,
      targetPercent: t.targetPercent,
      deadline: formatDate(t.deadline),
      topics: t.topics,
      active: t.active,
    })),
    editing: editing
      ? {
          id: editing.id,
          code: editing.code,
          title: editing.title,
          position: editing.position,
          agencyId: editing.agencyId ?? "",
          staffCategories: editing.staffCategories,
          itRoles: editing.itRoles,
          headOfUnitOnly: editing.headOfUnitOnly,
          tags: editing.tags.join(", "),
          topics: editing.topics,
          targetPercent: editing.targetPercent,
          deadline: formatDate(editing.deadline),
        }
      : null,
    nextPosition: plan.targets.length + 1,
    agencies,
    targetAgencies,
    topics,
  };
}
