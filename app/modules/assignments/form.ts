// The "Giao khóa học mới" form: one schema for the browser (conform's client validation) and the action.
// Two typed intents: "preview" shows who the assignment reaches and what it overlaps; "confirm" creates it,
// carrying the token of the preview the coordinator saw (see new-assignment.server.ts). Messages are i18n
// keys (app/i18n/assignments.ts) so both locales show them.
import { z } from "zod";
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import { isoDay, parseDay, todayVn } from "~/utils/vn-calendar";
import { multilineText, text } from "~/utils/zod-text";

/** Today's date in Vietnam as yyyy-mm-dd (comparable as a string). */
export function vnToday(now: Date = new Date()): string {
  return todayVn(now);
}

/** "dd/mm/yyyy" (the DateInput) or "yyyy-mm-dd" (old links) → "yyyy-mm-dd", or null when not a real day. */
export function normaliseDay(value: string): string | null {
  const day = parseDay(value);
  return day ? isoDay(day) : null;
}

const fields = {
  courseId: z.string({ error: "asg.err.course" }).trim().max(64, "asg.err.course"),
  agencyId: z.string().trim().max(64).optional(),
  includeSubagencies: z.boolean().default(false),
  staffCategories: z.array(z.enum(STAFF_CATEGORIES)).max(STAFF_CATEGORIES.length).default([]),
  itRoles: z.array(z.enum(IT_ROLES)).max(IT_ROLES.length).default([]),
  headOfUnitOnly: z.boolean().default(false),
  // NUL and control characters are refused with the field's error (text() / multilineText()).
  tags: text().max(1000, "asg.err.tooLong").optional(),
  emails: multilineText().max(200_000, "asg.err.tooLong").optional(),
  dueAt: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return undefined;
      const day = normaliseDay(v);
      if (!day) {
        ctx.addIssue({ code: "custom", message: "asg.err.dueAtFormat" });
        return z.NEVER;
      }
      return day;
    }),
  // Plain decimal digits only: Number("0x10") would be 16.
  dueDays: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const n = /^\d{1,3}$/.test(v) ? Number(v) : NaN;
      if (!(n >= 1 && n <= 365)) {
        ctx.addIssue({ code: "custom", message: "asg.err.dueDays" });
        return z.NEVER;
      }
      return n;
    }),
  standing: z.boolean().default(false),
};

/**
 * A due date in the past is refused rather than confirmed: every member would be overdue at birth and the
 * next scheduler run would send all of them an "overdue" email (for 30,000 people, a typo in the year is a
 * mass mailing), while nothing is gained — completions count whatever the due date, and past training is
 * recorded through the completions import. Today is allowed (due at the end of the Vietnamese day).
 */
export function newAssignmentSchema(now: Date = new Date()) {
  const today = vnToday(now);
  return z
    .discriminatedUnion("intent", [
      // Checked while typing there is no submitter: the form is read as a preview (which changes nothing).
      z.object({ intent: z.literal("preview").default("preview"), ...fields }),
      z.object({ intent: z.literal("confirm"), ...fields, previewToken: z.string().max(128).default("") }),
    ])
    .superRefine((v, ctx) => {
      if (v.dueAt && v.dueAt < today)
        ctx.addIssue({ code: "custom", path: ["dueAt"], message: "asg.err.pastDue" });
      if (!v.dueAt && !v.dueDays)
        ctx.addIssue({ code: "custom", path: ["dueAt"], message: "asg.err.dueRequired" });
    });
}

export type NewAssignmentForm = z.output<ReturnType<typeof newAssignmentSchema>>;
