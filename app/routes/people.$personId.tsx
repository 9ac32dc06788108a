import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/field";
import { PersonForm } from "~/components/person-form";
import { db } from "~/db.server";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import { requireManager, requireViewer } from "~/modules/auth/guards.server";
import { inScope, manageScope } from "~/modules/auth/scope";
import { trainingRecord } from "~/modules/people/record.server";
import { TrainingRecord } from "~/components/training-record";
import { PERSON_FORM } from "~/modules/people/form";
import { getPerson, setPersonActive, updatePerson } from "~/modules/people/people.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { domainErrorReply } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { formatIssues } from "~/utils/forms";
import { domainErrorData, notFound } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.person") }];

const idSchema = z.string().uuid();

function personIdOf(params: { personId?: string }): string {
  const parsed = idSchema.safeParse(params.personId);
  if (!parsed.success) notFound();
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Reviewers read the record too; only those who manage the person's agency see the edit form.
  const { actor, scope } = await requireViewer(request);
  const id = personIdOf(params);
  let person, record;
  try {
    person = await getPerson(scope, id);
    record = await trainingRecord(scope, id);
  } catch (error) {
    throw domainErrorData(error, request);
  }
  const canManage = inScope(manageScope(actor), person.agency.path);
  const [agencies, history] = await Promise.all([
    canManage ? listAgencyOptions(manageScope(actor)) : Promise.resolve([]),
    db.membership.findMany({
      where: { personId: id },
      orderBy: { startedAt: "desc" },
      select: {
        id: true,
        startedAt: true,
        endedAt: true,
        reason: true,
        agency: { select: { name: true, code: true } },
      },
    }),
  ]);
  return {
    person: {
      id: person.id,
      fullName: person.fullName,
      email: person.email,
      agencyId: person.agencyId,
      staffCategory: person.staffCategory,
      position: person.position,
      isHeadOfUnit: person.isHeadOfUnit,
      itRole: person.itRole,
      tags: person.tags,
      staffCode: person.staffCode,
      active: person.active,
    },
    agencies: indentedAgencyOptions(agencies),
    history,
    record,
    canManage,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const id = personIdOf(params);
  const form = await readForm(request);
  const t = serverT(request);
  try {
    switch (form.get("intent")) {
      case "save": {
        const submission = parseWithZod(form, {
          ...PERSON_FORM,
          formatError: formatIssues(getLocale(request)),
        });
        if (submission.status !== "success") return data(submission.reply(), { status: 400 });
        try {
          const person = await updatePerson(scope, id, submission.value, actor.userId);
          return redirectWithFlash(`/people/${id}`, {
            kind: "success",
            message: t("people.updated", { name: person.fullName }),
          });
        } catch (error) {
          return domainErrorReply(submission, error, request);
        }
      }
      case "deactivate":
      case "reactivate": {
        const active = form.get("intent") === "reactivate";
        const person = await setPersonActive(scope, id, active, actor.userId);
        const message = t(active ? "people.reactivated" : "people.deactivated", { name: person.fullName });
        return redirectWithFlash(`/people/${id}`, { kind: "success", message });
      }
      default:
        return data(
          { errors: { form: serverT(request)("http.badIntent") } as Record<string, string> },
          { status: 400 },
        );
    }
  } catch (error) {
    return domainErrorData(error, request);
  }
}

export default function PersonPage() {
  const { person, agencies, history, record, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-3xl space-y-4">
      <Link to="/people" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
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
          <Form method="post">
            <input type="hidden" name="intent" value={person.active ? "deactivate" : "reactivate"} />
            <button type="submit" className={person.active ? "btn-danger" : "btn-secondary"}>
              {person.active ? t("people.deactivate") : t("people.reactivate")}
            </button>
          </Form>
        ) : null}
      </div>
      {actionData && "errors" in actionData ? (
        <FormError message={Object.values(actionData.errors).join(" ")} />
      ) : null}
      {canManage ? (
        <PersonForm
          values={person}
          agencies={agencies}
          lastResult={actionData && !("errors" in actionData) ? actionData : undefined}
          submitLabel={t("common.save")}
        />
      ) : (
        <p className="card text-sm text-slate-700">
          {person.email} · {person.position}
          {person.staffCode ? ` · ${t("people.staffCode")}: ${person.staffCode}` : ""} · {t("rec.readOnly")}
        </p>
      )}
      <TrainingRecord record={record} canManage={canManage} />
      <section className="card">
        <h2 className="font-semibold">{t("people.history")}</h2>
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {history.map((h) => (
            <li key={h.id} className="flex flex-wrap justify-between gap-2 py-2">
              <span>
                {h.agency.name} <span className="text-xs text-slate-500">({h.agency.code})</span>
              </span>
              <span className="text-slate-600">
                {formatDate(h.startedAt)} – {h.endedAt ? formatDate(h.endedAt) : "nay"}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
