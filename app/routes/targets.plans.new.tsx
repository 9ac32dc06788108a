import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PlanForm } from "~/components/targets-forms";
import { requireViewer } from "~/modules/auth/guards.server";
import { planAgencyOptions, requirePlanManager } from "~/modules/targets/manage.server";
import { savePlan } from "~/modules/targets/plans.server";
import { planFormSchema } from "~/modules/targets/schema";
import { redirectWithFlash } from "~/utils/flash.server";
import { fieldErrors } from "~/utils/forms";
import { domainErrorData } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.planNew") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireViewer(request);
  requirePlanManager(actor);
  return { agencies: await planAgencyOptions(actor), year: new Date().getFullYear() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireViewer(request);
  requirePlanManager(actor);
  const parsed = planFormSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ errors: fieldErrors(parsed.error, getLocale(request)) }, { status: 400 });
  try {
    const plan = await savePlan(actor, null, parsed.data);
    return redirectWithFlash(`/targets/plans/${plan.id}`, {
      kind: "success",
      message: serverT(request)("plans.saved"),
    });
  } catch (e) {
    return domainErrorData(e, request);
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
        errors={a && "errors" in a ? a.errors : {}}
        busy={busy}
      />
    </div>
  );
}
