import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listAssignments } from "~/modules/assignments/assignments.server";
import { requireManager } from "~/modules/auth/guards.server";
import { formatDate } from "~/utils/format";
import { parseSearchParams } from "~/utils/http.server";
import { useT, pageTitle } from "~/utils/i18n";
import { listQuery } from "~/utils/paging";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ListTable } from "~/components/targets/list-table";
import type { MessageKey } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.assignments") }];

const query = listQuery({}, 50);

const COLUMNS = [
  ["asg.course"],
  ["asg.agency"],
  ["asg.due"],
  ["asg.members", "text-right"],
  ["asg.status.HOAN_THANH", "text-right"],
  ["asg.status.QUA_HAN", "text-right"],
] as const satisfies readonly (readonly [MessageKey, string?])[];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  return listAssignments(scope, parseSearchParams(request, query));
}

export default function AssignmentsPage() {
  const { rows: assignments, page, pageSize, total } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("asg.title")}
        links={[
          { to: "/assignments/overdue", label: t("ovd.link") },
          { to: "/assignments/new", label: t("asg.new"), primary: true },
        ]}
      />
      {assignments.length === 0 ? (
        <p className="card text-slate-600">{t("asg.none")}</p>
      ) : (
        <ListTable
          label={t("asg.title")}
          columns={COLUMNS.map(([key, className]) => ({ label: t(key), className }))}
        >
          {assignments.map((a) => (
            <tr key={a.id}>
              <td className="px-3 py-2">
                <Link to={`/assignments/${a.id}`} className="font-medium text-red-800 hover:underline">
                  {a.courseTitle}
                </Link>
              </td>
              <td className="px-3 py-2">{a.agencyName ?? "—"}</td>
              <td className="px-3 py-2">
                {a.dueAt ? formatDate(a.dueAt) : a.dueDays ? t("ui.dueInDays", { days: a.dueDays }) : "—"}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">{a.counts.total}</td>
              <td className="px-3 py-2 text-right tabular-nums text-green-700">{a.counts.HOAN_THANH}</td>
              <td className="px-3 py-2 text-right tabular-nums text-red-700">{a.counts.QUA_HAN}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </div>
  );
}
