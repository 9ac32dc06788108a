// The one definition of a valid assignment (giao khóa học): the form and the service share it.
import { z } from "zod";
import { MAX_TAG } from "~/modules/people/schema";
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";
import { isUuid } from "~/utils/uuid";
import type { MessageKey } from "~/i18n";
import { dayProblem } from "~/utils/vn-calendar";
import { decimalInt, tagList, text } from "~/utils/zod-text";
import { endOfVnDay } from "./status";

const uuid = (message: MessageKey) => z.string({ error: message }).trim().refine(isUuid, message);

/** Due date: "dd/mm/yyyy" (or "yyyy-mm-dd") means the end of that day in Vietnam. A Date passes through. */
const dueAtSchema = z
  .union([z.string(), z.date()], { error: "assignments.dueInvalid" })
  .transform((v, ctx) => {
    if (v instanceof Date) return v;
    const d = endOfVnDay(v.trim());
    if (!d) {
      ctx.addIssue({ code: "custom", ...dayProblem(v, "assignments.dueFormat") });
      return z.NEVER;
    }
    return d;
  });

export const assignmentInputSchema = z
  .object({
    courseId: uuid("assignments.courseRequired"),
    agencyId: uuid("assignments.agencyInvalid").nullable().default(null),
    includeSubagencies: z.boolean().default(true),
    staffCategories: z.array(z.enum(STAFF_CATEGORIES, { error: "assignments.categoryInvalid" })).default([]),
    itRoles: z.array(z.enum(IT_ROLES, { error: "people.itRoleInvalid" })).default([]),
    headOfUnitOnly: z.boolean().default(false),
    tags: tagList(MAX_TAG, "people.tagTooLong").default([]),
    personIds: z
      .array(uuid("assignments.personInvalid"))
      .max(5000, "assignments.tooManyPeople")
      .default([])
      .transform((ids) => [...new Set(ids.map((s) => s.toLowerCase()))]),
    dueAt: dueAtSchema
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    dueDays: decimalInt("assignments.daysInteger", {
      min: [1, "assignments.daysRange"],
      max: [365, "assignments.daysRange"],
    })
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    standing: z.boolean().default(false),
    title: text().max(200, "assignments.titleTooLong").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (!v.agencyId && v.personIds.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["agencyId"],
        message: "assignments.audienceRequired",
      });
    if (!v.dueAt && !v.dueDays)
      ctx.addIssue({
        code: "custom",
        path: ["dueAt"],
        message: "assignments.dueRequired",
      });
  });

/** What callers pass (form values; a parsed value is accepted again). */
export type AssignmentInput = z.input<typeof assignmentInputSchema>;
/** After validation: dueAt a Date (end of the Vietnamese day) or null, dueDays a number or null. */
export type AssignmentData = z.output<typeof assignmentInputSchema>;
