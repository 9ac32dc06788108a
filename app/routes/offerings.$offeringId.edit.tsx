import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { OfferingFormPage } from "~/components/offerings/offering-form";
import { requireManager } from "~/modules/auth/guards.server";
import { organiserOffering } from "~/modules/scheduling/access.server";
import { offeringDefaults, offeringFormOptions } from "~/modules/scheduling/form-options.server";
import { submitOfferingForm } from "~/modules/scheduling/offering-form.server";
import { updateOffering } from "~/modules/scheduling/offerings.server";
import { domainErrorData } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { uuidParam } from "~/utils/uuid.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.offeringEdit") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const id = uuidParam(params.offeringId);
  try {
    const offering = await organiserOffering(actor, id);
    return {
      id,
      title: offering.title,
      defaults: offeringDefaults(offering),
      ...(await offeringFormOptions(scope)),
    };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireManager(request);
  const id = uuidParam(params.offeringId);
  return submitOfferingForm(request, actor, async (input) => {
    await updateOffering(actor, id, input);
    return { id };
  });
}

export default function EditOfferingPage() {
  const { id, title, ...data } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <OfferingFormPage
      {...data}
      back={{ to: `/offerings/${id}`, label: title }}
      heading={t("off.edit")}
      lastResult={useActionData<typeof action>()}
      submitLabel={t("off.save")}
      busy={useNavigation().state !== "idle"}
    />
  );
}
