// The overdue list's bulk-action bar: what to apply to (the ticked rows or every result of the filter), the
// actions (remind and invite post to the page; the exports GET the resource routes) and the error of the
// last action, which the "apply to" group names for screen readers.
import { Link } from "@remix-run/react";
import { FormError } from "~/components/field";
import { useT } from "~/utils/i18n";

const ERROR_ID = "bulk-error";

export function OverdueActions({
  total,
  query,
  errors,
}: {
  total: number;
  /** The filter as a query string, for the download links. */
  query: string;
  errors: string[];
}) {
  const t = useT();
  const none = total === 0;
  const exportButton = (kind: "xlsx" | "csv") => (
    <button
      type="submit"
      name="intent"
      value={`export-${kind}`}
      formMethod="get"
      formAction={`/assignments/overdue.${kind}`}
      className="btn-secondary"
      disabled={none}
    >
      {t(kind === "xlsx" ? "ovd.exportXlsx" : "ovd.exportCsv")}
    </button>
  );
  const downloadLink = (kind: "xlsx" | "csv") => (
    <Link
      reloadDocument
      data-download
      to={`/assignments/overdue.${kind}?${query}`}
      className="text-red-800 underline"
    >
      {kind.toUpperCase()}
    </Link>
  );
  return (
    <>
      <div className="card flex flex-wrap items-center gap-x-4 gap-y-2">
        <fieldset
          role="radiogroup"
          aria-labelledby="bulk-target"
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={errors.length ? ERROR_ID : undefined}
          className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm"
        >
          <span id="bulk-target" className="font-medium">
            {t("ovd.target")}:
          </span>
          <label className="flex items-center gap-1">
            <input type="radio" name="target" value="selected" defaultChecked />
            {t("ovd.target.selected")}
          </label>
          <label className="flex items-center gap-1">
            <input type="radio" name="target" value="all" />
            {t("ovd.target.all", { count: total.toLocaleString("vi-VN") })}
          </label>
        </fieldset>
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value="remind" className="btn-primary" disabled={none}>
            {t("ovd.remind")}
          </button>
          <button type="submit" name="intent" value="invite" className="btn-secondary" disabled={none}>
            {t("ovd.invite")}
          </button>
          {exportButton("xlsx")}
          {exportButton("csv")}
        </div>
        <span className="flex gap-3 text-sm sm:ml-auto">
          {downloadLink("xlsx")}
          {downloadLink("csv")}
        </span>
      </div>
      <FormError id={ERROR_ID} message={errors.join(" ")} />
    </>
  );
}
