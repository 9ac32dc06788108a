import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/back-link";
import { PersonForm } from "~/components/person-form";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { requireManager } from "~/modules/auth/guards.server";
import { PERSON_FORM_OPTIONS, personFormSchema } from "~/domain/people";
import { createPerson } from "~/modules/people/people.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { forbidden } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.personNew") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  const agencies = await listAgencyOptions(scope);
  return { agencies: indentedAgencyOptions(agencies) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const submission = await parseSubmission(request, personFormSchema, PERSON_FORM_OPTIONS);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const person = await createPerson(scope, submission.value, actor.userId);
    return redirectWithFlash(`/people/${person.id}`, {
      kind: "success",
      message: serverT(request)("people.created", { name: person.fullName }),
    });
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function NewPersonPage() {
  const { agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-3xl space-y-4">
      <BackLink to="/people" />
      <h1 className="text-2xl font-semibold">{t("people.new")}</h1>
      <PersonForm values={{}} agencies={agencies} lastResult={actionData} submitLabel={t("common.save")} />
    </div>
  );
}
