import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IntentForm } from "~/components/intent-form";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { requireLearner } from "~/modules/auth/guards.server";
import {
  INBOX_PAGE_SIZE,
  listNotifications,
  markAllRead,
  openNotification,
  unreadCount,
} from "~/modules/notifications/inbox.server";
import { notificationIntent } from "~/modules/notifications/intents";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { notFound, parseSearchParams } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";
import { listQuery } from "~/utils/paging";
import { parseSubmission } from "~/utils/conform.server";
import { unreachable } from "~/utils/intents";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.notifications") }];

const query = listQuery({ unread: z.enum(["1"]).optional() }, INBOX_PAGE_SIZE);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  const { unread, ...paging } = parseSearchParams(request, query);
  const unreadOnly = unread === "1";
  const [list, unreadTotal] = await Promise.all([
    listNotifications({ personId: actor.personId, unreadOnly, ...paging }),
    unreadCount(actor.personId),
  ]);
  return { ...list, unreadOnly, unreadTotal };
}

export async function action({ request }: ActionFunctionArgs) {
  // Every intent needs NOTIFICATION_INTENT_PERMISSION[intent] = "own": the signed-in person's own inbox.
  const actor = await requireLearner(request);
  const submission = await parseSubmission(request, notificationIntent);
  if (submission.status !== "success")
    return redirectWithFlash("/notifications", {
      kind: "error",
      message: serverT(request)("http.badRequest"),
    });
  const value = submission.value;
  switch (value.intent) {
    case "readAll": {
      const count = await markAllRead(actor.personId);
      return redirectWithFlash("/notifications", {
        kind: "success",
        message: serverT(request)("flash.notificationsRead", { count }),
      });
    }
    case "open":
    case "read": {
      const opened = await openNotification(actor.personId, value.id);
      if (!opened) notFound("notifications.notFound");
      if (value.intent === "open" && opened.link) return redirect(opened.link);
      const url = new URL(request.url);
      return redirect(url.pathname + url.search);
    }
    default:
      return unreachable(value);
  }
}

export default function NotificationsPage() {
  const { rows, total, page, pageSize, unreadOnly, unreadTotal } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">{t("notif.title")}</h1>
          <p className="text-sm text-slate-600">{t("notif.unread", { count: unreadTotal })}</p>
        </div>
        <div className="flex gap-2">
          <Link to={unreadOnly ? "/notifications" : "/notifications?unread=1"} className="btn-secondary">
            {unreadOnly ? t("notif.showAll") : t("notif.onlyUnread")}
          </Link>
          {unreadTotal > 0 ? (
            <IntentForm id="notif-read-all" intent="readAll" buttonClassName="btn-secondary">
              {t("notif.markAll")}
            </IntentForm>
          ) : null}
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="card text-slate-600">{t("notif.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {rows.map((n) => (
            <li
              key={n.id}
              className={`flex flex-col gap-2 p-4 sm:flex-row sm:items-start ${n.readAt ? "" : "bg-amber-50"}`}
            >
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {n.readAt ? null : (
                    <span className="mr-2 rounded bg-red-700 px-1.5 py-0.5 text-xs text-white">
                      {t("notif.new")}
                    </span>
                  )}
                  {n.title}
                </p>
                {n.body ? <p className="mt-1 text-sm text-slate-700">{n.body}</p> : null}
                <p className="mt-1 text-xs text-slate-500">{formatDateTime(n.createdAt)}</p>
              </div>
              <div className="flex shrink-0 gap-2">
                {n.link ? (
                  <IntentForm id={`notif-open-${n.id}`} intent="open" row={{ id: n.id }}>
                    {t("notif.open")}
                  </IntentForm>
                ) : null}
                {n.readAt ? null : (
                  <IntentForm
                    id={`notif-read-${n.id}`}
                    intent="read"
                    row={{ id: n.id }}
                    buttonClassName="btn-secondary"
                  >
                    {t("notif.markRead")}
                  </IntentForm>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} schema={query} />
    </div>
  );
}
