import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { getFormProps } from "@conform-to/react";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/field";
import { type SessionView, SessionsTable, sessionView } from "~/components/sessions-table";
import { getAuth, requireActor } from "~/modules/auth/guards.server";
import { blankSessionCookie } from "~/modules/auth/session.server";
import {
  endOtherSessions,
  endOwnSession,
  listSessions,
  sessionIntentSchema,
} from "~/modules/auth/sessions.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { useZodForm } from "~/utils/conform";
import { redirectWithFlash } from "~/utils/flash.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.sessions") }];

/** The caller and the session they are using (the page is about exactly that account). */
async function requireSession(request: Request) {
  const actor = await requireActor(request);
  const auth = (await getAuth(request))!;
  return { actor, sessionId: auth.sessionId };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, sessionId } = await requireSession(request);
  const sessions = await listSessions(actor.userId, sessionId);
  return { sessions: sessions.map(sessionView) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, sessionId } = await requireSession(request);
  const t = serverT(request);
  const submission = await parseSubmission(request, sessionIntentSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const intent = submission.value;
  try {
    switch (intent.intent) {
      case "end": {
        await endOwnSession(actor.userId, intent.sessionId);
        // Ending the session in use is signing out.
        if (intent.sessionId === sessionId)
          return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
        return redirectWithFlash("/account/sessions", { kind: "success", message: t("sessions.ended") });
      }
      case "endOthers": {
        const count = await endOtherSessions(actor.userId, sessionId);
        return redirectWithFlash("/account/sessions", {
          kind: "success",
          message: t("sessions.endedOthers", { count }),
        });
      }
    }
  } catch (e) {
    return domainErrorReply(submission, e, request);
  }
}

function EndForm({ session, intent }: { session?: SessionView; intent: "end" | "endOthers" }) {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [form] = useZodForm(sessionIntentSchema, {
    id: session ? `end-${session.id.slice(0, 16)}` : "end-others",
    lastResult,
  });
  const label =
    intent === "endOthers" ? t("sess.endOthers") : session?.current ? t("sess.endCurrent") : t("sess.end");
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      {session ? <input type="hidden" name="sessionId" value={session.id} /> : null}
      <button
        type="submit"
        disabled={busy}
        className={intent === "endOthers" ? "btn-danger" : "btn-secondary py-1 text-xs"}
      >
        {label}
      </button>
    </Form>
  );
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="max-w-5xl space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("sess.title")}</h1>
        <p className="mt-1 text-sm text-slate-700">{t("sess.intro")}</p>
      </div>
      <FormError message={lastResult?.error?.[""]?.[0] ?? lastResult?.error?.sessionId?.[0]} />
      {sessions.length ? (
        <SessionsTable sessions={sessions} action={(s) => <EndForm session={s} intent="end" />} />
      ) : (
        <p className="card text-sm">{t("sess.none")}</p>
      )}
      {others ? (
        <EndForm intent="endOthers" />
      ) : (
        <p className="text-sm text-slate-600">{t("sess.onlyThis")}</p>
      )}
    </div>
  );
}
