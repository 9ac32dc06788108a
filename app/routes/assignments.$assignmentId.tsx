import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirectDocument,
} from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DownloadLink } from "~/components/download-link";
import { Pagination } from "~/components/pagination";
import type { MessageKey } from "~/i18n";
import { assignmentProgress } from "~/modules/assignments/assignments.server";
import { requireManager } from "~/modules/auth/guards.server";
import { countInvitable } from "~/modules/auth/invitations.server";
import { uuidParam } from "~/utils/uuid.server";
import { assignmentReminders, memberReminders } from "~/modules/notifications/reminder-history.server";
import { remindOverdue } from "~/modules/reminders/manual.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pagingFields } from "~/utils/paging";
import { useT, pageTitle } from "~/utils/i18n";
import { scrollRegion } from "~/components/scroll-region";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "title.assignmentProgress") },
];

const STATUSES = ["CHUA_BAT_DAU", "DANG_HOC", "HOAN_THANH", "QUA_HAN"] as const;
const query = z.object({
  status: z.enum(["", ...STATUSES]).default(""),
  q: z.string().trim().max(100).default(""),
  ...pagingFields(50),
  export: z.enum(["", "xlsx", "csv"]).default(""),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const id = uuidParam(params.assignmentId);
  const q = parseSearchParams(request, query);
  // Old bookmarks of the export links: the files are resource routes now (a file from a page's loader
  // breaks the page under single fetch).
  if (q.export) {
    const p = new URLSearchParams({ ...(q.status ? { status: q.status } : {}), ...(q.q ? { q: q.q } : {}) });
    throw redirectDocument(`/assignments/${id}/progress.${q.export}${p.size ? `?${p}` : ""}`);
  }
  try {
    const progress = await assignmentProgress(scope, id, {
      status: q.status || undefined,
      q: q.q,
      page: q.page,
      pageSize: q.pageSize,
    });
    const [reminders, memberRem, invitable] = await Promise.all([
      assignmentReminders(progress.assignment.id),
      memberReminders(
        progress.assignment.id,
        progress.rows.map((r) => r.personId),
      ),
      // Members who have never signed in can be invited from here (issue 11).
      countInvitable(actor, { mode: "assignment", assignmentId: id }),
    ]);
    return { query: q, progress, reminders, memberReminders: memberRem, invitable };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const id = uuidParam(params.assignmentId);
  try {
    const count = await remindOverdue(scope, id, actor.userId);
    return redirectWithFlash(`/assignments/${id}?status=QUA_HAN`, {
      kind: "success",
      message: serverT(request)("asg.reminded", { count }),
    });
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export default function AssignmentProgressPage() {
  const { query, progress, reminders, memberReminders, invitable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const t = useT();
  const exportHref = (kind: "xlsx" | "csv") => {
    const p = new URLSearchParams(params);
    p.delete("page");
    p.delete("pageSize");
    return `/assignments/${progress.assignment.id}/progress.${kind}${p.size ? `?${p}` : ""}`;
  };
  return (
    <div className="space-y-4">
      <Link to="/assignments" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <h1 className="text-2xl font-semibold">{progress.assignment.courseTitle}</h1>
      <p className="text-sm text-slate-600">
        {progress.assignment.agencyName ?? ""}
        {progress.assignment.dueAt ? ` · ${t("asg.due")}: ${formatDate(progress.assignment.dueAt)}` : ""}
      </p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {STATUSES.map((s) => (
          <Link
            key={s}
            to={`?status=${s}`}
            className={`card text-center hover:border-red-300 ${query.status === s ? "border-red-400" : ""}`}
          >
            <p className="text-xs text-slate-600">{t(`asg.status.${s}` as MessageKey)}</p>
            <p className="text-2xl font-semibold tabular-nums">{progress.counts[s]}</p>
          </Link>
        ))}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Form method="get" className="flex flex-wrap gap-2" role="search">
          <label htmlFor="q" className="sr-only">
            {t("common.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder={t("people.searchPlaceholder")}
            className="input w-72"
          />
          <select
            name="status"
            defaultValue={query.status}
            aria-label={t("people.status")}
            className="input w-auto"
          >
            <option value="">{t("asg.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`asg.status.${s}` as MessageKey)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn-secondary">
            {t("common.search")}
          </button>
        </Form>
        <DownloadLink href={exportHref("xlsx")} kind="xlsx" className="btn-secondary">
          {t("asg.export")}
        </DownloadLink>
        <DownloadLink href={exportHref("csv")} kind="csv" className="btn-secondary">
          CSV
        </DownloadLink>
        {invitable > 0 ? (
          <Link
            to={`/people/invite?mode=assignment&assignmentId=${progress.assignment.id}`}
            className="btn-secondary"
          >
            {t("invite.assignmentInvite", { count: invitable })}
          </Link>
        ) : null}
        {progress.counts.QUA_HAN > 0 ? (
          <Form method="post">
            <button type="submit" className="btn-danger">
              {t("asg.remind")}
            </button>
          </Form>
        ) : null}
      </div>
      <section aria-labelledby="reminders-title" className="card space-y-1 text-sm" data-testid="reminders">
        <h2 id="reminders-title" className="font-semibold">
          {t("asg.rem.title")}
        </h2>
        <p>{t("asg.rem.auto", { at: formatDateTime(reminders.lastAutomaticAt) || t("asg.rem.never") })}</p>
        <p>
          {reminders.lastManual
            ? t("asg.rem.manual", {
                at: formatDateTime(reminders.lastManual.at),
                count: reminders.lastManual.count,
                by: reminders.lastManual.by ?? t("asg.rem.system"),
              })
            : t("asg.rem.manualNever")}
        </p>
        <p>
          {t("asg.rem.emails", {
            at: formatDateTime(reminders.lastEmailSentAt) || t("asg.rem.never"),
            pending: reminders.pendingEmails,
            failed: reminders.failedEmails,
          })}
        </p>
      </section>
      {/* Name and state stay visible on a phone; the other columns appear from sm/md up. */}
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        {...scrollRegion(progress.assignment.courseTitle)}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="progress-table">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-3 py-2">{t("people.fullName")}</th>
              <th className="hidden px-3 py-2 md:table-cell">{t("people.email")}</th>
              <th className="hidden px-3 py-2 sm:table-cell">{t("people.agency")}</th>
              <th className="px-3 py-2">{t("people.status")}</th>
              <th className="hidden px-3 py-2 sm:table-cell">{t("asg.due")}</th>
              <th className="hidden px-3 py-2 sm:table-cell">{t("asg.completedOn")}</th>
              <th className="hidden px-3 py-2 lg:table-cell">{t("asg.rem.last")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {progress.rows.map((r) => {
              const rem = memberReminders[r.personId];
              return (
                <tr key={r.personId}>
                  <td className="px-3 py-2">
                    <span className="font-medium">{r.fullName}</span>
                    <div className="text-xs text-slate-600 sm:hidden">{r.agencyName}</div>
                  </td>
                  <td className="hidden px-3 py-2 md:table-cell">{r.email}</td>
                  <td className="hidden px-3 py-2 sm:table-cell">{r.agencyName}</td>
                  <td className="px-3 py-2">
                    {t(`asg.status.${r.status}` as MessageKey)}
                    <div className="text-xs text-slate-600 sm:hidden">
                      {r.completedAt
                        ? `${t("asg.completedOn")}: ${formatDate(r.completedAt)}`
                        : `${t("asg.due")}: ${formatDate(r.dueAt)}`}
                    </div>
                  </td>
                  <td className="hidden px-3 py-2 sm:table-cell">{formatDate(r.dueAt)}</td>
                  <td className="hidden px-3 py-2 sm:table-cell">{formatDate(r.completedAt)}</td>
                  <td className="hidden px-3 py-2 lg:table-cell" data-testid="member-reminder">
                    {rem?.noticeAt ? (
                      <>
                        {formatDate(rem.noticeAt)}
                        {rem.manual ? ` (${t("asg.rem.byHand")})` : ""}
                      </>
                    ) : (
                      "—"
                    )}
                    {rem?.email ? (
                      <div className="text-xs text-slate-600">
                        {t(`asg.rem.email.${rem.email.state}` as MessageKey, {
                          at: formatDate(rem.email.at),
                        })}
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageSize={query.pageSize} total={progress.total} />
    </div>
  );
}
