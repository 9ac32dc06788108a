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
import { pagingFields } from "~/utils/paging";
import { scrollRegion } from "~/components/scroll-region";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.audit") }];

const query = z.object({
  action: z.string().trim().max(64).default(""),
  ...pagingFields(50),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { action, page, pageSize } = parseSearchParams(request, query);
  const where = action ? { action: { startsWith: action } } : {};
  const [total, events] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
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
    pageSize,
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
  const { events, total, page, pageSize, action } = useLoaderData<typeof loader>();
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
      <div
        className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white"
        {...scrollRegion(t("audit.title"))}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th className="px-3 py-2">{t("audit.time")}</th>
              <th className="hidden px-3 py-2 sm:table-cell">{t("audit.actor")}</th>
              <th className="px-3 py-2">{t("audit.action")}</th>
              <th className="hidden px-3 py-2 md:table-cell">{t("audit.entity")}</th>
              <th className="hidden px-3 py-2 sm:table-cell">{t("audit.data")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((e) => (
              <tr key={e.id}>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(e.createdAt)}</td>
                <td className="hidden px-3 py-2 sm:table-cell">{e.actor}</td>
                <td className="px-3 py-2">
                  <span className="font-mono text-xs break-all">{e.action}</span>
                  <div className="text-xs break-all text-slate-600 sm:hidden">{e.actor}</div>
                </td>
                <td className="hidden px-3 py-2 text-xs md:table-cell">{e.entity}</td>
                <td
                  className="hidden max-w-md truncate px-3 py-2 font-mono text-xs sm:table-cell"
                  title={e.data}
                >
                  {e.data}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}
