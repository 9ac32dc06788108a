// Forms of plans, targets and snapshots: one zod schema each, with the messages shown next to the fields.
import { z } from "zod";
import { dayProblem } from "~/utils/vn-calendar";
import { decimalInt, text } from "~/utils/zod-text";
import { endOfDayVn, parseDay, startOfDayVn } from "./dates";

// A typed day: dd/mm/yyyy (or yyyy-mm-dd); "31/02/2026" gets its own message, not the format one.
const day = (message: string) =>
  text(message).superRefine((s, ctx) => {
    if (parseDay(s) === null) ctx.addIssue({ code: "custom", message: s ? dayProblem(s, message) : message });
  });

const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === null || v === "" ? [] : [v]);

export const snapshotFormSchema = z
  .object({
    plan: z.string().uuid("Kế hoạch không hợp lệ."),
    period: z.enum(["Q1", "H1", "Q3", "YEAR", "CUSTOM"], { error: "Vui lòng chọn kỳ báo cáo." }),
    year: decimalInt("Năm không hợp lệ.", {
      min: [2000, "Năm không hợp lệ."],
      max: [2100, "Năm không hợp lệ."],
    }),
    date: text().optional().default(""),
    label: text().max(120, "Tên gọi dài quá 120 ký tự.").optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.period === "CUSTOM" && parseDay(v.date) === null)
      ctx.addIssue({
        code: "custom",
        path: ["date"],
        message: v.date ? dayProblem(v.date) : "Vui lòng nhập ngày theo dạng dd/mm/yyyy.",
      });
  });

export const planFormSchema = z.object({
  documentNumber: text().min(1, "Vui lòng nhập số hiệu văn bản.").max(80, "Số hiệu dài quá 80 ký tự."),
  title: text().min(1, "Vui lòng nhập tên kế hoạch.").max(300, "Tên kế hoạch dài quá 300 ký tự."),
  issuer: text().min(1, "Vui lòng nhập cơ quan ban hành.").max(200, "Tên cơ quan dài quá 200 ký tự."),
  year: decimalInt("Năm không hợp lệ.", {
    min: [2000, "Năm không hợp lệ."],
    max: [2100, "Năm không hợp lệ."],
  }),
  period: text().max(60, "Giai đoạn dài quá 60 ký tự.").optional().default(""),
  agencyId: z.string().uuid("Vui lòng chọn đơn vị."),
  startsAt: day("Vui lòng nhập ngày bắt đầu theo dạng dd/mm/yyyy.").transform((s) =>
    startOfDayVn(parseDay(s)!),
  ),
  active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});
export type PlanForm = z.infer<typeof planFormSchema>;

const STAFF = ["CAN_BO", "CONG_CHUC", "VIEN_CHUC", "NGUOI_LAO_DONG"] as const;
const IT = ["NONE", "FULL_TIME", "PART_TIME"] as const;

export const targetFormSchema = z.object({
  code: text()
    .min(1, "Vui lòng nhập mã chỉ tiêu.")
    .max(40, "Mã chỉ tiêu dài quá 40 ký tự.")
    .regex(/^[A-Za-z0-9._-]+$/, "Mã chỉ tiêu chỉ gồm chữ không dấu, số, dấu chấm, gạch."),
  title: text().min(1, "Vui lòng nhập nội dung chỉ tiêu.").max(300, "Nội dung dài quá 300 ký tự."),
  position: decimalInt("Thứ tự không hợp lệ.", {
    min: [0, "Thứ tự không hợp lệ."],
    max: [999, "Thứ tự không hợp lệ."],
  }).default(0),
  agencyId: z.preprocess(
    (v) => (v === "" ? null : v),
    z.string().uuid("Đơn vị không hợp lệ.").nullable().default(null),
  ),
  staffCategories: z.preprocess(list, z.array(z.enum(STAFF, { error: "Đối tượng không hợp lệ." }))),
  itRoles: z.preprocess(list, z.array(z.enum(IT, { error: "Vai trò CNTT không hợp lệ." }))),
  headOfUnitOnly: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  tags: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/[,;]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : list(v),
    z.array(text().max(60, "Nhãn dài quá 60 ký tự.")).max(10, "Tối đa 10 nhãn."),
  ),
  topics: z.preprocess(
    list,
    z.array(text().min(1).max(100, "Chủ đề dài quá 100 ký tự.")).min(1, "Vui lòng chọn ít nhất một chủ đề."),
  ),
  targetPercent: decimalInt("Chỉ tiêu phải là số nguyên từ 1 đến 100.", {
    min: [1, "Chỉ tiêu phải từ 1 đến 100 (%)."],
    max: [100, "Chỉ tiêu phải từ 1 đến 100 (%)."],
  }),
  deadline: day("Vui lòng nhập hạn hoàn thành theo dạng dd/mm/yyyy.").transform((s) => {
    const [y, m, d] = parseDay(s)!;
    return endOfDayVn(y, m, d);
  }),
});
export type TargetForm = z.infer<typeof targetFormSchema>;

/** Multi-value form fields (checkboxes) as arrays, the rest as strings. */
export function formValues(form: FormData, multi: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) out[key] = multi.includes(key) ? form.getAll(key) : form.get(key);
  return out;
}
