import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import { FormError } from "~/components/field";
import { PlanForm, TargetForm } from "~/components/targets-forms";
import type { MessageKey } from "~/i18n";
import { requireViewer } from "~/modules/auth/guards.server";
import { planAgencyOptions, requirePlanManager, topicChoices } from "~/modules/targets/manage.server";
import { loadPlanForManager, savePlan, saveTarget, setTargetActive } from "~/modules/targets/plans.server";
import { planFormSchema, targetFormSchema } from "~/modules/targets/schema";
import { DomainError } from "~/utils/errors";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { formatIssues, issueRef } from "~/utils/forms";
import { domainErrorReply } from "~/utils/conform.server";
import { badRequest, domainErrorData, notFound } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { scrollRegion } from "~/components/scroll-region";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.plan") }];

const uuid = z.string().uuid("targets.planIdInvalid");

async function load(request: Request, planId: string | undefined) {
  const { actor } = await requireViewer(request);
  requirePlanManager(actor);
  const id = uuid.safeParse(planId);
  if (!id.success) notFound("targets.planNotFound");
  try {
    return { actor, plan: await loadPlanForManager(actor, id.data) };
  } catch (e) {
    if (e instanceof DomainError) domainErrorData(e, request);
    throw e;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, plan } = await load(request, params.planId);
  const edit = new URL(request.url).searchParams.get("edit");
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

const toggleSchema = z.object({
  targetId: z.string().uuid("targets.targetInvalid"),
  active: z.enum(["true", "false"], { error: "validation.invalid" }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, plan } = await load(request, params.planId);
  const t = serverT(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  try {
    if (intent === "plan") {
      const submission = parseWithZod(form, {
        schema: planFormSchema,
        formatError: formatIssues(getLocale(request)),
      });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      try {
        await savePlan(actor, plan.id, submission.value);
      } catch (e) {
        return domainErrorReply(submission, e, request);
      }
      return redirectWithFlash(`/targets/plans/${plan.id}`, { kind: "success", message: t("plans.saved") });
    }
    if (intent === "target") {
      const submission = parseWithZod(form, {
        schema: targetFormSchema,
        formatError: formatIssues(getLocale(request)),
      });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      const targetId = form.get("targetId");
      try {
        await saveTarget(
          actor,
          plan.id,
          typeof targetId === "string" && targetId ? targetId : null,
          submission.value,
        );
      } catch (e) {
        return domainErrorReply(submission, e, request);
      }
      return redirectWithFlash(`/targets/plans/${plan.id}`, {
        kind: "success",
        message: t("plans.targetSaved"),
      });
    }
    if (intent === "toggle") {
      const parsed = toggleSchema.safeParse(Object.fromEntries(form));
      if (!parsed.success) badRequest(issueRef(parsed.error.issues[0]));
      await setTargetActive(actor, plan.id, parsed.data.targetId, parsed.data.active === "true");
      return redirectWithFlash(`/targets/plans/${plan.id}`, {
        kind: "success",
        message: t("plans.targetSaved"),
      });
    }
    badRequest("http.badIntent");
  } catch (e) {
    return domainErrorData(e, request);
  }
}

export default function PlanPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  // Conform replies carry the submitted intent; the toggle buttons answer with a plain error.
  const reply = a && "initialValue" in a ? a : null;
  const replyFor = (intent: string) => (reply?.initialValue?.intent === intent ? reply : null);
  const toggleError = a && "errors" in a ? a.errors.form : undefined;
  const busy = useNavigation().state === "submitting";
  const t = useT();
  return (
    <div className="max-w-5xl space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{d.plan.title}</h1>
        <Link to={`/targets?plan=${d.plan.id}`} className="btn-secondary">
          {t("tg.title")}
        </Link>
      </div>
      <PlanForm values={d.plan} agencies={d.agencies} lastResult={replyFor("plan")} busy={busy} />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("plans.targets")}</h2>
        <FormError message={toggleError} />
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          {...scrollRegion(t("plans.targets"))}
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th className="px-3 py-2">{t("plans.code")}</th>
                <th className="px-3 py-2">{t("plans.targetTitle")}</th>
                <th className="px-3 py-2 text-right">{t("plans.targetPercent")}</th>
                <th className="px-3 py-2">{t("plans.deadline")}</th>
                <th className="px-3 py-2">{t("plans.topics")}</th>
                <th className="px-3 py-2">
                  <span className="sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.targets.map((x) => (
                <tr key={x.id} className={x.active ? "" : "text-slate-400"}>
                  <td className="px-3 py-2 font-mono text-xs">{x.code}</td>
                  <td className="px-3 py-2">{x.title}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{x.targetPercent}</td>
                  <td className="px-3 py-2">{x.deadline}</td>
                  <td className="px-3 py-2 text-xs">{x.topics.join(", ")}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <Link to={`?edit=${x.id}#target-form`} className="text-red-800 hover:underline">
                      {t("plans.editTarget")}
                    </Link>{" "}
                    <Form method="post" className="inline">
                      <input type="hidden" name="intent" value="toggle" />
                      <input type="hidden" name="targetId" value={x.id} />
                      <input type="hidden" name="active" value={x.active ? "false" : "true"} />
                      <button type="submit" className="ml-2 text-slate-600 underline">
                        {t((x.active ? "plans.deactivate" : "plans.reactivate") as MessageKey)}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 className="font-semibold">
          {d.editing ? `${t("plans.editTarget")}: ${d.editing.code}` : t("plans.addTarget")}
        </h3>
        <TargetForm
          key={d.editing?.id ?? "new"}
          values={
            d.editing ?? {
              id: null,
              code: "",
              title: "",
              position: d.nextPosition,
              agencyId: "",
              staffCategories: [],
              itRoles: [],
              headOfUnitOnly: false,
              tags: "",
              topics: [],
              targetPercent: 100,
              deadline: `31/12/${d.plan.year}`,
            }
          }
          agencies={d.targetAgencies}
          topics={d.topics}
          lastResult={replyFor("target")}
          busy={busy}
        />
      </section>
    </div>
  );
}
