// The page-number window of the Pagination component and the page-size parameter's fallbacks and cap.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MAX_PAGE_SIZE, pageOf, pageRequest, pageWindow, pagingFields, sortParam } from "~/utils/paging";

/** 1 … 4 5 6 … 10 as a string, so each case reads like the rendered control. */
const show = (page: number, pages: number) =>
  pageWindow(page, pages)
    .map((i) => (i.kind === "gap" ? "…" : String(i.page)))
    .join(" ");

describe("pageWindow", () => {
  it("shows first, last, the neighbours of the current page and gaps between", () => {
    expect(show(1, 1)).toBe("1");
    expect(show(1, 2)).toBe("1 2");
    expect(show(1, 5)).toBe("1 2 … 5");
    expect(show(3, 5)).toBe("1 2 3 4 5");
    expect(show(5, 10)).toBe("1 … 4 5 6 … 10");
    expect(show(10, 10)).toBe("1 … 9 10");
    expect(show(750, 1500)).toBe("1 … 749 750 751 … 1500");
  });

  it("never hides a single page behind a gap", () => {
    expect(show(4, 10)).toBe("1 2 3 4 5 … 10");
    expect(show(7, 10)).toBe("1 … 6 7 8 9 10");
  });

  it("clamps a page outside the range and treats zero pages as one", () => {
    expect(show(99, 3)).toBe("1 2 3");
    expect(show(-2, 3)).toBe("1 2 3");
    expect(show(1, 0)).toBe("1");
  });

  it("has no duplicate or out-of-order pages for any position", () => {
    for (let pages = 1; pages <= 30; pages++)
      for (let page = 1; page <= pages; page++) {
        const nums = pageWindow(page, pages).flatMap((i) => (i.kind === "page" ? [i.page] : []));
        expect(nums).toEqual([...nums].sort((a, b) => a - b));
        expect(new Set(nums).size).toBe(nums.length);
        expect(nums).toContain(page);
        expect(nums[0]).toBe(1);
        expect(nums.at(-1)).toBe(pages);
      }
  });
});

describe("pagingFields", () => {
  const schema = z.object(pagingFields(50));
  it("defaults, accepts a size and caps a huge one", () => {
    expect(schema.parse({})).toEqual({ page: 1, pageSize: 50 });
    expect(schema.parse({ page: "3", pageSize: "200" })).toEqual({ page: 3, pageSize: 200 });
    expect(schema.parse({ pageSize: "999999" }).pageSize).toBe(MAX_PAGE_SIZE);
  });
  it("refuses what is not a positive whole number (the loader then falls back)", () => {
    for (const bad of ["0", "-5", "abc", "1.5", "1e400"])
      expect(schema.safeParse({ pageSize: bad }).success, bad).toBe(false);
  });
});

describe("pageRequest", () => {
  it("fills in the defaults and brings values into range", () => {
    expect(pageRequest({}, 25)).toEqual({ page: 1, pageSize: 25 });
    expect(pageRequest({ page: 2.7, pageSize: 10 }, 25)).toEqual({ page: 2, pageSize: 10 });
    expect(pageRequest({ page: -3, pageSize: 0 }, 25)).toEqual({ page: 1, pageSize: 1 });
    expect(pageRequest({ page: Number.NaN, pageSize: Infinity }, 25)).toEqual({ page: 1, pageSize: 25 });
    expect(pageRequest({ pageSize: 10 ** 9 }, 25).pageSize).toBe(MAX_PAGE_SIZE);
    expect(pageRequest({ pageSize: 10 ** 9 }, 25, 50_000).pageSize).toBe(50_000);
  });
});

describe("pageOf", () => {
  const all = Array.from({ length: 7 }, (_, i) => i);
  it("slices one page and keeps the total", () => {
    expect(pageOf(all, { page: 2, pageSize: 3 })).toEqual({
      page: 2,
      pageSize: 3,
      total: 7,
      rows: [3, 4, 5],
    });
    expect(pageOf(all, { page: 3, pageSize: 3 }).rows).toEqual([6]);
  });
  it("shows the last page for a page past the end, and page 1 of an empty list", () => {
    expect(pageOf(all, { page: 99, pageSize: 3 })).toMatchObject({ page: 3, rows: [6] });
    expect(pageOf([], { page: 5, pageSize: 3 })).toEqual({ page: 1, pageSize: 3, total: 0, rows: [] });
  });
});

describe("sortParam", () => {
  const sort = z.object({ sort: sortParam(["name", "email"], "name") });
  it("takes each column ascending or descending, defaults to the fallback", () => {
    expect(sort.parse({}).sort).toBe("name");
    expect(sort.parse({ sort: "-email" }).sort).toBe("-email");
  });
  it("refuses anything else (parseSearchParams then drops it)", () => {
    for (const bad of ["", "--name", "name ", "id", "-"])
      expect(sort.safeParse({ sort: bad }).success, bad).toBe(false);
  });
});
