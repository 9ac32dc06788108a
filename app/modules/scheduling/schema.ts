// The one definition of a valid class or drill (lớp tập huấn / diễn tập): the forms and the service share it.
import { z } from "zod";
import { IT_ROLES, isUuid } from "~/modules/people/schema";
import { decimalInt, multilineText, tagList, text } from "~/utils/zod-text";
import { formatVnDateTime, parseVnDateTime, selfOverlap } from "./time";

export const OFFERING_KINDS = ["CLASS", "DRILL"] as const;
export const MAX_SESSIONS = 30;

const uuid = (message: string) => z.string({ error: message }).trim().refine(isUuid, message);

/** Vietnam wall-clock "yyyy-mm-ddThh:mm" → Date (a Date passes through, for services and tests). */
const vnDateTime = (message: string) =>
  z.union([z.string(), z.date()], { error: message }).transform((v, ctx) => {
    if (v instanceof Date) return v;
    const d = parseVnDateTime(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return d;
  });

const optionalVnDateTime = (message: string) =>
  z
    .union([z.literal(""), z.null(), vnDateTime(message)])
    .optional()
    .transform((v) => (v instanceof Date ? v : null));

const httpUrl = text()
  .max(500, "Đường dẫn tối đa 500 ký tự.")
  .refine(
    (s) => s === "" || /^https?:\/\/[^\s]+$/i.test(s),
    "Đường dẫn trực tuyến phải bắt đầu bằng http:// hoặc https://.",
  )
  .transform((s) => s || null);

export const sessionInputSchema = z
  .object({
    id: z
      .string()
      .trim()
      .optional()
      .transform((s) => (s && isUuid(s) ? s.toLowerCase() : null)),
    title: text().max(200, "Tên buổi tối đa 200 ký tự.").default(""),
    startsAt: vnDateTime("Thời gian bắt đầu không hợp lệ (ngày giờ Việt Nam)."),
    endsAt: vnDateTime("Thời gian kết thúc không hợp lệ (ngày giờ Việt Nam)."),
    venue: text().max(300, "Địa điểm tối đa 300 ký tự.").default(""),
    onlineUrl: httpUrl.optional().transform((v) => v ?? null),
  })
  .superRefine((s, ctx) => {
    if (s.endsAt.getTime() <= s.startsAt.getTime())
      ctx.addIssue({
        code: "custom",
        path: ["endsAt"],
        message: "Thời gian kết thúc phải sau thời gian bắt đầu.",
      });
    if (!s.venue && !s.onlineUrl)
      ctx.addIssue({
        code: "custom",
        path: ["venue"],
        message: "Vui lòng nhập địa điểm hoặc đường dẫn trực tuyến.",
      });
  });

export const quotaInputSchema = z.object({
  agencyId: uuid("Đơn vị được phân bổ chỉ tiêu không hợp lệ."),
  seats: decimalInt("Số chỗ phân bổ phải là số nguyên.", {
    min: [0, "Số chỗ phân bổ không được âm."],
    max: [10_000, "Số chỗ phân bổ quá lớn."],
  }),
});

export const offeringInputSchema = z
  .object({
    kind: z.enum(OFFERING_KINDS, { error: "Vui lòng chọn lớp học hoặc diễn tập." }),
    title: text().min(1, "Vui lòng nhập tên lớp / diễn tập.").max(200, "Tên tối đa 200 ký tự."),
    description: multilineText().max(4000, "Mô tả tối đa 4.000 ký tự.").default(""),
    courseId: z
      .union([z.literal(""), z.null(), uuid("Khóa học liên kết không hợp lệ.")])
      .optional()
      .transform((v) => v || null),
    topics: tagList(100, "Mỗi chủ đề tối đa 100 ký tự.").default([]),
    audienceItRoles: z.array(z.enum(IT_ROLES, { error: "Vai trò CNTT không hợp lệ." })).default([]),
    audienceTags: tagList(60, "Mỗi nhãn tối đa 60 ký tự.").default([]),
    organiserAgencyId: uuid("Vui lòng chọn đơn vị tổ chức."),
    capacity: decimalInt("Số chỗ phải là số nguyên.", {
      min: [1, "Số chỗ phải từ 1 trở lên."],
      max: [10_000, "Số chỗ tối đa 10.000."],
    }),
    registrationOpensAt: optionalVnDateTime("Ngày mở đăng ký không hợp lệ."),
    registrationClosesAt: optionalVnDateTime("Ngày đóng đăng ký không hợp lệ."),
    attendanceThreshold: decimalInt("Tỷ lệ chuyên cần phải là số nguyên.", {
      min: [1, "Tỷ lệ chuyên cần từ 1 đến 100%."],
      max: [100, "Tỷ lệ chuyên cần từ 1 đến 100%."],
    }).default(100),
    requiresPostTest: z.boolean().default(false),
    validityMonths: z
      .union([z.literal(""), z.null(), decimalInt().pipe(z.number().min(1).max(120))], {
        error: "Thời hạn hiệu lực từ 1 đến 120 tháng.",
      })
      .optional()
      .transform((v) => (typeof v === "number" ? v : null)),
    instructorIds: z
      .array(uuid("Giảng viên không hợp lệ."))
      .max(20, "Tối đa 20 giảng viên.")
      .default([])
      .transform((ids) => [...new Set(ids.map((s) => s.toLowerCase()))]),
    quotas: z.array(quotaInputSchema).max(300).default([]),
    sessions: z
      .array(sessionInputSchema)
      .min(1, "Cần ít nhất một buổi.")
      .max(MAX_SESSIONS, `Tối đa ${MAX_SESSIONS} buổi.`),
  })
  .superRefine((v, ctx) => {
    const clash = selfOverlap(v.sessions);
    if (clash)
      ctx.addIssue({
        code: "custom",
        path: ["sessions"],
        message: `Hai buổi trùng giờ nhau (${formatVnDateTime(clash[0].startsAt)} và ${formatVnDateTime(clash[1].startsAt)}).`,
      });
    if (v.registrationOpensAt && v.registrationClosesAt && v.registrationClosesAt <= v.registrationOpensAt)
      ctx.addIssue({
        code: "custom",
        path: ["registrationClosesAt"],
        message: "Ngày đóng đăng ký phải sau ngày mở đăng ký.",
      });
    const agencies = v.quotas.map((q) => q.agencyId.toLowerCase());
    if (new Set(agencies).size !== agencies.length)
      ctx.addIssue({
        code: "custom",
        path: ["quotas"],
        message: "Mỗi đơn vị chỉ được phân bổ chỉ tiêu một lần.",
      });
    const reserved = v.quotas.reduce((sum, q) => sum + q.seats, 0);
    if (reserved > v.capacity)
      ctx.addIssue({
        code: "custom",
        path: ["quotas"],
        message: `Tổng chỉ tiêu phân bổ (${reserved}) vượt quá số chỗ của lớp (${v.capacity}).`,
      });
  });

export type OfferingInput = z.input<typeof offeringInputSchema>;
export type OfferingData = z.output<typeof offeringInputSchema>;
export type SessionData = z.output<typeof sessionInputSchema>;

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  onError: (message: string, field?: string) => never,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // Sessions show their own errors (sessions.2.venue); an item of another list shows at the list (topics).
  const field = issue.path[0] === "sessions" ? issue.path.join(".") : String(issue.path[0] ?? "");
  return onError(issue.message, field || undefined);
}
