// The one definition of a valid assignment (giao khóa học): the form and the service share it.
import { z } from "zod";
import { IT_ROLES, MAX_TAG, STAFF_CATEGORIES, isUuid } from "~/modules/people/schema";
import { dayProblem } from "~/utils/vn-calendar";
import { decimalInt, tagList, text } from "~/utils/zod-text";
import { endOfVnDay } from "./status";

const uuid = (message: string) => z.string({ error: message }).trim().refine(isUuid, message);

/** Due date: "dd/mm/yyyy" (or "yyyy-mm-dd") means the end of that day in Vietnam. A Date passes through. */
const dueAtSchema = z
  .union([z.string(), z.date()], { error: "Hạn hoàn thành không hợp lệ." })
  .transform((v, ctx) => {
    if (v instanceof Date) return v;
    const d = endOfVnDay(v.trim());
    if (!d) {
      ctx.addIssue({
        code: "custom",
        message: dayProblem(v, "Hạn hoàn thành phải theo dạng dd/mm/yyyy, ví dụ 31/12/2026."),
      });
      return z.NEVER;
    }
    return d;
  });

export const assignmentInputSchema = z
  .object({
    courseId: uuid("Vui lòng chọn khóa học."),
    agencyId: uuid("Đơn vị không hợp lệ.").nullable().default(null),
    includeSubagencies: z.boolean().default(true),
    staffCategories: z.array(z.enum(STAFF_CATEGORIES, { error: "Đối tượng không hợp lệ." })).default([]),
    itRoles: z.array(z.enum(IT_ROLES, { error: "Vai trò CNTT không hợp lệ." })).default([]),
    headOfUnitOnly: z.boolean().default(false),
    tags: tagList(MAX_TAG, `Mỗi nhãn tối đa ${MAX_TAG} ký tự.`).default([]),
    personIds: z
      .array(uuid("Cán bộ được chọn không hợp lệ."))
      .max(5000, "Tối đa 5.000 cán bộ được chọn đích danh.")
      .default([])
      .transform((ids) => [...new Set(ids.map((s) => s.toLowerCase()))]),
    dueAt: dueAtSchema
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    dueDays: decimalInt("Số ngày phải là số nguyên.", {
      min: [1, "Số ngày phải từ 1 đến 365."],
      max: [365, "Số ngày phải từ 1 đến 365."],
    })
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    standing: z.boolean().default(false),
    title: text().max(200, "Tiêu đề tối đa 200 ký tự.").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (!v.agencyId && v.personIds.length === 0)
      ctx.addIssue({
        code: "custom",
        path: ["agencyId"],
        message: "Vui lòng chọn đơn vị hoặc cán bộ được giao.",
      });
    if (!v.dueAt && !v.dueDays)
      ctx.addIssue({
        code: "custom",
        path: ["dueAt"],
        message: "Vui lòng nhập hạn hoàn thành (ngày cụ thể hoặc số ngày).",
      });
  });

/** What callers pass (form values; a parsed value is accepted again). */
export type AssignmentInput = z.input<typeof assignmentInputSchema>;
/** After validation: dueAt a Date (end of the Vietnamese day) or null, dueDays a number or null. */
export type AssignmentData = z.output<typeof assignmentInputSchema>;
