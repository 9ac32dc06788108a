// The targets of a plan on its page: each with its edit link and a button that stops or resumes it.
import { Link } from "@remix-run/react";
import { IntentForm } from "~/components/intent-form";
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
            <IntentForm
              id={`toggle-${x.id}`}
              intent="toggle"
              row={{ targetId: x.id }}
              hidden={{ active: x.active ? "false" : "true" }}
              className="inline"
              buttonClassName="ml-2 text-slate-600 underline"
            >
              {t(x.active ? "plans.deactivate" : "plans.reactivate")}
            </IntentForm>
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
