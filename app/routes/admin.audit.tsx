import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { db } from "~/db.server";
import { requireAdmin } from "~/modules/auth/guards.server";
import { formatDateTime } from "~/utils/format";
import { parseSearchParams } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.audit") }];

const query = z.object({
  action: z.string().trim().max(64).default(""),
  page: z.coerce.number().int().min(1).max(100000).default(1),
});
const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { action, page } = parseSearchParams(request, query);
  const where = action ? { action: { startsWith: action } } : {};
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((x): x is string => !!x))];
  const actors = await db.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, email: true },
  });
  const emailOf = new Map(actors.map((a) => [a.id, a.email]));
  return {
    action,
    page,
    total,
    events: events.map((e) => ({
      id: String(e.id),
      createdAt: e.createdAt.toISOString(),
      actor: e.actorUserId
        ? (emailOf.get(e.actorUserId) ?? e.actorUserId)
        : serverT(request)("ui.auditSystem"),
      action: e.action,
      entity: `${e.entityType}${e.entityId ? ` ${e.entityId.slice(0, 8)}` : ""}`,
      data: JSON.stringify(e.data),
    })),
  };
}

export default function AuditPage() {
  const { events, total, page, action } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
      <Form method="get" className="mt-4 flex gap-2">
        <label htmlFor="action" className="sr-only">
          {t("audit.action")}
        </label>
        <input
          id="action"
          name="action"
          defaultValue={action}
          placeholder="agency.merge, people.import…"
          className="input max-w-xs"
        />
        <button className="btn-secondary" type="submit">
          {t("common.search")}
        </button>
      </Form>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-3 py-2">{t("audit.time")}</th>
              <th className="px-3 py-2">{t("audit.actor")}</th>
              <th className="px-3 py-2">{t("audit.action")}</th>
              <th className="px-3 py-2">{t("audit.entity")}</th>
              <th className="px-3 py-2">{t("audit.data")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((e) => (
              <tr key={e.id}>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(e.createdAt)}</td>
                <td className="px-3 py-2">{e.actor}</td>
                <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                <td className="px-3 py-2 text-xs">{e.entity}</td>
                <td className="max-w-md truncate px-3 py-2 font-mono text-xs" title={e.data}>
                  {e.data}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} />
    </div>
  );
}
