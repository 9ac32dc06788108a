import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DateField } from "~/components/date-input";
import { db } from "~/db.server";
import type { MessageKey } from "~/i18n";
import { listAgencyOptions } from "~/modules/agencies/agencies.server";
import { indentedAgencyOptions } from "~/modules/agencies/options";
import {
  assignmentInputSchema,
  createAssignment,
  previewAssignment,
} from "~/modules/assignments/assignments.server";
import { requireManager } from "~/modules/auth/guards.server";
import { personWhere } from "~/modules/auth/scope";
import { redirectWithFlash } from "~/utils/flash.server";
import { fieldErrors } from "~/utils/forms";
import { domainErrorData, forbidden } from "~/utils/http.server";
import { getLocale, serverT } from "~/utils/i18n.server";
import { useT, pageTitle } from "~/utils/i18n";
import { readForm } from "~/utils/read-form.server";
import { textProblem } from "~/utils/zod-text";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.assignmentNew") }];

const CATEGORIES = ["CAN_BO", "CONG_CHUC", "VIEN_CHUC", "NGUOI_LAO_DONG"] as const;
const IT_ROLES = ["NONE", "FULL_TIME", "PART_TIME"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  const [courses, agencies] = await Promise.all([
    db.course.findMany({
      where: { active: true, currentVersionId: { not: null } },
      select: { id: true, currentVersion: { select: { title: true } } },
    }),
    listAgencyOptions(scope),
  ]);
  return {
    courses: courses.map((c) => ({ id: c.id, title: c.currentVersion?.title ?? "" })),
    agencies: indentedAgencyOptions(agencies),
  };
}

/** Form fields → the service's input. Named people come as emails and must be inside the caller's scope. */
async function formInput(form: FormData, scope: Awaited<ReturnType<typeof requireManager>>["scope"]) {
  const list = (k: string) => form.getAll(k).map(String).filter(Boolean);
  const emails = String(form.get("emails") ?? "")
    .split(/[\s,;]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean);
  const named = emails.length
    ? await db.person.findMany({
        // An email with a NUL or control character cannot be anyone's; it is reported as not found.
        where: { email: { in: emails.filter((e) => textProblem(e) === null) }, ...personWhere(scope) },
        select: { id: true, email: true },
      })
    : [];
  const missing = emails.filter((e) => !named.some((p) => p.email === e));
  return {
    missing,
    input: {
      courseId: String(form.get("courseId") ?? ""),
      agencyId: String(form.get("agencyId") ?? "") || null,
      includeSubagencies: form.get("includeSubagencies") === "true",
      staffCategories: list("staffCategories"),
      itRoles: list("itRoles"),
      headOfUnitOnly: form.get("headOfUnitOnly") === "true",
      tags: String(form.get("tags") ?? "")
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean),
      personIds: named.map((p) => p.id),
      dueAt: String(form.get("dueAt") ?? "") || undefined,
      dueDays: form.get("dueDays") ? String(form.get("dueDays")) : undefined,
      standing: form.get("standing") === "true",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  const form = await readForm(request);
  const { input, missing } = await formInput(form, scope);
  if (missing.length) {
    return data(
      {
        errors: {
          emails: serverT(request)("assignments.emailsNotInScope", { emails: missing.join(", ") }),
        } as Record<string, string>,
        count: null,
      },
      { status: 400 },
    );
  }
  const parsed = assignmentInputSchema.safeParse(input);
  if (!parsed.success)
    return data({ errors: fieldErrors(parsed.error, getLocale(request)), count: null }, { status: 400 });
  try {
    if (form.get("intent") === "preview") {
      const preview = await previewAssignment(scope, parsed.data);
      return { errors: {} as Record<string, string>, count: preview.count };
    }
    const created = await createAssignment(scope, parsed.data, actor.userId);
    return redirectWithFlash(`/assignments/${created.id}`, {
      kind: "success",
      message: serverT(request)("asg.created", { count: created.count }),
    });
  } catch (error) {
    const res = domainErrorData(error, request);
    return data({ errors: res.data.errors, count: null }, { status: res.init?.status ?? 400 });
  }
}

export default function NewAssignmentPage() {
  const { courses, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const err = (k: string) => (errors[k] ? <p className="field-error">{errors[k]}</p> : null);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("asg.new")}</h1>
      {errors.form ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      <Form method="post" className="card grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <label htmlFor="courseId" className="label">
            {t("asg.course")}
          </label>
          <select id="courseId" name="courseId" className="input">
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          {err("courseId")}
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="agencyId" className="label">
            {t("asg.agency")}
          </label>
          <select id="agencyId" name="agencyId" className="input">
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
          <label className="mt-1 flex items-center gap-2 text-sm">
            <input type="checkbox" name="includeSubagencies" value="true" defaultChecked />{" "}
            {t("asg.includeSub")}
          </label>
          {err("agencyId")}
        </div>
        <fieldset>
          <legend className="label">{t("asg.categories")}</legend>
          {CATEGORIES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="staffCategories" value={c} /> {t(`staff.${c}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="label">{t("asg.itRoles")}</legend>
          {IT_ROLES.map((c) => (
            <label key={c} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="itRoles" value={c} /> {t(`it.${c}` as MessageKey)}
            </label>
          ))}
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" name="headOfUnitOnly" value="true" /> {t("asg.headOnly")}
          </label>
        </fieldset>
        <div>
          <label htmlFor="tags" className="label">
            {t("asg.tags")}
          </label>
          <input id="tags" name="tags" className="input" />
          {err("tags")}
        </div>
        <div>
          <label htmlFor="emails" className="label">
            {t("assignments.emailsLabel")}
          </label>
          <textarea id="emails" name="emails" rows={2} className="input" />
          {err("emails")}
        </div>
        <DateField name="dueAt" label={t("asg.dueAt")} error={errors.dueAt} />
        <div>
          <label htmlFor="dueDays" className="label">
            {t("asg.dueDays")}
          </label>
          <input id="dueDays" name="dueDays" type="number" min={1} max={365} className="input" />
          {err("dueDays")}
        </div>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" name="standing" value="true" defaultChecked /> {t("asg.standing")}
        </label>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
          <button
            type="submit"
            name="intent"
            value="preview"
            className="btn-secondary"
            disabled={navigation.state !== "idle"}
          >
            {t("asg.preview")}
          </button>
          {actionData?.count != null ? (
            <>
              <span role="status" className="text-sm font-medium">
                {t("asg.reaches", { count: actionData.count })}
              </span>
              <button
                type="submit"
                name="intent"
                value="create"
                className="btn-primary"
                disabled={navigation.state !== "idle"}
              >
                {t("asg.confirm", { count: actionData.count })}
              </button>
            </>
          ) : null}
        </div>
      </Form>
    </div>
  );
}
