import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listAssignments } from "~/modules/assignments/assignments.server";
import { requireManager } from "~/modules/auth/guards.server";
import { formatDate } from "~/utils/format";
import { useT, pageTitle } from "~/utils/i18n";
import { scrollRegion } from "~/components/scroll-region";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.assignments") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireManager(request);
  return { assignments: await listAssignments(scope) };
}

export default function AssignmentsPage() {
  const { assignments } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("asg.title")}</h1>
        <div className="flex flex-wrap gap-2">
          <Link to="/assignments/overdue" className="btn-secondary">
            {t("ovd.link")}
          </Link>
          <Link to="/assignments/new" className="btn-primary">
            {t("asg.new")}
          </Link>
        </div>
      </div>
      {assignments.length === 0 ? (
        <p className="card text-slate-600">{t("asg.none")}</p>
      ) : (
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          {...scrollRegion(t("asg.title"))}
        >
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th className="px-3 py-2">{t("asg.course")}</th>
                <th className="px-3 py-2">{t("asg.agency")}</th>
                <th className="px-3 py-2">{t("asg.due")}</th>
                <th className="px-3 py-2 text-right">{t("asg.members")}</th>
                <th className="px-3 py-2 text-right">{t("asg.status.HOAN_THANH")}</th>
                <th className="px-3 py-2 text-right">{t("asg.status.QUA_HAN")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
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
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
