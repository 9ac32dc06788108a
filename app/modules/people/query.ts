// The people list's URL parameters (its filter bar, its paging, its Excel export). Pure: the filter form
// checks them in the browser with the same schema the loader parses.
import { z } from "zod";
import { pagingFields, sortParam } from "~/utils/paging";

/** The columns the list sorts by (`name` ascending, `-name` descending). */
export const PEOPLE_SORT_COLUMNS = ["name", "email", "updated"] as const;

export const peopleQuerySchema = z.object({
  q: z.string().trim().max(100).default(""),
  agency: z.string().trim().max(64).default(""),
  sub: z.enum(["0", "1"]).default("1"),
  status: z.enum(["active", "inactive", "all"]).default("active"),
  /** Sign-in status filter ("" = any). */
  account: z.enum(["", "none", "invited", "activated"]).default(""),
  sort: sortParam(PEOPLE_SORT_COLUMNS, "name"),
  ...pagingFields(20),
});
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;
