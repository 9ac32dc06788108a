// The text search of a GET filter bar (a list, the nominate box): a labelled search input and its button,
// with room for a few more filters (a checkbox, a FilterSelect) before the button.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/utils/i18n";

export function SearchBox({
  label,
  defaultValue,
  name = "q",
  inputClassName = "input max-w-md",
  children,
}: {
  /** The input's label (read by screen readers) and its placeholder. */
  label: string;
  defaultValue: string;
  name?: string;
  inputClassName?: string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Form method="get" className="flex flex-wrap gap-2" role="search">
      <label htmlFor={name} className="sr-only">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="search"
        defaultValue={defaultValue}
        placeholder={label}
        className={inputClassName}
      />
      {children}
      <button type="submit" className="btn-secondary">
        {t("common.search")}
      </button>
    </Form>
  );
}
