import { Link, useLocation, useSubmit } from "@remix-run/react";
import { z } from "zod";
import { PAGE_SIZES, pageWindow, pagingFields } from "~/utils/paging";
import { useT } from "~/utils/i18n";
import { FilterForm } from "./filter-form";

/** A list whose loader's schema is not at hand: the paging fields, the other params kept as they are. */
const PAGING_ONLY = z.looseObject(pagingFields(PAGE_SIZES[0]));

const box =
  "inline-flex min-h-9 min-w-9 items-center justify-center rounded-md border px-2 text-sm tabular-nums";
const link = `${box} border-slate-300 bg-white text-slate-800 hover:border-red-300 hover:bg-red-50`;
const off = `${box} border-slate-200 bg-white text-slate-500`;

/**
 * Page links (first, previous, numbered pages with gaps, next, last) and a page-size choice. Every link
 * keeps the other search params (filters, sort); changing the page size goes back to page 1. The page-size
 * form goes through conform with the list's search-params schema (the loader's, passed by the route).
 */
export function Pagination({
  page,
  pageSize,
  total,
  pageSizes = PAGE_SIZES,
  schema = PAGING_ONLY,
  param = "page",
}: {
  page: number;
  pageSize: number;
  total: number;
  pageSizes?: readonly number[];
  schema?: z.ZodType;
  /** The URL parameter of the page number, `${param}Size` that of the page size: several lists on a page. */
  param?: string;
}) {
  const t = useT();
  const location = useLocation();
  const submit = useSubmit();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const params = new URLSearchParams(location.search);
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    next.set(param, String(p));
    return `${location.pathname}?${next}`;
  };
  const sizeParam = `${param}Size`;
  const kept = [...params.entries()].filter(([k]) => k !== param && k !== sizeParam);
  const sizes = [...new Set([...pageSizes, pageSize])].sort((a, b) => a - b);
  const from = total === 0 ? 0 : (current - 1) * pageSize + 1;
  const to = Math.min(total, current * pageSize);
  const fmt = (n: number) => n.toLocaleString("vi-VN");

  const step = (target: number, enabled: boolean, label: string, symbol: string, rel?: string) =>
    enabled ? (
      <Link className={link} to={href(target)} rel={rel} aria-label={label} title={label}>
        <span aria-hidden="true">{symbol}</span>
      </Link>
    ) : (
      <span className={off} aria-hidden="true">
        {symbol}
      </span>
    );

  return (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-600" aria-live="polite">
        {total > pageSize
          ? t("paging.range", { from: fmt(from), to: fmt(to), count: fmt(total) })
          : t("common.total", { count: fmt(total) })}
      </p>
      {pages > 1 ? (
        <nav aria-label={t("paging.label")}>
          <ul className="flex flex-wrap items-center gap-1">
            <li>{step(1, current > 1, t("paging.first"), "«")}</li>
            <li>{step(current - 1, current > 1, t("common.prev"), "‹", "prev")}</li>
            {pageWindow(current, pages).map((item) =>
              item.kind === "gap" ? (
                <li key={item.key} className="px-1 text-slate-600" aria-hidden="true">
                  …
                </li>
              ) : (
                <li key={item.page}>
                  {item.page === current ? (
                    <span
                      className={`${box} border-red-700 bg-red-700 font-semibold text-white`}
                      aria-current="page"
                      aria-label={t("paging.pageN", { page: item.page })}
                    >
                      {fmt(item.page)}
                    </span>
                  ) : (
                    <Link
                      className={link}
                      to={href(item.page)}
                      aria-label={t("paging.pageN", { page: item.page })}
                    >
                      {fmt(item.page)}
                    </Link>
                  )}
                </li>
              ),
            )}
            <li>{step(current + 1, current < pages, t("common.next"), "›", "next")}</li>
            <li>{step(pages, current < pages, t("paging.last"), "»")}</li>
          </ul>
        </nav>
      ) : null}
      {total > sizes[0] ? (
        <FilterForm schema={schema} action={location.pathname} className="flex items-center gap-2">
          {kept.map(([k, v], i) => (
            <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
          ))}
          <label htmlFor={sizeParam} className="text-slate-600">
            {t("paging.pageSize")}
          </label>
          <select
            id={sizeParam}
            name={sizeParam}
            className="input w-auto py-1"
            defaultValue={String(pageSize)}
            key={pageSize}
            onChange={(e) => submit(e.currentTarget.form)}
          >
            {sizes.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <noscript>
            <button type="submit" className="btn-secondary">
              {t("paging.apply")}
            </button>
          </noscript>
        </FilterForm>
      ) : null}
    </div>
  );
}
