// The free-text search of a list page (a GET form through conform, with the schema its loader reads the
// search params with): one labelled box and its button. Other filters of the same form (checkboxes,
// FilterSelect) go in as children, before the button.
import type { ReactNode } from "react";
import type { z } from "zod";
import { useT } from "~/utils/i18n";
import { FilterForm } from "./filter-form";
import { FilterSearch } from "./filter-search";

export function SearchBar({
  schema,
  label,
  value,
  name = "q",
  placeholder = label,
  inputClassName = "max-w-md",
  className = "",
  children,
}: {
  /** The loader's search-params schema (from the route). */
  schema: z.ZodType;
  label: string;
  value: string;
  name?: string;
  placeholder?: string;
  inputClassName?: string;
  className?: string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <FilterForm schema={schema} className={`flex flex-wrap gap-2 ${className}`} role="search">
      {(errorOf) => (
        <>
          <FilterSearch
            label={label}
            name={name}
            defaultValue={value}
            placeholder={placeholder}
            hideLabel
            inputClassName={`input ${inputClassName}`}
            error={errorOf(name)}
          />
          {children}
          <button type="submit" className="btn-secondary">
            {t("common.search")}
          </button>
        </>
      )}
    </FilterForm>
  );
}
