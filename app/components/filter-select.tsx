// A labelled <select> of a GET filter form (lists and dashboards): one place for the label, the options and
// the "all" choice, so every filter bar is built the same way.
import type { ReactNode } from "react";
import { FilterError } from "./filter-search";

export type FilterOption = { value: string; label: ReactNode };

export function FilterSelect({
  name,
  label,
  options,
  defaultValue,
  allLabel,
  className,
  error,
  children,
}: {
  name: string;
  label: ReactNode;
  options: readonly FilterOption[];
  defaultValue?: string;
  /** Adds a first option with the empty value ("all agencies", "every state"). */
  allLabel?: ReactNode;
  className?: string;
  /** The filter form's error for this select (FilterForm's errorOf). */
  error?: string;
  /** Shown under the select (e.g. an "only this agency" checkbox). */
  children?: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={name} className="label">
        {label}
      </label>
      <select
        id={name}
        name={name}
        defaultValue={defaultValue}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      >
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FilterError name={name} error={error} />
      {children}
    </div>
  );
}

/** Options from rows with an id and a label (agencies, courses, plans). */
export const optionsOf = <R extends { id: string }>(
  rows: readonly R[],
  label: (r: R) => ReactNode,
): FilterOption[] => rows.map((r) => ({ value: r.id, label: label(r) }));
