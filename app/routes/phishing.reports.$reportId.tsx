// One reported suspicious email of the caller's queue: who reported it, its headers and start as plain text
// (never rendered as HTML), and "mark reviewed" (audited). Outside the caller's scope it does not exist.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IntentForm } from "~/components/intent-form";
import type { MessageKey } from "~/i18n";
import { requireActor } from "~/modules/auth/guards.server";
import { phishingReportScope } from "~/modules/auth/scope";
import { reportQueueIntent } from "~/modules/phishing/report-forms";
import { getQueuedReport, markReportReviewed } from "~/modules/phishing/report-queue.server";
import { invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { forbidden, notFound } from "~/utils/http.server";
import { pageTitle, useT } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";
import { isUuid } from "~/utils/uuid";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.phishReportDetail") }];

async function queueActor(request: Request) {
  const actor = await requireActor(request);
  const scope = phishingReportScope(actor);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return actor;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await queueActor(request);
  const id = params.reportId;
  const report = isUuid(id) ? await getQueuedReport(actor, id) : null;
  if (!report) notFound("phishReport.notFound");
  return {
    id: report.id,
    createdAt: report.createdAt,
    channel: report.channel,
    status: report.status,
    subject: report.subject,
    fromHeader: report.fromHeader,
    reporter: report.reporterName ? `${report.reporterName} (${report.reporterEmail})` : report.reporterEmail,
    agencyName: report.agencyName,
    excerpt: report.excerpt,
    reviewedAt: report.reviewedAt,
    reviewedBy: report.reviewedBy,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await queueActor(request);
  const id = params.reportId;
  if (!isUuid(id) || !(await getQueuedReport(actor, id))) notFound("phishReport.notFound");
  const submission = await parseSubmission(request, reportQueueIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const t = serverT(request);
  // The one intent, "review": the report must be NEW and in the caller's scope (markReportReviewed checks).
  if (submission.value.intent !== "review") notFound();
  const done = await markReportReviewed(actor, id);
  if (!done) return data(submission.reply({ formErrors: [t("phishReport.notNew")] }), { status: 409 });
  return redirectWithFlash(`/phishing/reports/${id}`, {
    kind: "success",
    message: t("phishReport.reviewedFlash"),
  });
}

export default function ReportDetailPage() {
  const r = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="max-w-4xl space-y-4">
      <Link to="/phishing/reports" className="text-sm text-red-800 hover:underline">
        ← {t("phishReport.back")}
      </Link>
      <h1 className="text-2xl font-semibold">{r.subject || t("phishReport.noSubject")}</h1>
      <dl className="card grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">{t("phishReport.colDate")}</dt>
        <dd>{formatDateTime(r.createdAt)}</dd>
        <dt className="font-medium">{t("phishReport.colFrom")}</dt>
        <dd className="break-all">{r.fromHeader || "—"}</dd>
        <dt className="font-medium">{t("phishReport.colReporter")}</dt>
        <dd className="break-all">{r.reporter}</dd>
        <dt className="font-medium">{t("phishReport.colAgency")}</dt>
        <dd>{r.agencyName ?? "—"}</dd>
        <dt className="font-medium">{t("phishReport.colChannel")}</dt>
        <dd>{t(`phishReport.channel.${r.channel}` as MessageKey)}</dd>
        <dt className="font-medium">{t("phishReport.colStatus")}</dt>
        <dd>
          {t(`phishReport.status.${r.status}` as MessageKey)}
          {r.reviewedAt
            ? ` · ${t("phishReport.reviewedBy", { date: formatDateTime(r.reviewedAt), who: r.reviewedBy ?? "—" })}`
            : ""}
        </dd>
      </dl>
      {r.status === "NEW" ? (
        <IntentForm id="report-review" intent="review">
          {t("phishReport.markReviewed")}
        </IntentForm>
      ) : null}
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("phishReport.excerpt")}</h2>
        {/* Text only: React escapes it, so markup in a reported email is shown, never run. */}
        <pre
          className="max-h-[32rem] overflow-auto whitespace-pre-wrap break-all rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-xs"
          data-testid="report-excerpt"
        >
          {r.excerpt}
        </pre>
      </section>
    </div>
  );
}
