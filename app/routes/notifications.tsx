import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
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
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { notFound, parseSearchParams } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";
import { pagingFields } from "~/utils/paging";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.notifications") }];

const query = z.object({
  ...pagingFields(INBOX_PAGE_SIZE),
  unread: z.enum(["1"]).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireLearner(request);
  const { page, pageSize, unread } = parseSearchParams(request, query);
  const [list, unreadTotal] = await Promise.all([
    listNotifications(actor.personId, page, unread === "1", pageSize),
    unreadCount(actor.personId),
  ]);
  return { ...list, page, unreadOnly: unread === "1", unreadTotal, pageSize };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: z.string().max(40) }),
  z.object({ intent: z.literal("read"), id: z.string().max(40) }),
  z.object({ intent: z.literal("readAll") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireLearner(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success)
    return redirectWithFlash("/notifications", {
      kind: "error",
      message: serverT(request)("http.badRequest"),
    });
  if (parsed.data.intent === "readAll") {
    const count = await markAllRead(actor.personId);
    return redirectWithFlash("/notifications", {
      kind: "success",
      message: serverT(request)("flash.notificationsRead", { count }),
    });
  }
  const opened = await openNotification(actor.personId, parsed.data.id);
  if (!opened) notFound("notifications.notFound");
  if (parsed.data.intent === "open" && opened.link) return redirect(opened.link);
  return redirect(new URL(request.url).pathname + new URL(request.url).search);
}

export default function NotificationsPage() {
  const { items, total, page, pageSize, unreadOnly, unreadTotal } = useLoaderData<typeof loader>();
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
            <Form method="post">
              <input type="hidden" name="intent" value="readAll" />
              <button type="submit" className="btn-secondary">
                {t("notif.markAll")}
              </button>
            </Form>
          ) : null}
        </div>
      </div>
      {items.length === 0 ? (
        <p className="card text-slate-600">{t("notif.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {items.map((n) => (
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
                  <Form method="post">
                    <input type="hidden" name="intent" value="open" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="btn-primary">
                      {t("notif.open")}
                    </button>
                  </Form>
                ) : null}
                {n.readAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="btn-secondary">
                      {t("notif.markRead")}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}
