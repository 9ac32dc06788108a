import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CreateAccountForm } from "~/components/admin/user-forms";
import { UsersTable } from "~/components/admin/users-table";
import { FormError } from "~/components/field";
import { Pagination } from "~/components/pagination";
import { RoleDescriptions } from "~/components/role-descriptions";
import { SearchBar } from "~/components/search-bar";
import { userAdminIntent } from "~/domain/auth";
import type { MessageKey } from "~/i18n";
import { adminResetPassword } from "~/modules/auth/auth.server";
import { requireAdmin } from "~/modules/auth/guards.server";
import { createAccountForPerson, grantRole, listUsers, revokeGrant } from "~/modules/auth/users.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSearchParams } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";
import { unreachable } from "~/utils/intents";
import { listQuery } from "~/utils/paging";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.users") }];

const query = listQuery({ q: z.string().trim().max(100).default("") }, 50);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { q, ...paging } = parseSearchParams(request, query);
  return { q, ...(await listUsers({ q, ...paging })) };
}

// Every intent needs ADMIN, checked once above the switch.
export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const submission = await parseSubmission(request, userAdminIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  const back = new URL(request.url);
  const done = (message: MessageKey) =>
    redirectWithFlash(back.pathname + back.search, { kind: "success", message: serverT(request)(message) });
  try {
    switch (value.intent) {
      case "grant":
        await grantRole(actor.userId, value);
        return done("flash.roleGranted");
      case "revoke":
        await revokeGrant(actor.userId, value.grantId);
        return done("flash.roleRevoked");
      case "reset":
        await adminResetPassword(actor.userId, value.userId, value.temporaryPassword);
        return done("flash.passwordReset");
      case "create":
        await createAccountForPerson(actor.userId, value);
        return done("flash.accountCreated");
      default:
        return unreachable(value);
    }
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function UsersPage() {
  const { rows, total, page, pageSize, q } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("users.title")}</h1>
      <FormError message={reply?.error?.[""]?.[0]} />
      <SearchBar schema={query} label={t("users.search")} value={q} inputClassName="max-w-sm" />
      <UsersTable rows={rows} reply={reply} />
      <Pagination page={page} pageSize={pageSize} total={total} schema={query} />
      <RoleDescriptions />
      <CreateAccountForm reply={reply} />
    </div>
  );
}
