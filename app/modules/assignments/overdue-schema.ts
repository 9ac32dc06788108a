// The cross-assignment overdue list ("Quá hạn"): its filter (URL search params, shared by the page and the
// XLSX/CSV resource routes). Its bulk actions are in intents.ts.
import { isUuid } from "~/utils/uuid";
import { z } from "zod";
import { listQuery } from "~/utils/paging";

export const OVERDUE_STATES = ["OVERDUE", "NOT_STARTED", "IN_PROGRESS", "DUE_SOON"] as const;
export type OverdueState = (typeof OVERDUE_STATES)[number];
/** "Due soon" reaches this many Vietnamese days ahead (today included). */
export const DUE_SOON_DAYS = 7;
export const DEFAULT_PAGE_SIZE = 50;
/** A selection larger than this is refused; "all results" has no such limit. */
export const MAX_SELECTED = 1000;

export const optionalUuid = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .refine((s) => s === "" || isUuid(s))
  .default("");

/** Filter from search params; a bad value falls back to its default (parseSearchParams drops it). */
export const overdueFilterSchema = listQuery(
  {
    agencyId: optionalUuid.catch(""),
    courseId: optionalUuid.catch(""),
    state: z.enum(OVERDUE_STATES).catch("OVERDUE").default("OVERDUE"),
  },
  DEFAULT_PAGE_SIZE,
);
export type OverdueFilter = z.infer<typeof overdueFilterSchema>;
