import { getFormProps, getTextareaProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { AudiencePreviewLines } from "~/components/phishing/campaign-form";
import { IntentForm } from "~/components/intent-form";
import type { MessageKey } from "~/i18n";
import { requireDrillManager } from "~/modules/auth/guards.server";
import { type CampaignAction, campaignIntent } from "~/modules/phishing/campaign-intents";
import { campaignPage, transitionCampaign } from "~/modules/phishing/campaigns.server";
import { withoutPlaceholders } from "~/modules/phishing/render";
import { useZodForm } from "~/utils/conform";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { domainErrorData } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";
import { uuidParam } from "~/utils/uuid.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.phishingCampaign") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireDrillManager(request);
  const id = uuidParam(params.campaignId);
  try {
    return await campaignPage(actor, scope, id);
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireDrillManager(request);
  const id = uuidParam(params.campaignId);
  const submission = await parseSubmission(request, campaignIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  const t = serverT(request);
  try {
    switch (value.intent) {
      case "approve": {
        const r = await transitionCampaign(actor, scope, id, value);
        return redirectWithFlash(`/phishing/${id}`, {
          kind: "success",
          message: t("phc.done.approve", { count: r.recipients ?? 0 }),
        });
      }
      case "stop": {
        const r = await transitionCampaign(actor, scope, id, value);
        return redirectWithFlash(`/phishing/${id}`, {
          kind: "success",
          message: t("phc.done.stop", { count: r.cancelled ?? 0 }),
        });
      }
      case "submit":
      case "reject":
      case "pause":
      case "resume":
        await transitionCampaign(actor, scope, id, value);
        return redirectWithFlash(`/phishing/${id}`, {
          kind: "success",
          message: t(`phc.done.${value.intent}`),
        });
      default:
        return unreachable(value);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

const BUTTON: Record<Exclude<CampaignAction, "reject">, string> = {
  submit: "btn-primary",
  approve: "btn-primary",
  pause: "btn-secondary",
  resume: "btn-primary",
  stop: "btn-danger",
};

function RejectForm() {
  const t = useT();
  const reply = useActionData<typeof action>();
  const [form, fields] = useZodForm(campaignIntent, {
    id: "campaign-reject",
    lastResult: reply && "status" in reply ? reply : undefined,
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="reject" />
      <Field field={fields.reason} label={t("phc.rejectReason")}>
        {(p) => <textarea {...getTextareaProps(fields.reason)} {...p} rows={2} />}
      </Field>
      <button type="submit" className="btn-secondary">
        {t("phc.action.reject")}
      </button>
    </Form>
  );
}

export default function CampaignPage() {
  const {
    campaign: c,
    templates,
    course,
    excluded,
    recipients,
    preview,
    previewProblem,
    actions,
    isCreator,
    trail,
  } = useLoaderData<typeof loader>();
  const t = useT();
  const list = (xs: string[], prefix: string) =>
    xs.length ? xs.map((x) => t(`${prefix}${x}` as MessageKey)).join(", ") : t("phc.any");
  const rows: [string, string][] = [
    [t("phc.agency"), `${c.agency.name}${c.includeSubagencies ? ` (${t("phc.withSub")})` : ""}`],
    [t("phc.categories"), list(c.staffCategories, "staff.")],
    [t("phc.itRoles"), list(c.itRoles, "it.")],
    [t("phc.headOnly"), c.headOfUnitOnly ? t("common.yes") : t("common.no")],
    [t("phc.tags"), c.tags.join(", ") || t("phc.any")],
    [t("phc.window"), `${formatDate(c.windowStart)} – ${formatDate(c.windowEnd)} (${t("phc.workingHours")})`],
    [t("phc.landing"), t(c.landing === "FORM" ? "phc.landing.FORM" : "phc.landing.TEACH")],
    [t("phc.trackOpens"), c.trackOpens ? t("common.yes") : t("common.no")],
    [
      t("phc.followUpCourse"),
      course ? `${course.title} (${t("phc.dueInDays", { days: c.followUpDueDays })})` : "—",
    ],
    [t("phc.maxPerMinute"), String(c.maxPerMinute)],
    [t("phc.clickRateTarget"), c.clickRateTarget === null ? "—" : `≤ ${c.clickRateTarget}%`],
    [t("phc.reportRateTarget"), c.reportRateTarget === null ? "—" : `≥ ${c.reportRateTarget}%`],
    [t("phc.linksExpire"), formatDateTime(c.linksExpireAt)],
    [t("phc.createdBy"), c.createdBy ?? "—"],
    [t("phc.approvedBy"), c.approvedBy ? `${c.approvedBy} · ${formatDateTime(c.approvedAt)}` : "—"],
  ];
  return (
    <div className="max-w-4xl space-y-4">
      <Link to="/phishing" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{c.name}</h1>
        <span
          className="rounded-full border border-slate-300 px-2 py-0.5 text-sm"
          data-testid="campaign-status"
        >
          {t(`phc.status.${c.status}` as MessageKey)}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {c.status === "DRAFT" ? (
          <Link to={`/phishing/${c.id}/edit`} className="btn-secondary">
            {t("phc.edit")}
          </Link>
        ) : null}
        {actions
          .filter((a): a is Exclude<CampaignAction, "reject"> => a !== "reject")
          .map((a) => (
            <IntentForm
              key={a}
              id={`campaign-${a}`}
              intent={a}
              buttonClassName={BUTTON[a]}
              confirm={a === "stop" || a === "approve" ? t(`phc.confirm.${a}`) : undefined}
            >
              {t(`phc.action.${a}`)}
            </IntentForm>
          ))}
        {recipients > 0 ? (
          <Link to={`/phishing/${c.id}/results`} className="btn-secondary">
            {t("phc.results")}
          </Link>
        ) : null}
      </div>
      {c.status === "PENDING_APPROVAL" && isCreator ? (
        <p className="text-sm text-slate-600">{t("phc.waitingOther")}</p>
      ) : null}
      {actions.includes("reject") ? <RejectForm /> : null}

      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("phc.audience")}</h2>
        {recipients > 0 ? (
          <p>{t("phc.plannedCount", { count: recipients })}</p>
        ) : preview ? (
          <div role="status">
            <AudiencePreviewLines preview={preview} />
          </div>
        ) : previewProblem ? (
          <p role="alert" className="text-sm text-red-800">
            {t(previewProblem.key, previewProblem.params)}
          </p>
        ) : null}
        {excluded.length ? (
          <p className="text-sm">
            {t("phc.excluded")}: {excluded.map((p) => `${p.fullName} (${p.email})`).join(", ")}
          </p>
        ) : null}
      </section>

      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("phc.settings")}</h2>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[14rem_1fr]">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-600">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <h3 className="mt-3 font-medium">{t("phc.templates")}</h3>
        <ul className="list-disc pl-5 text-sm">
          {templates.map((tpl) => (
            <li key={tpl.id}>
              {tpl.title} · {withoutPlaceholders(tpl.subject)} ·{" "}
              {t("phc.difficulty", { level: tpl.difficulty })}
            </li>
          ))}
        </ul>
      </section>

      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("phc.trail")}</h2>
        <ol className="space-y-1 text-sm">
          {trail.map((e) => (
            <li key={e.id}>
              <span className="tabular-nums text-slate-600">{formatDateTime(e.at)}</span> ·{" "}
              {t(`phc.audit.${e.action.replace("phishing.campaign.", "")}` as MessageKey)} · {e.actor ?? "—"}
              {e.recipients !== null ? ` · ${t("phc.plannedCount", { count: e.recipients })}` : ""}
              {e.reason ? ` · ${t("phc.reasonSaid", { reason: e.reason })}` : ""}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
