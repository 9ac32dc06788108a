import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { SearchBar } from "~/components/search-bar";
import { listAuditEvents } from "~/modules/audit/log.server";
import { requireAdmin } from "~/modules/auth/guards.server";
import { formatDateTime } from "~/utils/format";
import { parseSearchParams } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { serverT } from "~/utils/i18n.server";
import { listQuery } from "~/utils/paging";
import { ListTable } from "~/components/targets/list-table";
import type { MessageKey } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.audit") }];

const query = listQuery({ action: z.string().trim().max(64).default("") }, 50);

const COLUMNS = [
  ["audit.time"],
  ["audit.actor", "hidden sm:table-cell"],
  ["audit.action"],
  ["audit.entity", "hidden md:table-cell"],
  ["audit.data", "hidden sm:table-cell"],
] as const satisfies readonly (readonly [MessageKey, string?])[];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { action, ...paging } = parseSearchParams(request, query);
  const list = await listAuditEvents({ action, ...paging });
  const system = serverT(request)("ui.auditSystem");
  return { action, ...list, rows: list.rows.map((e) => ({ ...e, actor: e.actor ?? system })) };
}

export default function AuditPage() {
  const { rows, total, page, pageSize, action } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div>
      <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
      <SearchBar
        schema={query}
        label={t("audit.action")}
        name="action"
        value={action}
        placeholder="agency.merge, people.import…"
        inputClassName="max-w-xs"
        className="mt-4"
      />
      <div className="mt-4">
        <ListTable
          label={t("audit.title")}
          columns={COLUMNS.map(([key, className]) => ({ label: t(key), className }))}
        >
          {rows.map((e) => (
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
        </ListTable>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} schema={query} />
    </div>
  );
}
