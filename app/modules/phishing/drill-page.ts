// What the public drill pages (teachable page, thank-you page) answer with: no referrer leaves them, search
// engines skip them, and no cache keeps them.
export const DRILL_PAGE_HEADERS = {
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
  "Cache-Control": "no-store",
} as const;

export const drillPageMeta = () => [
  { title: "Học ATTT" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];
