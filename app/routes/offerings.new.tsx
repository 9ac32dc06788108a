import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { OfferingFormPage } from "~/components/offerings/offering-form";
import { requireManager } from "~/modules/auth/guards.server";
import { blankDefaults, offeringFormOptions } from "~/modules/scheduling/form-options.server";
import { submitOfferingForm } from "~/modules/scheduling/offering-form.server";
import { createOffering } from "~/modules/scheduling/offerings.server";
import { forbidden } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.offeringNew") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  const options = await offeringFormOptions(scope);
  return { ...options, defaults: blankDefaults(options.organiserAgencies[0]?.id ?? "") };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireManager(request);
  return submitOfferingForm(request, actor, (input) => createOffering(actor, input));
}

export default function NewOfferingPage() {
  const t = useT();
  return (
    <OfferingFormPage
      {...useLoaderData<typeof loader>()}
      back={{ to: "/offerings", label: t("common.back") }}
      heading={t("off.new")}
      lastResult={useActionData<typeof action>()}
      submitLabel={t("off.create")}
      busy={useNavigation().state !== "idle"}
    />
  );
}
