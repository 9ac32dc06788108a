import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { OfferingForm } from "~/components/offering-form";
import { requireManager } from "~/modules/auth/guards.server";
import { uuidParam } from "~/utils/uuid.server";
import { organiserOffering } from "~/modules/scheduling/access.server";
import { offeringFormInput } from "~/modules/scheduling/form.server";
import { offeringDefaults, offeringFormOptions } from "~/modules/scheduling/form-options.server";
import { updateOffering } from "~/modules/scheduling/offerings.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

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
  const form = await readForm(request);
  try {
    await updateOffering(actor, id, await offeringFormInput(form));
    return redirectWithFlash(`/offerings/${id}`, { kind: "success", message: serverT(request)("off.saved") });
  } catch (error) {
    return domainErrorData(error, request);
  }
}

export default function EditOfferingPage() {
  const { id, title, defaults, organiserAgencies, quotaAgencies, courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  return (
    <div className="max-w-4xl space-y-4">
      <Link to={`/offerings/${id}`} className="text-sm text-red-800 hover:underline">
        ← {title}
      </Link>
      <h1 className="text-2xl font-semibold">{t("off.edit")}</h1>
      <OfferingForm
        defaults={defaults}
        organiserAgencies={organiserAgencies}
        quotaAgencies={quotaAgencies}
        courses={courses}
        errors={(actionData?.errors as Record<string, string>) ?? {}}
        submitLabel={t("off.save")}
        busy={navigation.state !== "idle"}
      />
    </div>
  );
}
