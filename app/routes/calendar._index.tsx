// /calendar — create, rotate or revoke the secret link of one's calendar feed. The link is shown once.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { IntentForm } from "~/components/intent-form";
import { requireLearner } from "~/modules/auth/guards.server";
import { feedStatus, revokeFeed, rotateFeedToken } from "~/modules/scheduling/calendar.server";
import { calendarIntent } from "~/modules/scheduling/intents";
import { invalidReply, parseSubmission } from "~/utils/conform.server";
import { unreachable } from "~/utils/intents";
import { formatDate } from "~/utils/format";
import { useT, pageTitle } from "~/utils/i18n";
import { DownloadLink } from "~/components/download-link";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.calendar") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  const feed = await feedStatus(actor.personId);
  return { active: feed && !feed.revokedAt ? { since: feed.createdAt } : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireLearner(request);
  // Both intents act on the caller's own feed (CALENDAR_INTENT_PERMISSION: "self"), which requireLearner is.
  const submission = await parseSubmission(request, calendarIntent);
  if (submission.status !== "success") return invalidReply(submission);
  const value = submission.value;
  switch (value.intent) {
    case "revoke":
      await revokeFeed(actor.personId, actor.userId);
      return { url: null as string | null };
    case "rotate": {
      const token = await rotateFeedToken(actor.personId, actor.userId);
      return { url: `${new URL(request.url).origin}/calendar/${token}.ics` };
    }
    default:
      return unreachable(value);
  }
}

export default function CalendarPage() {
  const { active } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const url = actionData && "url" in actionData ? actionData.url : null;
  const t = useT();
  return (
    <div className="max-w-2xl space-y-4">
      <Link to="/offerings" className="text-sm text-red-800 hover:underline">
        ← {t("off.title")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("off.calendar")}</h1>
      <p className="text-sm text-slate-700">{t("off.calendarHelp")}</p>
      {url ? (
        <div className="card space-y-2">
          <p className="text-sm font-medium">{t("off.calendarUrl")}</p>
          <input
            readOnly
            value={url}
            className="input font-mono text-xs"
            aria-label={t("off.calendarUrl")}
            onFocus={(e) => e.currentTarget.select()}
          />
          <DownloadLink href={new URL(url).pathname} kind="ics" className="text-sm text-red-800 underline">
            {t("off.calendarDownload")}
          </DownloadLink>
        </div>
      ) : null}
      <p className="text-sm">
        {active ? t("off.calendarActive", { date: formatDate(active.since) }) : t("off.calendarNone")}
      </p>
      <div className="flex flex-wrap gap-2">
        <IntentForm id="calendar-rotate" intent="rotate">
          {active ? t("off.calendarRotate") : t("off.calendarCreate")}
        </IntentForm>
        {active ? (
          <IntentForm id="calendar-revoke" intent="revoke" buttonClassName="btn-secondary">
            {t("off.calendarRevoke")}
          </IntentForm>
        ) : null}
      </div>
    </div>
  );
}
