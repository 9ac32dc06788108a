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

/** The rows a page covers, for Prisma's skip/take (and LIMIT/OFFSET in raw SQL). */
export function pageSlice({ page, pageSize }: PageRequest) {
  return { skip: (page - 1) * pageSize, take: pageSize };
}

/**
 * A page request from code rather than a URL (a module's optional arguments, an export asking for every row):
 * missing values take the defaults, and a value out of range is brought into it the way listQuery does.
 */
export function pageRequest(
  { page, pageSize }: Partial<PageRequest>,
  defaultPageSize: number,
  maxPageSize: number = MAX_PAGE_SIZE,
): PageRequest {
  const whole = (n: number | undefined, fallback: number) =>
    n === undefined || !Number.isFinite(n) ? fallback : Math.floor(n);
  return {
    page: Math.min(MAX_PAGE, Math.max(1, whole(page, 1))),
    pageSize: Math.min(maxPageSize, Math.max(1, whole(pageSize, defaultPageSize))),
  };
}

/**
 * One page of a list already in memory (sorted in Vietnamese order by the caller). A page past the end shows
 * the last page, and says so in `page`, as the Pagination component does.
 */
export function pageOf<T>(all: readonly T[], { page, pageSize }: PageRequest): Paged<T> {
  const last = Math.max(1, Math.ceil(all.length / pageSize));
  const current = Math.min(Math.max(1, page), last);
  return {
    page: current,
    pageSize,
    total: all.length,
    rows: all.slice((current - 1) * pageSize, current * pageSize),
  };
}

type Sort<K extends string> = K | `-${K}`;

/**
 * A `sort` search param over the given columns: `name` ascending, `-name` descending. An unknown value falls
 * back to the default (parseSearchParams drops it), never an error.
 */
export function sortParam<K extends string>(columns: readonly [K, ...K[]], fallback: Sort<K>) {
  const values = columns.flatMap((c) => [c, `-${c}`] as Sort<K>[]) as [Sort<K>, ...Sort<K>[]];
  // `as never`: zod cannot relate a generic enum to its values; each use has concrete columns.
  return z.enum(values).default(fallback as never);
}
