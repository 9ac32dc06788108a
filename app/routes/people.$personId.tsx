import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/back-link";
import { IntentForm } from "~/components/intent-form";
import { MembershipHistory } from "~/components/people/membership-history";
import { DrillHistory } from "~/components/phishing/drill-history";
import { PersonForm } from "~/components/person-form";
import { Section } from "~/components/section";
import { TrainingRecord } from "~/components/training-record";
import { PERSON_FORM_OPTIONS } from "~/domain/people";
import { requireManager, requireViewer } from "~/modules/auth/guards.server";
import { personIntent } from "~/modules/people/intents";
import { setPersonActive, updatePerson } from "~/modules/people/people.server";
import { drillHistoryFor } from "~/modules/phishing/results.server";
import { personPage } from "~/modules/records/person-page.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";
import { uuidParam } from "~/utils/uuid.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.person") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireViewer(request);
  const id = uuidParam(params.personId);
  try {
    const page = await personPage(actor, scope, id);
    // Drill results are shown to those whose drill-view scope holds the person (null: no section).
    return { ...page, drills: await drillHistoryFor(actor, id) };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Every intent needs a manager of the person's agency: the guard, then the service's scope check.
  const { actor, scope } = await requireManager(request);
  const id = uuidParam(params.personId);
  const submission = await parseSubmission(request, personIntent, PERSON_FORM_OPTIONS);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  const t = serverT(request);
  try {
    switch (value.intent) {
      case "save": {
        const person = await updatePerson(scope, id, value, actor.userId);
        return redirectWithFlash(`/people/${id}`, {
          kind: "success",
          message: t("people.updated", { name: person.fullName }),
        });
      }
      case "deactivate":
      case "reactivate": {
        const active = value.intent === "reactivate";
        const person = await setPersonActive(scope, id, active, actor.userId);
        const message = t(active ? "people.reactivated" : "people.deactivated", { name: person.fullName });
        return redirectWithFlash(`/people/${id}`, { kind: "success", message });
      }
      default:
        return unreachable(value);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function PersonPage() {
  const { person, agencies, history, record, canManage, drills } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-3xl space-y-4">
      <BackLink to="/people" />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">
          {person.fullName}
          {!person.active ? (
            <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 align-middle text-sm">
              {t("people.statusInactive")}
            </span>
          ) : null}
        </h1>
        {canManage ? (
          <IntentForm
            id="person-active"
            intent={person.active ? "deactivate" : "reactivate"}
            buttonClassName={person.active ? "btn-danger" : "btn-secondary"}
          >
            {person.active ? t("people.deactivate") : t("people.reactivate")}
          </IntentForm>
        ) : null}
      </div>
      {canManage ? (
        <PersonForm
          values={person}
          agencies={agencies}
          lastResult={lastResult?.initialValue?.intent === "save" ? lastResult : undefined}
          submitLabel={t("common.save")}
        />
      ) : (
        <p className="card text-sm text-slate-700">
          {person.email} · {person.position}
          {person.staffCode ? ` · ${t("people.staffCode")}: ${person.staffCode}` : ""} · {t("rec.readOnly")}
        </p>
      )}
      <TrainingRecord record={record} canManage={canManage} />
      <MembershipHistory history={history} />
      {drills ? (
        <Section title={t("phr.history.title")} card>
          <DrillHistory rows={drills} />
        </Section>
      ) : null}
    </div>
  );
}
