import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CampaignForm } from "~/components/phishing/campaign-form";
import { requireDrillManager } from "~/modules/auth/guards.server";
import { campaignFormSchema } from "~/modules/phishing/campaign-schema";
import { campaignFormOptions, createCampaign, previewAudience } from "~/modules/phishing/campaigns.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { forbidden } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.phishingNew") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireDrillManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return campaignFormOptions(scope);
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireDrillManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  const submission = await parseSubmission(request, campaignFormSchema());
  if (submission.status !== "success") return invalidReply(submission);
  const { intent, ...settings } = submission.value;
  try {
    switch (intent) {
      case "preview":
        return { result: submission.reply(), preview: await previewAudience(scope, settings) };
      case "save": {
        const { id } = await createCampaign(actor, scope, settings);
        return redirectWithFlash(`/phishing/${id}`, {
          kind: "success",
          message: serverT(request)("phc.created"),
        });
      }
      default:
        return unreachable(intent);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function NewCampaignPage() {
  const options = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state !== "idle";
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const reply = actionData && "preview" in actionData ? actionData.result : actionData;
  return (
    <div className="max-w-3xl space-y-4">
      <Link to="/phishing" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("phc.new")}</h1>
      <p className="text-sm text-slate-600">{t("phc.newIntro")}</p>
      <CampaignForm
        schema={campaignFormSchema()}
        options={options}
        defaultValue={{
          includeSubagencies: "on",
          landing: "FORM",
          followUpDueDays: "14",
          maxPerMinute: "60",
          agencyId: options.agencies[0]?.id,
          followUpCourseId: options.courses[0]?.id,
        }}
        lastResult={busy ? undefined : (reply ?? undefined)}
        preview={preview}
        busy={busy}
      />
    </div>
  );
}
