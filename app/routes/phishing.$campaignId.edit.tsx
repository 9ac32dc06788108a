import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CampaignForm } from "~/components/phishing/campaign-form";
import { requireDrillManager } from "~/modules/auth/guards.server";
import { campaignFormSchema } from "~/modules/phishing/campaign-schema";
import {
  campaignFormOptions,
  draftFormValues,
  previewAudience,
  updateDraft,
} from "~/modules/phishing/campaigns.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";
import { uuidParam } from "~/utils/uuid.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.phishingEdit") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireDrillManager(request);
  const id = uuidParam(params.campaignId);
  try {
    const [options, draft] = await Promise.all([campaignFormOptions(scope), draftFormValues(scope, id)]);
    return { id, options, ...draft };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireDrillManager(request);
  const id = uuidParam(params.campaignId);
  const submission = await parseSubmission(request, campaignFormSchema());
  if (submission.status !== "success") return invalidReply(submission);
  const { intent, ...settings } = submission.value;
  try {
    switch (intent) {
      case "preview":
        return { result: submission.reply(), preview: await previewAudience(scope, settings) };
      case "save":
        await updateDraft(actor, scope, id, settings);
        return redirectWithFlash(`/phishing/${id}`, {
          kind: "success",
          message: serverT(request)("phc.saved"),
        });
      default:
        return unreachable(intent);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function EditCampaignPage() {
  const { id, options, values, excluded } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const busy = navigation.state !== "idle";
  const preview = actionData && "preview" in actionData ? actionData.preview : null;
  const reply = actionData && "preview" in actionData ? actionData.result : actionData;
  return (
    <div className="max-w-3xl space-y-4">
      <Link to={`/phishing/${id}`} className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("phc.edit")}</h1>
      <CampaignForm
        schema={campaignFormSchema()}
        options={options}
        defaultValue={values}
        initialExcluded={excluded}
        lastResult={busy ? undefined : (reply ?? undefined)}
        preview={preview}
        busy={busy}
      />
    </div>
  );
}
