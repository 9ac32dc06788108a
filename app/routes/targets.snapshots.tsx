import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireViewer } from "~/modules/auth/guards.server";
import { visiblePlans } from "~/modules/targets/dashboard.server";
import { createSnapshot } from "~/modules/targets/plans.server";
import { snapshotFormSchema } from "~/modules/targets/schema";
import { listSnapshots } from "~/modules/targets/snapshots.server";
import { canManagePlan, defaultPlanId, planAgencyPath } from "~/modules/targets/view.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { fieldErrors, issueRef } from "~/utils/forms";
import { badRequest, domainErrorData, notFound } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";

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
  const parsed = snapshotFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ errors: fieldErrors(parsed.error, getLocale(request)) }, { status: 400 });
  try {
    const s = await createSnapshot(actor, parsed.data);
    return redirectWithFlash(`/targets/snapshots?plan=${parsed.data.plan}`, {
      kind: "success",
      message: t("snap.done", { label: s.label }),
    });
  } catch (e) {
    return domainErrorData(e, request);
  }
}

export default function SnapshotsPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const errors: Record<string, string> = a && "errors" in a ? a.errors : {};
  const busy = useNavigation().state === "submitting";
  const t = useT();
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
        <Form method="post" className="card grid gap-3 sm:grid-cols-5 sm:items-end">
          <input type="hidden" name="plan" value={d.plan.id} />
          <div className="sm:col-span-2">
            <label htmlFor="period" className="label">
              {t("snap.period")}
            </label>
            <select id="period" name="period" className="input" defaultValue="Q1">
              {(["Q1", "H1", "Q3", "YEAR", "CUSTOM"] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`snap.period.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="year" className="label">
              {t("snap.year")}
            </label>
            <input id="year" name="year" type="number" className="input" defaultValue={d.thisYear} />
            {errors.year ? <p className="field-error">{errors.year}</p> : null}
          </div>
          <div>
            <label htmlFor="date" className="label">
              {t("snap.date")}
            </label>
            <input id="date" name="date" className="input" placeholder="dd/mm/yyyy" />
            {errors.date ? <p className="field-error">{errors.date}</p> : null}
          </div>
          <div className="sm:col-span-4">
            <label htmlFor="label" className="label">
              {t("snap.label")}
            </label>
            <input
              id="label"
              name="label"
              className="input"
              placeholder={t("targets.snapshotLabelExample")}
            />
            {errors.label ? <p className="field-error">{errors.label}</p> : null}
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("snap.create")}
          </button>
          {errors.form || errors.plan || errors.period ? (
            <p role="alert" className="field-error sm:col-span-5">
              {errors.form ?? errors.plan ?? errors.period}
            </p>
          ) : null}
        </Form>
      ) : null}
      {d.snapshots.length === 0 ? (
        <p className="card text-slate-600">{t("snap.none")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th className="px-3 py-2">{t("snap.label")}</th>
                <th className="px-3 py-2">{t("snap.asOf")}</th>
                <th className="px-3 py-2">{t("snap.kind")}</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {d.snapshots.map((s) => (
                <tr key={s.id}>
                  <td className="px-3 py-1.5 font-medium">{s.label}</td>
                  <td className="px-3 py-1.5">{s.asOf}</td>
                  <td className="px-3 py-1.5 text-slate-600">
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
