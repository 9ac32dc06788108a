// "Báo cáo thư đáng ngờ", for every signed-in person: how to forward a suspicious email to the report mailbox,
// a form to paste its headers (or whole source), and the person's own past reports.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps, getTextareaProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { ListTable } from "~/components/targets/list-table";
import { getEnv } from "~/env.server";
import type { MessageKey } from "~/i18n";
import { requireLearner } from "~/modules/auth/guards.server";
import { pasteReportSchema } from "~/modules/phishing/report-forms";
import { listOwnReports, pasteReport } from "~/modules/phishing/report-queue.server";
import { useZodForm } from "~/utils/conform";
import { invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { parseSearchParams } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";
import { listQuery } from "~/utils/paging";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.reportPhish") }];

const query = listQuery({}, 20);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  const paging = parseSearchParams(request, query);
  return {
    address: getEnv().PHISHING_REPORT_ADDRESS ?? null,
    reports: await listOwnReports(actor.personId, paging),
  };
}

const OUTCOME_MESSAGE = {
  drill: "phishReport.thanksDrill",
  otherDrill: "phishReport.received",
  queued: "phishReport.queued",
  duplicate: "phishReport.received",
} as const satisfies Record<string, MessageKey>;

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireLearner(request);
  const submission = await parseSubmission(request, pasteReportSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const outcome = await pasteReport(
    { personId: actor.personId, email: actor.email },
    submission.value.source,
  );
  return redirectWithFlash("/report-phish", {
    kind: outcome.kind === "otherDrill" ? "info" : "success",
    message: serverT(request)(OUTCOME_MESSAGE[outcome.kind]),
  });
}

export default function ReportPhishPage() {
  const { address, reports } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useZodForm(pasteReportSchema, { lastResult, shouldValidate: "onSubmit" });
  const t = useT();
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("phishReport.title")}</h1>
        <p className="mt-1 text-slate-700">{t("phishReport.intro")}</p>
      </div>
      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("phishReport.forwardTitle")}</h2>
        {address ? (
          <>
            <p>
              {t("phishReport.forwardTo")}{" "}
              <strong className="font-mono text-red-800" data-testid="report-address">
                {address}
              </strong>
            </p>
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
              <li>{t("phishReport.forwardOutlook")}</li>
              <li>{t("phishReport.forwardWeb")}</li>
              <li>{t("phishReport.forwardPhone")}</li>
            </ul>
          </>
        ) : (
          <p className="text-sm text-slate-700">{t("phishReport.forwardNone")}</p>
        )}
      </section>
      <section className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("phishReport.pasteTitle")}</h2>
        <p className="text-sm text-slate-700">{t("phishReport.pasteHelp")}</p>
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <FormError message={form.errors?.[0]} />
          <Field field={fields.source} label={t("phishReport.sourceLabel")}>
            {(p) => (
              <textarea
                {...getTextareaProps(fields.source)}
                {...p}
                rows={10}
                spellCheck={false}
                className={`${p.className} font-mono text-xs`}
              />
            )}
          </Field>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t("phishReport.submit")}
          </button>
        </Form>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("phishReport.mine")}</h2>
        {reports.total === 0 ? (
          <p className="text-sm text-slate-600">{t("phishReport.mineNone")}</p>
        ) : (
          <ListTable
            label={t("phishReport.mine")}
            columns={[
              { label: t("phishReport.colDate") },
              { label: t("phishReport.colSubject") },
              { label: t("phishReport.colChannel"), className: "hidden sm:table-cell" },
              { label: t("phishReport.colStatus") },
            ]}
          >
            {reports.rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(r.createdAt)}</td>
                <td className="px-3 py-2">{r.subject || t("phishReport.noSubject")}</td>
                <td className="hidden px-3 py-2 sm:table-cell">
                  {t(`phishReport.channel.${r.channel}` as MessageKey)}
                </td>
                <td className="px-3 py-2">{t(`phishReport.status.${r.status}` as MessageKey)}</td>
              </tr>
            ))}
          </ListTable>
        )}
        <Pagination page={reports.page} pageSize={reports.pageSize} total={reports.total} schema={query} />
      </section>
    </div>
  );
}
