// The search params of /phishing/<id>/results, shared by its loader and its filter form (no server code).
import { z } from "zod";
import { pagingFields } from "~/utils/paging";

export const RESULTS_SORTS = ["prone", "report", "tree"] as const;
export type ResultsSort = (typeof RESULTS_SORTS)[number];

export const resultsQuery = z.object({
  agency: z.string().optional(),
  q: z.string().trim().max(200).default(""),
  sort: z.enum(RESULTS_SORTS).default("prone"),
  ...pagingFields(50),
});
export type ResultsQuery = z.infer<typeof resultsQuery>;

/** The agency picker of /phishing/results. */
export const trendQuery = z.object({ agency: z.string().optional() });
