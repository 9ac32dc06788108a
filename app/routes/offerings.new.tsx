import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { OfferingForm } from "~/components/offering-form";
import { requireManager } from "~/modules/auth/guards.server";
import { offeringFormInput } from "~/modules/scheduling/form.server";
import { blankDefaults, offeringFormOptions } from "~/modules/scheduling/form-options.server";
import { createOffering } from "~/modules/scheduling/offerings.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData, forbidden } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.offeringNew") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  const options = await offeringFormOptions(scope);
  return { ...options, defaults: blankDefaults(options.organiserAgencies[0]?.id ?? "") };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireManager(request);
  const form = await readForm(request);
  try {
    const offering = await createOffering(actor, await offeringFormInput(form));
    return redirectWithFlash(`/offerings/${offering.id}`, {
      kind: "success",
      message: serverT(request)("off.saved"),
    });
  } catch (error) {
    return domainErrorData(error, request);
  }
}

export default function NewOfferingPage() {
  const { defaults, organiserAgencies, quotaAgencies, courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  return (
    <div className="max-w-4xl space-y-4">
      <Link to="/offerings" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("off.new")}</h1>
      <OfferingForm
        defaults={defaults}
        organiserAgencies={organiserAgencies}
        quotaAgencies={quotaAgencies}
        courses={courses}
        errors={(actionData?.errors as Record<string, string>) ?? {}}
        submitLabel={t("off.create")}
        busy={navigation.state !== "idle"}
      />
    </div>
  );
}
