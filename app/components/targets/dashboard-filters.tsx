// The dashboard's filter bar (GET, selects only: the loader checks them): plan, target, kind of agency;
// a snapshot being viewed stays chosen.
import { SelectFilterForm } from "~/components/select-filter-form";
import { FilterSelect, optionsOf } from "~/components/filter-select";
import { VIEW_KINDS } from "~/domain/target-figures";
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
    <SelectFilterForm className="card flex flex-wrap items-end gap-3">
      {(
        [
          ["plan", t("tg.plan"), optionsOf(plans, (p) => p.label), planId, "min-w-56 flex-1"],
          ["target", t("tg.target"), optionsOf(targets, (x) => x.title), targetId, "min-w-56 flex-1"],
          ["kind", t("tg.kind"), VIEW_KINDS.map((k) => ({ value: k, label: t(`tg.kind.${k}`) })), kind, ""],
        ] as const
      ).map(([name, label, options, value, className]) => (
        <FilterSelect
          key={name}
          name={name}
          label={label}
          options={options}
          defaultValue={value}
          className={className || undefined}
        />
      ))}
      {snapshotId ? <input type="hidden" name="snapshot" value={snapshotId} /> : null}
      <button type="submit" className="btn-secondary">
        {t("tg.show")}
      </button>
    </SelectFilterForm>
  );
}
