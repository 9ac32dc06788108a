// The cross-assignment overdue list ("Quá hạn"): its filter (URL search params, shared by the page and the
// XLSX/CSV resource routes) and its bulk-action form (one schema for client and server, typed intents).
import { isUuid, UUID_PATTERN } from "~/utils/uuid";
import { z } from "zod";
import { pagingFields } from "~/utils/paging";

export const OVERDUE_STATES = ["OVERDUE", "NOT_STARTED", "IN_PROGRESS", "DUE_SOON"] as const;
export type OverdueState = (typeof OVERDUE_STATES)[number];
/** "Due soon" reaches this many Vietnamese days ahead (today included). */
export const DUE_SOON_DAYS = 7;
export const DEFAULT_PAGE_SIZE = 50;
/** A selection larger than this is refused; "all results" has no such limit. */
export const MAX_SELECTED = 1000;

const optionalUuid = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .refine((s) => s === "" || isUuid(s))
  .default("");

/** Filter from search params; a bad value falls back to its default (parseSearchParams drops it). */
export const overdueFilterSchema = z.object({
  agencyId: optionalUuid.catch(""),
  courseId: optionalUuid.catch(""),
  state: z.enum(OVERDUE_STATES).catch("OVERDUE").default("OVERDUE"),
  // The same paging parameters as every list (the Pagination component offers the page sizes).
  ...pagingFields(DEFAULT_PAGE_SIZE),
});
export type OverdueFilter = z.infer<typeof overdueFilterSchema>;

const filterFields = {
  agencyId: optionalUuid,
  courseId: optionalUuid,
  state: z.enum(OVERDUE_STATES).default("OVERDUE"),
};

const target = z.object({
  ...filterFields,
  target: z.enum(["selected", "all"], { error: "ovd.targetRequired" }),
  ids: z
    .array(z.string().trim().regex(UUID_PATTERN, "ovd.badRow"))
    .max(MAX_SELECTED, "ovd.tooMany")
    .default([]),
});

/**
 * The bulk-action form: remind, invite to sign in (POST), export (GET to the resource routes). Messages are
 * i18n keys (app/i18n/coordinator.ts), rendered in the reader's locale by `formatIssues`.
 */
export const bulkActionSchema = z
  .discriminatedUnion("intent", [
    target.extend({ intent: z.literal("remind") }),
    target.extend({ intent: z.literal("invite") }),
    target.extend({ intent: z.literal("export-xlsx") }),
    target.extend({ intent: z.literal("export-csv") }),
  ])
  .superRefine((v, ctx) => {
    if (v.target === "selected" && v.ids.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["ids"],
        message: "ovd.nothingSelected",
      });
  });
export type BulkAction = z.infer<typeof bulkActionSchema>;

/** zod issues → messages in `translate`'s locale; a message that is not one of our keys becomes "ovd.invalid". */
export function formatIssues(translate: (key: BulkMessageKey) => string) {
  return (issues: { message: string }[]) =>
    issues.map((i) =>
      translate(
        (BULK_MESSAGES as readonly string[]).includes(i.message)
          ? (i.message as BulkMessageKey)
          : "ovd.invalid",
      ),
    );
}
const BULK_MESSAGES = [
  "ovd.targetRequired",
  "ovd.badRow",
  "ovd.tooMany",
  "ovd.nothingSelected",
  "ovd.invalid",
] as const;
type BulkMessageKey = (typeof BULK_MESSAGES)[number];
