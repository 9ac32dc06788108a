// The dashboard's filter bar (GET): plan, target, kind of agency; a snapshot being viewed stays chosen.
import { Form } from "@remix-run/react";
import { FilterSelect, optionsOf } from "~/components/filter-select";
import { VIEW_KINDS } from "~/domain/targets";
import { useT } from "~/utils/i18n";

export function DashboardFilters({
  plans,
  planId,
  targets,
  targetId,
  kind,
  snapshotId,
}: {
  plans: { id: string; label: string }[];
  planId: string;
  targets: { id: string; title: string }[];
  targetId: string;
  kind: string;
  snapshotId: string | null;
}) {
  const t = useT();
  return (
    <Form method="get" className="card flex flex-wrap items-end gap-3">
      <FilterSelect
        name="plan"
        label={t("tg.plan")}
        options={optionsOf(plans, (p) => p.label)}
        defaultValue={planId}
        className="min-w-56 flex-1"
      />
      <FilterSelect
        name="target"
        label={t("tg.target")}
        options={optionsOf(targets, (x) => x.title)}
        defaultValue={targetId}
        className="min-w-56 flex-1"
      />
      <FilterSelect
        name="kind"
        label={t("tg.kind")}
        options={VIEW_KINDS.map((k) => ({ value: k, label: t(`tg.kind.${k}`) }))}
        defaultValue={kind}
      />
      {snapshotId ? <input type="hidden" name="snapshot" value={snapshotId} /> : null}
      <button type="submit" className="btn-secondary">
        {t("tg.show")}
      </button>
    </Form>
  );
}
