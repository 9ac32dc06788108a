import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { DateField } from "~/components/date-input";
import { Field, FormError } from "~/components/field";
import { requireViewer } from "~/modules/auth/guards.server";
import { visiblePlans } from "~/modules/targets/dashboard.server";
import { createSnapshot } from "~/modules/targets/plans.server";
import { snapshotFormSchema } from "~/modules/targets/schema";
import { listSnapshots } from "~/modules/targets/snapshots.server";
import { canManagePlan, defaultPlanId, planAgencyPath } from "~/modules/targets/view.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { formatIssues, issueRef } from "~/utils/forms";
import { domainErrorReply } from "~/utils/conform.server";
import { badRequest, notFound } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle, useLocale } from "~/utils/i18n";
import { scrollRegion } from "~/components/scroll-region";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.snapshots") }];

const querySchema = z.object({
  plan: z.preprocess((v) => (v === "" ? undefined : v), z.string().uuid("targets.paramPlan").optional()),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireViewer(request);
  const q = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) badRequest(issueRef(q.error.issues[0]));
  const planId = q.data.plan ?? (await defaultPlanId());
  if (!planId) notFound("targets.noPlans");
  const plans = await visiblePlans(scope);
  const plan = plans.find((p) => p.id === planId);
  if (!plan) notFound("targets.planNotInScope");
  const snapshots = await listSnapshots(plan.id);
  return {
    plan: { id: plan.id, title: plan.title, year: plan.year },
    canEdit: canManagePlan(actor, await planAgencyPath(plan.id)),
    thisYear: new Date().getFullYear(),
    snapshots: snapshots.map((s) => ({
      id: s.id,
      label: s.label,
      asOf: formatDate(s.asOf),
      automatic: s.automatic,
      createdAt: formatDateTime(s.createdAt),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireViewer(request);
  const t = serverT(request);
  const submission = parseWithZod(await readForm(request), {
    schema: snapshotFormSchema,
    formatError: formatIssues(getLocale(request)),
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const s = await createSnapshot(actor, submission.value);
    return redirectWithFlash(`/targets/snapshots?plan=${submission.value.plan}`, {
      kind: "success",
      message: t("snap.done", { label: s.label }),
    });
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
}

export default function SnapshotsPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { plan: d.plan.id, period: "Q1", year: String(d.thisYear), date: "", label: "" },
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: snapshotFormSchema, formatError: formatIssues(locale) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const err = (f: { errors?: string[] }) => f.errors?.[0];
  return (
    <div className="max-w-4xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("snap.title")}</h1>
        <p className="text-sm text-slate-600">
          {d.plan.title} ({d.plan.year}) ·{" "}
          <Link to={`/targets?plan=${d.plan.id}`} className="text-red-800 underline">
            {t("tg.back")}
          </Link>
        </p>
        <p className="mt-1 text-sm text-slate-700">{t("snap.help")}</p>
      </div>
      {d.canEdit ? (
        <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-5 sm:items-start">
          <input type="hidden" name={fields.plan.name} value={d.plan.id} />
          <FormError
            message={form.errors?.[0] ?? err(fields.plan) ?? err(fields.period)}
            className="sm:col-span-5"
          />
          <Field name={fields.period.name} label={t("snap.period")} className="sm:col-span-2">
            {(props) => (
              <select {...props} defaultValue={fields.period.initialValue as string}>
                {(["Q1", "H1", "Q3", "YEAR", "CUSTOM"] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`snap.period.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name={fields.year.name} label={t("snap.year")} error={err(fields.year)}>
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                defaultValue={String(fields.year.initialValue ?? "")}
              />
            )}
          </Field>
          <DateField
            name={fields.date.name}
            label={t("snap.date")}
            error={err(fields.date)}
            defaultValue={fields.date.initialValue}
            className="sm:col-span-2"
          />
          <Field
            name={fields.label.name}
            label={t("snap.label")}
            error={err(fields.label)}
            className="sm:col-span-4"
          >
            {(props) => (
              <input
                {...props}
                placeholder={t("targets.snapshotLabelExample")}
                defaultValue={fields.label.initialValue}
              />
            )}
          </Field>
          <div className="sm:pt-6">
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("snap.create")}
            </button>
          </div>
        </Form>
      ) : null}
      {d.snapshots.length === 0 ? (
        <p className="card text-slate-600">{t("snap.none")}</p>
      ) : (
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          {...scrollRegion(t("snap.title"))}
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th className="px-3 py-2">{t("snap.label")}</th>
                <th className="px-3 py-2">{t("snap.asOf")}</th>
                <th className="hidden px-3 py-2 sm:table-cell">{t("snap.kind")}</th>
                <th className="px-3 py-2">
                  <span className="sr-only">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.snapshots.map((s) => (
                <tr key={s.id}>
                  <td className="px-3 py-1.5 font-medium">{s.label}</td>
                  <td className="px-3 py-1.5">{s.asOf}</td>
                  <td className="hidden px-3 py-1.5 text-slate-600 sm:table-cell">
                    {s.automatic ? t("snap.auto") : t("snap.manual")}
                  </td>
                  <td className="px-3 py-1.5 text-right whitespace-nowrap">
                    <Link to={`/targets/report?snapshot=${s.id}`} className="text-red-800 hover:underline">
                      {t("snap.open")}
                    </Link>
                    {" · "}
                    <Link to={`/targets?snapshot=${s.id}`} className="text-red-800 hover:underline">
                      {t("tg.title")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
