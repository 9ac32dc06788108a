import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { RoleDescriptions } from "~/components/role-descriptions";
import type { MessageKey } from "~/i18n";
import { adminResetPassword } from "~/modules/auth/auth.server";
import { requireAdmin } from "~/modules/auth/guards.server";
import {
  createAccountForPerson,
  createAccountSchema,
  grantRole,
  grantSchema,
  listUsers,
  revokeGrant,
} from "~/modules/auth/users.server";
import { newPasswordSchema } from "~/modules/auth/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { fieldErrors } from "~/utils/forms";
import { getLocale, serverT } from "~/utils/i18n.server";
import { domainErrorData, parseSearchParams } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { pagingFields } from "~/utils/paging";
import { scrollRegion } from "~/components/scroll-region";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.users") }];

const query = z.object({
  q: z.string().trim().max(100).default(""),
  ...pagingFields(50),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { q, page, pageSize } = parseSearchParams(request, query);
  const { total, rows } = await listUsers({ q, page, pageSize });
  return { q, page, pageSize, total, rows };
}

const resetSchema = z.object({ userId: z.string().uuid(), temporaryPassword: newPasswordSchema });
const revokeSchema = z.object({ grantId: z.string().uuid() });

// Each intent names its own form schema; all of them need ADMIN (checked once, above the switch).
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const form = Object.fromEntries(await readForm(request));
  const back = new URL(request.url);
  const t = serverT(request);
  const done = (message: MessageKey) =>
    redirectWithFlash(back.pathname + back.search, { kind: "success", message: t(message) });
  try {
    switch (form.intent) {
      case "grant": {
        const parsed = grantSchema.safeParse(form);
        if (!parsed.success)
          return data({ errors: fieldErrors(parsed.error, getLocale(request)) }, { status: 400 });
        await grantRole(actor.userId, parsed.data);
        return done("flash.roleGranted");
      }
      case "revoke": {
        const parsed = revokeSchema.safeParse(form);
        if (!parsed.success)
          return data({ errors: fieldErrors(parsed.error, getLocale(request)) }, { status: 400 });
        await revokeGrant(actor.userId, parsed.data.grantId);
        return done("flash.roleRevoked");
      }
      case "reset": {
        const parsed = resetSchema.safeParse(form);
        if (!parsed.success)
          return data({ errors: fieldErrors(parsed.error, getLocale(request)) }, { status: 400 });
        await adminResetPassword(actor.userId, parsed.data.userId, parsed.data.temporaryPassword);
        return done("flash.passwordReset");
      }
      case "create": {
        const parsed = createAccountSchema.safeParse(form);
        if (!parsed.success)
          return data({ errors: fieldErrors(parsed.error, getLocale(request)) }, { status: 400 });
        await createAccountForPerson(actor.userId, parsed.data);
        return done("flash.accountCreated");
      }
      default:
        return data({ errors: { form: t("http.badIntent") } as Record<string, string> }, { status: 400 });
    }
  } catch (error) {
    return domainErrorData(error, request);
  }
}

export default function UsersPage() {
  const { rows, total, page, pageSize, q } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const t = useT();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("users.title")}</h1>
      {Object.keys(errors).length ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          {Object.values(errors).join(" ")}
        </div>
      ) : null}
      <Form method="get" className="flex gap-2">
        <label htmlFor="q" className="sr-only">
          {t("users.search")}
        </label>
        <input id="q" name="q" defaultValue={q} placeholder={t("users.search")} className="input max-w-sm" />
        <button className="btn-secondary" type="submit">
          {t("common.search")}
        </button>
      </Form>
      <div
        className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
        {...scrollRegion(t("users.title"))}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-3 py-2">{t("users.email")}</th>
              <th className="px-3 py-2">{t("users.name")}</th>
              <th className="px-3 py-2">{t("users.roles")}</th>
              <th className="px-3 py-2">{t("users.reset")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((u) => (
              <tr key={u.id}>
                <td className="px-3 py-2">
                  {u.email}
                  {u.mustChangePassword ? (
                    <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
                      {t("users.mustChange")}
                    </span>
                  ) : null}
                  <div>
                    <Link to={`/admin/users/${u.id}/sessions`} className="text-xs text-red-800 underline">
                      {t("sess.admin.link")}
                    </Link>
                  </div>
                </td>
                <td className="px-3 py-2">
                  {u.person?.fullName ?? "—"}
                  <div className="text-xs text-slate-500">{u.person?.agency.name}</div>
                </td>
                <td className="px-3 py-2">
                  <ul className="space-y-1">
                    {u.grants.map((g) => (
                      <li key={g.id} className="flex items-center gap-2">
                        <span>
                          {t(`role.${g.role}` as MessageKey)}
                          {g.agency ? ` — ${g.agency.name}` : ""}
                        </span>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="grantId" value={g.id} />
                          <button type="submit" className="text-xs text-red-700 underline">
                            {t("users.revoke")}
                          </button>
                        </Form>
                      </li>
                    ))}
                  </ul>
                  <Form method="post" className="mt-2 flex flex-wrap items-center gap-1">
                    <input type="hidden" name="intent" value="grant" />
                    <input type="hidden" name="userId" value={u.id} />
                    <select name="role" aria-label={t("users.role")} className="input w-auto py-1">
                      {(["COORDINATOR", "REVIEWER", "ADMIN", "LEARNER"] as const).map((r) => (
                        <option key={r} value={r}>
                          {t(`role.${r}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                    <input
                      name="agencyCode"
                      placeholder={t("ui.agencyCode")}
                      aria-label={t("users.scope")}
                      className="input w-28 py-1"
                    />
                    <button type="submit" className="btn-secondary py-1">
                      {t("users.grant")}
                    </button>
                  </Form>
                </td>
                <td className="px-3 py-2">
                  <Form method="post" className="flex flex-wrap items-center gap-1">
                    <input type="hidden" name="intent" value="reset" />
                    <input type="hidden" name="userId" value={u.id} />
                    <input
                      name="temporaryPassword"
                      type="text"
                      autoComplete="off"
                      placeholder={t("users.tempPassword")}
                      aria-label={t("users.tempPassword")}
                      className="input w-40 py-1"
                    />
                    <button type="submit" className="btn-secondary py-1">
                      {t("users.reset")}
                    </button>
                  </Form>
                  <Link
                    to={`/admin/users/${u.id}/two-factor`}
                    className="mt-1 inline-block text-xs text-red-800 underline"
                  >
                    {t("tf.admin.link")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} />
      <RoleDescriptions />
      <section className="card max-w-xl">
        <h2 className="font-semibold">{t("users.create")}</h2>
        <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-2">
          <input type="hidden" name="intent" value="create" />
          <div>
            <label htmlFor="new-email" className="label">
              {t("users.email")}
            </label>
            <input id="new-email" name="email" type="email" className="input" />
          </div>
          <div>
            <label htmlFor="new-temp" className="label">
              {t("users.tempPassword")}
            </label>
            <input id="new-temp" name="temporaryPassword" type="text" autoComplete="off" className="input" />
          </div>
          <button type="submit" className="btn-primary sm:col-span-2 sm:justify-self-start">
            {t("users.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}
