import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/field";
import { PageHeader } from "~/components/page-header";
import { SessionsTable, sessionView } from "~/components/sessions-table";
import { requireAdmin } from "~/modules/auth/guards.server";
import { accountSessions, endAllSchema, endAllSessions } from "~/modules/auth/sessions.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { useZodForm } from "~/utils/conform";
import { uuidParam } from "~/utils/uuid.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainErrorData } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.userSessions") }];

// The confirmation step of "Đăng xuất mọi phiên" on the accounts page: what will end, and the button.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const userId = uuidParam(params.userId);
  try {
    const { user, sessions } = await accountSessions(userId);
    return { user, sessions: sessions.map(sessionView) };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const userId = uuidParam(params.userId);
  const submission = await parseSubmission(request, endAllSchema);
  if (submission.status !== "success") return invalidReply(submission);
  // The account is the one in the URL; a different id in the form is a stale or forged page.
  if (submission.value.userId !== userId)
    return data(submission.reply({ formErrors: [serverT(request)("sessions.userInvalid")] }), {
      status: 400,
    });
  try {
    const { user } = await accountSessions(userId);
    const count = await endAllSessions(actor.userId, userId);
    return redirectWithFlash(`/admin/users?q=${encodeURIComponent(user.email)}`, {
      kind: "success",
      message: serverT(request)("sessions.endedAll", { count, email: user.email }),
    });
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
}

export default function UserSessionsPage() {
  const { user, sessions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const t = useT();
  const [form] = useZodForm(endAllSchema, { lastResult });
  return (
    <div className="max-w-5xl space-y-4">
      <PageHeader
        back={{ to: "/admin/users", label: t("sess.admin.back") }}
        title={t("title.userSessions")}
        intro={[user.fullName, user.email, t("sess.admin.count", { count: sessions.length })]
          .filter(Boolean)
          .join(" · ")}
      />
      <FormError message={form.errors?.[0]} />
      {sessions.length ? (
        <SessionsTable sessions={sessions} />
      ) : (
        <p className="card text-sm">{t("sess.none")}</p>
      )}
      <div className="card space-y-3">
        <p className="text-sm text-slate-700">{t("sess.admin.intro")}</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="endAll" />
          <input type="hidden" name="userId" value={user.id} />
          <button type="submit" className="btn-danger" disabled={busy || sessions.length === 0}>
            {t("sess.admin.endAll")}
          </button>
        </Form>
      </div>
    </div>
  );
}
