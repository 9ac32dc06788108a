import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError } from "~/components/field";
import { getAuthConfig } from "~/modules/auth/config.server";
import { requireManager } from "~/modules/auth/guards.server";
import {
  type InviteSource,
  inviteSourceParams,
  inviteSourceSchema,
  planInvitations,
  readInviteSource,
  sendInvitations,
} from "~/modules/auth/invitations.server";
import { domainErrorReply, invalidReply, parseSubmission } from "~/utils/conform.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { issueRef } from "~/utils/forms";
import { badRequest, domainErrorData, forbidden } from "~/utils/http.server";
import { serverT } from "~/utils/i18n.server";
import { pageTitle, useT } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.peopleInvite") }];

/** Where the confirmation goes back to, and where the sent invitations are shown. */
function backTo(source: InviteSource): string {
  switch (source.mode) {
    case "import":
      return "/people?account=invited&sort=-updated";
    case "assignment":
      return `/assignments/${source.assignmentId}`;
    case "subtree":
      return `/people?${new URLSearchParams({ agency: source.agency })}`;
    case "filter":
      return `/people?${new URLSearchParams(inviteSourceParams(source).filter(([k]) => k !== "mode"))}`;
    case "selected":
      return "/people";
  }
}

/** The confirmation (no JS needed): how many people would get a link, and who is left out and why. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, scope } = await requireManager(request);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  const parsed = readInviteSource(new URL(request.url).searchParams);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    badRequest(issue.code === "invalid_union" ? "invite.sourceInvalid" : issueRef(issue));
  }
  const source = parsed.data;
  try {
    const { invitees, ...skipped } = await planInvitations(actor, source);
    return {
      source: inviteSourceParams(source),
      mode: source.mode,
      back: backTo(source),
      count: invitees.length,
      sample: invitees.slice(0, 5).map((p) => p.fullName),
      ttlHours: getAuthConfig().invitations.ttlHours,
      ...skipped,
    };
  } catch (error) {
    throw domainErrorData(error, request);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireManager(request);
  const submission = await parseSubmission(request, inviteSourceSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const result = await sendInvitations(actor, submission.value);
    return redirectWithFlash(backTo(submission.value), {
      kind: "success",
      message: serverT(request)("invite.sent", { count: result.invited }),
    });
  } catch (error) {
    return domainErrorReply(submission, error, request);
  }
}

export default function InviteConfirmPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const t = useT();
  // Hidden fields only: checked on the server (the schema is server-side; the form needs no browser check).
  const [form] = useForm({ lastResult });
  const skipped = (
    [
      ["invite.skipActivated", d.activated],
      ["invite.skipExternal", d.external],
      ["invite.skipInactive", d.inactive],
    ] as const
  ).filter(([, n]) => n > 0);
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("invite.confirmTitle")}</h1>
      <section className="card space-y-3" aria-live="polite">
        <p className="text-lg" data-testid="invite-count">
          {d.count > 0 ? t("invite.willSend", { count: d.count }) : t("invite.nobodyHere")}
        </p>
        {d.sample.length ? (
          <p className="text-sm text-slate-600">
            {t("invite.sample", { names: d.sample.join(", ") })}
            {d.count > d.sample.length ? ` ${t("invite.andMore", { count: d.count - d.sample.length })}` : ""}
          </p>
        ) : null}
        {d.reinvited > 0 ? (
          <p className="text-sm text-amber-900">{t("invite.reinvite", { count: d.reinvited })}</p>
        ) : null}
        {skipped.length ? (
          <ul className="list-disc pl-5 text-sm text-slate-700">
            {skipped.map(([key, n]) => (
              <li key={key}>{t(key, { count: n })}</li>
            ))}
          </ul>
        ) : null}
        <p className="text-sm text-slate-600">{t("invite.howItWorks", { hours: d.ttlHours })}</p>
        <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-center gap-3">
          <FormError message={form.errors?.[0]} className="w-full" />
          {d.source.map(([k, v], i) => (
            <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
          ))}
          {d.count > 0 ? (
            <button type="submit" className="btn-primary" disabled={busy}>
              {t("invite.send", { count: d.count })}
            </button>
          ) : null}
          <Link to={d.back} className="btn-secondary">
            {t("invite.cancel")}
          </Link>
        </Form>
      </section>
    </div>
  );
}
