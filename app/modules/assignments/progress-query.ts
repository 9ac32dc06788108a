// The assignment progress page's URL parameters and its downloads'. Pure: the page's filter form checks
// them in the browser with the schema its loader parses.
import { z } from "zod";
import { pagingFields } from "~/utils/paging";
import { LEARNER_STATUSES } from "./status";

/** The page's filters, as they arrive in the download link's query string. */
export const progressExportQuery = z.object({
  status: z.enum(["", ...LEARNER_STATUSES]).default(""),
  q: z.string().trim().max(100).default(""),
});

/** The page's search params: the export filters, paging, and `export` of old bookmarks. */
export const progressPageQuery = progressExportQuery.extend({
  ...pagingFields(50),
  export: z.enum(["", "xlsx", "csv"]).default(""),
});
export type ProgressPageQuery = z.infer<typeof progressPageQuery>;
