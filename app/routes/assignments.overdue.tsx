import { getFormProps } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { OverdueActions } from "~/components/assignments/overdue-actions";
import { OverdueTable } from "~/components/assignments/overdue-table";
import { FilterSelect, optionsOf } from "~/components/filter-select";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import type { MessageKey } from "~/i18n";
import {
  assertAssignmentPermission,
  OVERDUE_INTENT_PERMISSION,
  overdueIntent,
} from "~/modules/assignments/intents";
import {
  OVERDUE_STATES,
  overdueFilterSchema,
  type OverdueFilter,
} from "~/modules/assignments/overdue-schema";
import {
  inviteTargetPeople,
  overdueFilterOptions,
  overduePage,
  remindMembers,
} from "~/modules/assignments/overdue.server";
import { requireManager } from "~/modules/auth/guards.server";
import { useZodForm } from "~/utils/conform";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.overdue") }];

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
  const submission = await parseSubmission(request, overdueIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  const t = serverT(request);
  const back = `/assignments/overdue?${filterQuery(value)}`;
  try {
    assertAssignmentPermission(scope, OVERDUE_INTENT_PERMISSION[value.intent]);
    switch (value.intent) {
      case "remind": {
        const r = await remindMembers(scope, value, actor.userId);
        return redirectWithFlash(back, {
          kind: "success",
          message: t("ovd.reminded", { count: r.reminded, skipped: r.skipped }),
        });
      }
      case "invite": {
        const r = await inviteTargetPeople(actor, scope, value);
        return redirectWithFlash(back, {
          kind: "success",
          message: t("ovd.invited", { count: r.invited, activated: r.activated, external: r.external }),
        });
      }
      case "export-xlsx":
      case "export-csv":
        // Exports are GET requests to the resource routes; a POST here is a forged or broken form.
        return data(submission.reply({ formErrors: [t("ovd.invalid")] }), { status: 400 });
      default:
        return unreachable(value);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function OverduePage() {
  const { filter, list, options } = useLoaderData<typeof loader>();
  const t = useT();
  const [form, fields] = useZodForm(overdueIntent, {
    id: "bulk",
    lastResult: useActionData<typeof action>(),
    shouldValidate: "onSubmit",
  });
  const formRef = useRef<HTMLFormElement>(null);
  const toggleAll = (checked: boolean) =>
    formRef.current
      ?.querySelectorAll<HTMLInputElement>('input[name="ids"]')
      .forEach((box) => (box.checked = checked));
  const errors = [...(form.errors ?? []), ...(fields.ids.errors ?? []), ...(fields.target.errors ?? [])];
  return (
    <div className="space-y-4">
      <PageHeader back={{ to: "/assignments" }} title={t("ovd.title")} intro={t("ovd.intro")} />

      <Form method="get" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" role="search">
        {(
          [
            ["agencyId", "ovd.agency", "ovd.allAgencies", optionsOf(options.agencies, (a) => a.label)],
            ["courseId", "ovd.course", "ovd.allCourses", optionsOf(options.courses, (c) => c.title)],
          ] as const
        ).map(([name, label, all, choices]) => (
          <FilterSelect
            key={name}
            name={name}
            label={t(label)}
            allLabel={t(all)}
            options={choices}
            defaultValue={filter[name]}
            className={name === "agencyId" ? "lg:col-span-2" : undefined}
          />
        ))}
        <FilterSelect
          name="state"
          label={t("ovd.state")}
          options={OVERDUE_STATES.map((s) => ({ value: s, label: t(`ovd.state.${s}` as MessageKey) }))}
          defaultValue={filter.state}
        />
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
        <OverdueActions total={list.total} query={filterQuery(filter)} errors={errors} />
        <OverdueTable rows={list.rows} onToggleAll={toggleAll} />
      </Form>
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
    </div>
  );
}
