import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { FormError } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { STATUS_STYLE } from "~/components/training-record";
import { publicOrigin } from "~/env.server";
import type { MessageKey } from "~/i18n";
import {
  bulkActionSchema,
  formatIssues,
  MAX_SELECTED,
  OVERDUE_STATES,
  overdueFilterSchema,
  type OverdueFilter,
} from "~/modules/assignments/overdue-schema";
import {
  inviteToSignIn,
  overdueFilterOptions,
  overduePage,
  remindMembers,
} from "~/modules/assignments/overdue.server";
import { requireManager } from "~/modules/auth/guards.server";
import { domainErrorReply } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/read-form.server";
import { formatDate } from "~/utils/format";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "Quá hạn — Học ATTT" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  const filter = parseSearchParams(request, overdueFilterSchema);
  try {
    const [list, options] = await Promise.all([overduePage(scope, filter), overdueFilterOptions(scope)]);
    return { filter, list, options };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

/** The same filter as query string (page reset), for the export links and the redirect after an action. */
function filterQuery(f: Pick<OverdueFilter, "agencyId" | "courseId" | "state"> & { pageSize?: number }) {
  const p = new URLSearchParams();
  if (f.agencyId) p.set("agencyId", f.agencyId);
  if (f.courseId) p.set("courseId", f.courseId);
  if (f.state !== "OVERDUE") p.set("state", f.state);
  if (f.pageSize) p.set("pageSize", String(f.pageSize));
  return p.toString();
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const t = serverT(request);
  const submission = parseWithZod(await readForm(request), {
    schema: bulkActionSchema,
    formatError: formatIssues((key) => t(key, { maximum: MAX_SELECTED })),
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
  const back = `/assignments/overdue?${filterQuery(input)}`;
  try {
    switch (input.intent) {
      case "remind": {
        const r = await remindMembers(scope, input, actor.userId);
        return redirectWithFlash(back, {
          kind: "success",
          message: t("ovd.reminded", { count: r.reminded, skipped: r.skipped }),
        });
      }
      case "invite": {
        const origin = publicOrigin(request);
        const r = await inviteToSignIn(scope, input, actor.userId, `${origin}/login`);
        return redirectWithFlash(back, {
          kind: "success",
          message: t("ovd.invited", { count: r.invited, noAccount: r.noAccount, signedIn: r.signedIn }),
        });
      }
      case "export-xlsx":
      case "export-csv":
        // Exports are GET requests to the resource routes; a POST here is a forged or broken form.
        return data(submission.reply({ formErrors: [t("ovd.invalid")] }), { status: 400 });
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function OverduePage() {
  const { filter, list, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "bulk",
    lastResult,
    onValidate: ({ formData }) =>
      parseWithZod(formData, {
        schema: bulkActionSchema,
        formatError: formatIssues((key) => t(key, { maximum: MAX_SELECTED })),
      }),
    shouldValidate: "onSubmit",
  });
  const formRef = useRef<HTMLFormElement>(null);
  const query = filterQuery(filter);
  const toggleAll = (checked: boolean) => {
    formRef.current
      ?.querySelectorAll<HTMLInputElement>('input[name="ids"]')
      .forEach((box) => (box.checked = checked));
  };
  const errors = [...(form.errors ?? []), ...(fields.ids.errors ?? []), ...(fields.target.errors ?? [])];
  return (
    <div className="space-y-4">
      <Link to="/assignments" className="text-sm text-red-800 hover:underline">
        ← {t("common.back")}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">{t("ovd.title")}</h1>
        <p className="text-sm text-slate-600">{t("ovd.intro")}</p>
      </div>

      <Form method="get" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" role="search">
        <div className="lg:col-span-2">
          <label htmlFor="agencyId" className="label">
            {t("ovd.agency")}
          </label>
          <select id="agencyId" name="agencyId" defaultValue={filter.agencyId} className="input">
            <option value="">{t("ovd.allAgencies")}</option>
            {options.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="courseId" className="label">
            {t("ovd.course")}
          </label>
          <select id="courseId" name="courseId" defaultValue={filter.courseId} className="input">
            <option value="">{t("ovd.allCourses")}</option>
            {options.courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="state" className="label">
            {t("ovd.state")}
          </label>
          <select id="state" name="state" defaultValue={filter.state} className="input">
            {OVERDUE_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`ovd.state.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2">
          <input type="hidden" name="pageSize" value={String(filter.pageSize)} />
          <button type="submit" className="btn-primary">
            {t("ovd.filter")}
          </button>
        </div>
      </Form>

      {/* A document form: remind/invite redirect back with a flash; the export buttons GET the resource routes. */}
      <Form method="post" reloadDocument {...getFormProps(form)} ref={formRef} className="space-y-3">
        <input type="hidden" name="agencyId" value={filter.agencyId} />
        <input type="hidden" name="courseId" value={filter.courseId} />
        <input type="hidden" name="state" value={filter.state} />
        <div className="card flex flex-wrap items-center gap-x-4 gap-y-2">
          <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <legend className="sr-only">{t("ovd.target")}</legend>
            <span className="font-medium">{t("ovd.target")}:</span>
            <label className="flex items-center gap-1">
              <input type="radio" name="target" value="selected" defaultChecked />
              {t("ovd.target.selected")}
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="target" value="all" />
              {t("ovd.target.all", { count: list.total.toLocaleString("vi-VN") })}
            </label>
          </fieldset>
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              name="intent"
              value="remind"
              className="btn-primary"
              disabled={list.total === 0}
            >
              {t("ovd.remind")}
            </button>
            <button
              type="submit"
              name="intent"
              value="invite"
              className="btn-secondary"
              disabled={list.total === 0}
            >
              {t("ovd.invite")}
            </button>
            <button
              type="submit"
              name="intent"
              value="export-xlsx"
              formMethod="get"
              formAction="/assignments/overdue.xlsx"
              className="btn-secondary"
              disabled={list.total === 0}
            >
              {t("ovd.exportXlsx")}
            </button>
            <button
              type="submit"
              name="intent"
              value="export-csv"
              formMethod="get"
              formAction="/assignments/overdue.csv"
              className="btn-secondary"
              disabled={list.total === 0}
            >
              {t("ovd.exportCsv")}
            </button>
          </div>
          <span className="flex gap-3 text-sm sm:ml-auto">
            <Link
              reloadDocument
              data-download
              to={`/assignments/overdue.xlsx?${query}`}
              className="text-red-800 underline"
            >
              XLSX
            </Link>
            <Link
              reloadDocument
              data-download
              to={`/assignments/overdue.csv?${query}`}
              className="text-red-800 underline"
            >
              CSV
            </Link>
          </span>
        </div>
        {errors.length ? <FormError message={errors.join(" ")} /> : null}

        {list.rows.length === 0 ? (
          <p className="card text-slate-600">{t("ovd.none")}</p>
        ) : (
          <div
            className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
            tabIndex={0}
            role="region"
            aria-label={t("ovd.title")}
          >
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left">
                <tr>
                  <th className="w-8 px-3 py-2">
                    <input
                      type="checkbox"
                      aria-label={t("ovd.selectAll")}
                      onChange={(e) => toggleAll(e.currentTarget.checked)}
                    />
                  </th>
                  <th className="px-3 py-2">{t("people.fullName")}</th>
                  <th className="hidden px-3 py-2 md:table-cell">{t("people.agency")}</th>
                  <th className="hidden px-3 py-2 md:table-cell">{t("ovd.course")}</th>
                  <th className="px-3 py-2">{t("people.status")}</th>
                  <th className="hidden px-3 py-2 md:table-cell">{t("asg.due")}</th>
                  <th className="hidden px-3 py-2 lg:table-cell">{t("ovd.lastLogin")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.rows.map((r) => (
                  <tr key={r.memberId}>
                    <td className="px-3 py-2">
                      <input
                        type="checkbox"
                        name="ids"
                        value={r.memberId}
                        aria-label={t("ovd.selectRow", { name: r.fullName, course: r.courseTitle })}
                      />
                    </td>
                    <td className="px-3 py-2">
                      <Link to={`/people/${r.personId}`} className="font-medium text-red-800 hover:underline">
                        {r.fullName}
                      </Link>
                      {/* Phones keep three columns: the course and the unit move under the name. */}
                      <span className="block text-xs text-slate-800 md:hidden">{r.courseTitle}</span>
                      <span className="block text-xs text-slate-600 md:hidden">{r.agencyName}</span>
                    </td>
                    <td className="hidden px-3 py-2 md:table-cell">{r.agencyName}</td>
                    <td className="hidden px-3 py-2 md:table-cell">{r.courseTitle}</td>
                    <td className="px-3 py-2">
                      <span
                        className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STATUS_STYLE[r.status]}`}
                      >
                        {t(`asg.status.${r.status}` as MessageKey)}
                      </span>
                      <span className="block text-xs whitespace-nowrap text-slate-600">
                        {r.daysLeft < 0
                          ? t("ovd.days", { days: -r.daysLeft })
                          : r.daysLeft === 0
                            ? t("ovd.dueToday")
                            : t("ovd.daysLeft", { days: r.daysLeft })}
                      </span>
                      <span className="block text-xs text-slate-600 md:hidden">{formatDate(r.dueAt)}</span>
                    </td>
                    <td className="hidden px-3 py-2 whitespace-nowrap md:table-cell">
                      {formatDate(r.dueAt)}
                    </td>
                    <td className="hidden px-3 py-2 lg:table-cell">
                      {r.account === "NONE"
                        ? t("ovd.noAccount")
                        : r.account === "NEVER"
                          ? t("ovd.neverSignedIn")
                          : formatDate(r.lastLoginAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Form>
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
    </div>
  );
}
