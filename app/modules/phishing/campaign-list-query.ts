// The campaign list's search params (the loader reads them, the filter form checks them in the browser).
import { z } from "zod";
import { listQuery, sortParam } from "~/utils/paging";

export const CAMPAIGN_STATUSES = [
  "DRAFT",
  "PENDING_APPROVAL",
  "SCHEDULED",
  "RUNNING",
  "PAUSED",
  "STOPPED",
  "FINISHED",
] as const;

export const campaignListQuery = listQuery(
  {
    q: z.string().trim().max(200, "phc.err.searchTooLong").default(""),
    status: z.enum(CAMPAIGN_STATUSES).or(z.literal("")).default(""),
    sort: sortParam(["name", "status", "window", "audience", "created"] as const, "-created"),
  },
  50,
);
