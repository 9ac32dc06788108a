// The targets of a plan on its page: each with its edit link and a button that stops or resumes it.
import { Form, Link } from "@remix-run/react";
import { ListTable } from "./list-table";
import { useT } from "~/utils/i18n";

export type PlanTargetRow = {
  id: string;
  code: string;
  title: string;
  targetPercent: number;
  deadline: string;
  topics: string[];
  active: boolean;
};

export function PlanTargetsTable({ targets }: { targets: PlanTargetRow[] }) {
  const t = useT();
  return (
    <ListTable
      label={t("plans.targets")}
      columns={[
        { label: t("plans.code") },
        { label: t("plans.targetTitle") },
        { label: t("plans.targetPercent"), className: "text-right" },
        { label: t("plans.deadline") },
        { label: t("plans.topics") },
        { label: <span className="sr-only">{t("common.actions")}</span> },
      ]}
    >
      {targets.map((x) => (
        <tr key={x.id} className={x.active ? "" : "text-slate-400"}>
          <td className="px-3 py-2 font-mono text-xs">{x.code}</td>
          <td className="px-3 py-2">{x.title}</td>
          <td className="px-3 py-2 text-right tabular-nums">{x.targetPercent}</td>
          <td className="px-3 py-2">{x.deadline}</td>
          <td className="px-3 py-2 text-xs">{x.topics.join(", ")}</td>
          <td className="px-3 py-2 whitespace-nowrap">
            <Link to={`?edit=${x.id}#target-form`} className="text-red-800 hover:underline">
              {t("plans.editTarget")}
            </Link>{" "}
            <Form method="post" className="inline">
              <input type="hidden" name="intent" value="toggle" />
              <input type="hidden" name="targetId" value={x.id} />
              <input type="hidden" name="active" value={x.active ? "false" : "true"} />
              <button type="submit" className="ml-2 text-slate-600 underline">
                {t(x.active ? "plans.deactivate" : "plans.reactivate")}
              </button>
            </Form>
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
