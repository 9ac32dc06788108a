import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireViewer } from "~/modules/auth/guards.server";
import { listManagedPlans, requirePlanManager } from "~/modules/targets/manage.server";
import { formatDate } from "~/utils/format";
import { useT, pageTitle } from "~/utils/i18n";
import { PageHeading } from "~/components/section";
import { ListTable } from "~/components/targets/list-table";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.plans") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireViewer(request);
  // Coordinators only view figures; plans are managed by admins and reviewers.
  requirePlanManager(actor);
  const plans = await listManagedPlans(actor);
  return {
    plans: plans.map((p) => ({
      id: p.id,
      title: p.title,
      documentNumber: p.documentNumber,
      year: p.year,
      agency: p.agency.name,
      startsAt: formatDate(p.startsAt),
      active: p.active,
      targets: p._count.targets,
      snapshots: p._count.snapshots,
    })),
  };
}

export default function PlansPage() {
  const { plans } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <PageHeading title={t("plans.title")}>
        <Link to="/targets/plans/new" className="btn-primary">
          {t("plans.new")}
        </Link>
      </PageHeading>
      {plans.length === 0 ? (
        <p className="card text-slate-600">{t("plans.none")}</p>
      ) : (
        <ListTable
          label={t("plans.title")}
          columns={[
            { label: t("plans.titleField") },
            { label: t("plans.documentNumber"), className: "hidden sm:table-cell" },
            { label: t("plans.year") },
            { label: t("plans.agency"), className: "hidden md:table-cell" },
            { label: t("plans.targets"), className: "text-right" },
            { label: t("tg.snapshots"), className: "hidden text-right sm:table-cell" },
          ]}
        >
          {plans.map((p) => (
            <tr key={p.id}>
              <td className="px-3 py-2">
                <Link to={`/targets/plans/${p.id}`} className="font-medium text-red-800 hover:underline">
                  {p.title}
                </Link>
                {p.active ? null : (
                  <span className="ml-2 text-xs text-slate-500">({t("plans.inactive")})</span>
                )}
                <div className="text-xs text-slate-600 sm:hidden">{p.documentNumber}</div>
              </td>
              <td className="hidden px-3 py-2 sm:table-cell">{p.documentNumber}</td>
              <td className="px-3 py-2">{p.year}</td>
              <td className="hidden px-3 py-2 md:table-cell">{p.agency}</td>
              <td className="px-3 py-2 text-right tabular-nums">{p.targets}</td>
              <td className="hidden px-3 py-2 text-right tabular-nums sm:table-cell">{p.snapshots}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </div>
  );
}
