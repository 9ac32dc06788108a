import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AgencyChangeForms } from "~/components/admin/agency-forms";
import { FormError } from "~/components/field";
import { agencyIntent } from "~/domain/agencies";
import type { MessageKey } from "~/i18n";
import { mergeAgencies, moveAgency, renameAgency } from "~/modules/agencies/agencies.server";
import { getAgencyDetail } from "~/modules/agencies/queries.server";
import { requireAdmin } from "~/modules/auth/guards.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { notFound } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";
import { uuidParam } from "~/utils/uuid.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.agency") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const detail = await getAgencyDetail(uuidParam(params.agencyId));
  if (!detail) notFound("agencies.notFound");
  return detail;
}

// Every intent needs ADMIN, checked once above the switch.
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const id = uuidParam(params.agencyId);
  const t = serverT(request);
  const submission = await parseSubmission(request, agencyIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  const here = (message: string) => redirectWithFlash(`/admin/agencies/${id}`, { kind: "success", message });
  try {
    switch (value.intent) {
      case "rename":
        await renameAgency(id, { name: value.name, code: value.code }, actor.userId);
        return here(t("agency.renamed"));
      case "move":
        await moveAgency(id, value.parentId, actor.userId);
        return here(t("agency.moved"));
      case "merge": {
        const { source, target } = await mergeAgencies(id, value.targetId, actor.userId);
        return redirectWithFlash(`/admin/agencies/${target.id}`, {
          kind: "success",
          message: t("agency.merged", { source: source.name, target: target.name }),
        });
      }
      default:
        return unreachable(value);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function AgencyPage() {
  const { agency, options } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="max-w-3xl space-y-4">
      <Link to="/admin/agencies" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{agency.name}</h1>
        <p className="text-sm text-slate-600">
          {agency.code} · {t(`agency.kind.${agency.kind}` as MessageKey)}
          {agency.parent ? ` · ${agency.parent.name}` : ""} · {agency.people}{" "}
          {t("agency.people").toLowerCase()}
        </p>
        {!agency.active ? (
          <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            {t("agency.inactive")}
            {agency.mergedInto ? (
              <>
                {" → "}
                <Link className="underline" to={`/admin/agencies/${agency.mergedInto.id}`}>
                  {agency.mergedInto.name}
                </Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      <FormError message={reply?.error?.[""]?.[0]} />
      {agency.active ? <AgencyChangeForms agency={agency} options={options} reply={reply} /> : null}
      {agency.aliases.length ? (
        <section className="card">
          <h2 className="font-semibold">{t("agency.aliases")}</h2>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {agency.aliases.map((a) => (
              <li key={a.id} className="flex justify-between gap-2 py-1.5">
                <span>
                  {a.name} <span className="font-mono text-xs text-slate-500">({a.code})</span>
                </span>
                <span className="text-slate-600">{formatDate(a.createdAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
