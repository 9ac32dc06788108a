// The dashboard's filter bar (GET, through conform with the loader's schema): plan, target, kind of agency;
// a snapshot being viewed stays chosen.
import type { z } from "zod";
import { FilterForm } from "~/components/filter-form";
import { FilterSelect, optionsOf } from "~/components/filter-select";
import { VIEW_KINDS } from "~/domain/targets";
import { useT } from "~/utils/i18n";

export function DashboardFilters({
  schema,
  plans,
  planId,
  targets,
  targetId,
  kind,
  snapshotId,
}: {
  /** The loader's search-params schema (viewQuerySchema, from the route). */
  schema: z.ZodType;
  plans: { id: string; label: string }[];
  planId: string;
  targets: { id: string; title: string }[];
  targetId: string;
  kind: string;
  snapshotId: string | null;
}) {
  const t = useT();
  return (
    <FilterForm schema={schema} className="card flex flex-wrap items-end gap-3">
      {(errorOf) => (
        <>
          {(
            [
              ["plan", t("tg.plan"), optionsOf(plans, (p) => p.label), planId, "min-w-56 flex-1"],
              ["target", t("tg.target"), optionsOf(targets, (x) => x.title), targetId, "min-w-56 flex-1"],
              [
                "kind",
                t("tg.kind"),
                VIEW_KINDS.map((k) => ({ value: k, label: t(`tg.kind.${k}`) })),
                kind,
                "",
              ],
            ] as const
          ).map(([name, label, options, value, className]) => (
            <FilterSelect
              key={name}
              name={name}
              label={label}
              options={options}
              defaultValue={value}
              error={errorOf(name)}
              className={className || undefined}
            />
          ))}
          {snapshotId ? <input type="hidden" name="snapshot" value={snapshotId} /> : null}
          <button type="submit" className="btn-secondary">
            {t("tg.show")}
          </button>
        </>
      )}
    </FilterForm>
  );
}
