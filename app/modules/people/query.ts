// The people list's URL parameters (its filter bar, its paging, its Excel export). Pure: the filter form
// checks them in the browser with the same schema the loader parses.
import { z } from "zod";
import { pagingFields } from "~/utils/paging";

export const peopleQuerySchema = z.object({
  q: z.string().trim().max(100).default(""),
  agency: z.string().trim().max(64).default(""),
  sub: z.enum(["0", "1"]).default("1"),
  status: z.enum(["active", "inactive", "all"]).default("active"),
  /** Sign-in status filter ("" = any). */
  account: z.enum(["", "none", "invited", "activated"]).default(""),
  sort: z.enum(["name", "-name", "email", "-email", "updated", "-updated"]).default("name"),
  ...pagingFields(20),
});
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;
