// The free-text search of a list page (a GET form, not a conform form): one labelled box and its button.
// Other filters of the same form (checkboxes, FilterSelect) go in as children, before the button.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/utils/i18n";
import { FilterSearch } from "./filter-search";

export function SearchBar({
  label,
  value,
  name = "q",
  placeholder = label,
  inputClassName = "max-w-md",
  className = "",
  children,
}: {
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
    <Form method="get" className={`flex flex-wrap gap-2 ${className}`} role="search">
      <FilterSearch
        label={label}
        name={name}
        defaultValue={value}
        placeholder={placeholder}
        hideLabel
        inputClassName={`input ${inputClassName}`}
      />
      {children}
      <button type="submit" className="btn-secondary">
        {t("common.search")}
      </button>
    </Form>
  );
}
