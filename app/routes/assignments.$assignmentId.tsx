import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirectDocument,
} from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ProgressTable } from "~/components/assignments/progress-table";
import { ReminderSummary } from "~/components/assignments/reminder-summary";
import { DownloadLink } from "~/components/download-link";
import { FilterForm } from "~/components/filter-form";
import { FilterSearch } from "~/components/filter-search";
import { FilterSelect } from "~/components/filter-select";
import { IntentForm } from "~/components/intent-form";
import { Pagination } from "~/components/pagination";
import type { MessageKey } from "~/i18n";
import {
  ASSIGNMENT_INTENT_PERMISSION,
  assertAssignmentPermission,
  assignmentIntent,
} from "~/modules/assignments/intents";
import { progressPage } from "~/modules/assignments/progress-page.server";
import { progressPageQuery } from "~/modules/assignments/progress-query";
import { LEARNER_STATUSES } from "~/modules/assignments/status";
import { requireManager } from "~/modules/auth/guards.server";
import { remindOverdue } from "~/modules/reminders/manual.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";
import { uuidParam } from "~/utils/uuid.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "title.assignmentProgress") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const id = uuidParam(params.assignmentId);
  const q = parseSearchParams(request, progressPageQuery);
  // Old bookmarks of the export links: the files are resource routes now (a file from a page's loader
  // breaks the page under single fetch).
  if (q.export) {
    const p = new URLSearchParams({ ...(q.status ? { status: q.status } : {}), ...(q.q ? { q: q.q } : {}) });
    throw redirectDocument(`/assignments/${id}/progress.${q.export}${p.size ? `?${p}` : ""}`);
  }
  try {
    return { query: q, ...(await progressPage(actor, scope, id, q)) };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const id = uuidParam(params.assignmentId);
  const submission = await parseSubmission(request, assignmentIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  try {
    assertAssignmentPermission(scope, ASSIGNMENT_INTENT_PERMISSION[value.intent]);
    switch (value.intent) {
      case "remind": {
        const count = await remindOverdue(scope, id, actor.userId);
        return redirectWithFlash(`/assignments/${id}?status=QUA_HAN`, {
          kind: "success",
          message: serverT(request)("asg.reminded", { count }),
        });
      }
      default:
        return unreachable(value.intent);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function AssignmentProgressPage() {
  const { query, progress, reminders, memberReminders, invitable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const { assignment } = progress;
  const exportHref = (kind: "xlsx" | "csv") => {
    const p = new URLSearchParams(params);
    p.delete("page");
    p.delete("pageSize");
    return `/assignments/${assignment.id}/progress.${kind}${p.size ? `?${p}` : ""}`;
  };
  const statusLabel = (s: string) => t(`asg.status.${s}` as MessageKey);
  return (
    <div className="space-y-4">
      <Link to="/assignments" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <h1 className="text-2xl font-semibold">{assignment.courseTitle}</h1>
      <p className="text-sm text-slate-600">
        {assignment.agencyName ?? ""}
        {assignment.dueAt ? ` · ${t("asg.due")}: ${formatDate(assignment.dueAt)}` : ""}
      </p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {LEARNER_STATUSES.map((s) => (
          <Link
            key={s}
            to={`?status=${s}`}
            className={`card text-center hover:border-red-300 ${query.status === s ? "border-red-400" : ""}`}
          >
            <p className="text-xs text-slate-600">{statusLabel(s)}</p>
            <p className="text-2xl font-semibold tabular-nums">{progress.counts[s]}</p>
          </Link>
        ))}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <FilterForm schema={progressPageQuery} className="flex flex-wrap items-end gap-2" role="search">
          {(errorOf) => (
            <>
              <FilterSearch
                label={t("common.search")}
                defaultValue={query.q}
                placeholder={t("people.searchPlaceholder")}
                error={errorOf("q")}
              />
              <FilterSelect
                name="status"
                label={t("people.status")}
                allLabel={t("asg.allStatuses")}
                options={LEARNER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
                defaultValue={query.status}
                error={errorOf("status")}
              />
              <button type="submit" className="btn-secondary">
                {t("common.search")}
              </button>
            </>
          )}
        </FilterForm>
        <DownloadLink href={exportHref("xlsx")} kind="xlsx" className="btn-secondary">
          {t("asg.export")}
        </DownloadLink>
        <DownloadLink href={exportHref("csv")} kind="csv" className="btn-secondary">
          CSV
        </DownloadLink>
        {invitable > 0 ? (
          <Link to={`/people/invite?mode=assignment&assignmentId=${assignment.id}`} className="btn-secondary">
            {t("invite.assignmentInvite", { count: invitable })}
          </Link>
        ) : null}
        {progress.counts.QUA_HAN > 0 ? (
          <IntentForm id="assignment-remind" intent="remind" buttonClassName="btn-danger">
            {t("asg.remind")}
          </IntentForm>
        ) : null}
      </div>
      <ReminderSummary reminders={reminders} />
      <ProgressTable title={assignment.courseTitle} rows={progress.rows} reminders={memberReminders} />
      <Pagination
        page={progress.page}
        pageSize={progress.pageSize}
        total={progress.total}
        schema={progressPageQuery}
      />
    </div>
  );
}
