// Paging shared by every list: the page-size choices, the `page`/`pageSize` URL parameters and the window of
// page numbers the Pagination component shows. Pure, so the browser and the server agree.
import { z } from "zod";

export const PAGE_SIZES = [20, 50, 100, 200] as const;
/** The most rows one page may hold: a larger `pageSize` is capped to this, never refused with a 500. */
export const MAX_PAGE_SIZE = 200;
export const MAX_PAGE = 100_000;

/**
 * `page` and `pageSize` search params. A value that is not a whole number falls back to the default (through
 * parseSearchParams, which drops only the offending key); a pageSize above MAX_PAGE_SIZE is capped, so a
 * hand-edited URL gets the biggest page there is instead of an error.
 */
export function pagingFields(defaultPageSize: number) {
  return {
    page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .default(defaultPageSize)
      .transform((n) => Math.min(n, MAX_PAGE_SIZE)),
  };
}

export type PageItem = { kind: "page"; page: number } | { kind: "gap"; key: string };

/**
 * The page numbers to show: always the first and last, `around` pages either side of the current one, and a
 * gap (…) wherever pages are skipped. A gap never hides a single page: that page is shown instead.
 */
export function pageWindow(page: number, pages: number, around = 1): PageItem[] {
  const last = Math.max(1, pages);
  const current = Math.min(Math.max(1, page), last);
  const wanted = new Set<number>([1, last]);
  for (let p = current - around; p <= current + around; p++) if (p >= 1 && p <= last) wanted.add(p);
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: PageItem[] = [];
  let prev = 0;
  for (const p of sorted) {
    if (p - prev === 2) out.push({ kind: "page", page: p - 1 });
    else if (p - prev > 2) out.push({ kind: "gap", key: `gap-${prev}` });
    out.push({ kind: "page", page: p });
    prev = p;
  }
  return out;
}

/** A list's search params: its own filters plus page and pageSize (parse with parseSearchParams). */
export function listQuery<S extends z.ZodRawShape>(filters: S, defaultPageSize: number) {
  return z.object({ ...filters, ...pagingFields(defaultPageSize) });
}

export type PageRequest = { page: number; pageSize: number };
/** One page of a list, as loaders return it and <Pagination {...list} /> reads it. */
export type Paged<T> = PageRequest & { total: number; rows: T[] };

/** The rows a page covers, for Prisma's skip/take. */
export function pageSlice({ page, pageSize }: PageRequest) {
  return { skip: (page - 1) * pageSize, take: pageSize };
}
