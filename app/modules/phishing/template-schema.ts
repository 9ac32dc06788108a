// The drill template format (content/phishing/<code>/template.yaml): a zod schema with Vietnamese messages.
// Pure; the checks that read the HTML files and the other folders live in template-load.server.ts.
import { z } from "zod";

/** Top-level domains reserved for documentation and tests: a drill never names a real site (RFC 2606). */
export const FICTITIOUS_TLDS = ["example", "test", "invalid"] as const;

export const RED_FLAG_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const TEMPLATE_CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The lesson is read on the teachable page in about two minutes: bounds on its length, in words. */
export const LESSON_MIN_WORDS = 150;
export const LESSON_MAX_WORDS = 600;

/** True when `host` ends in one of the reserved top-level domains (and has a name before it). */
export function isFictitiousHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  const labels = h.split(".");
  return (
    labels.length >= 2 &&
    labels.every(Boolean) &&
    (FICTITIOUS_TLDS as readonly string[]).includes(labels.at(-1)!)
  );
}

const need =
  (what: string, expected: string) =>
  (iss: { input?: unknown }): string =>
    iss.input === undefined ? `thiếu ${what}` : `${what} phải là ${expected}`;

const text = (what: string) =>
  z
    .string({ error: need(what, "một chuỗi") })
    .trim()
    .min(1, `${what} không được để trống`);

const ADDRESS = /^[a-z0-9._%+-]+@([a-z0-9-]+(\.[a-z0-9-]+)+)$/i;

export const redFlagSchema = z.strictObject(
  {
    id: z
      .string({ error: need("mã dấu hiệu (id)", "một chuỗi") })
      .regex(RED_FLAG_ID_PATTERN, "mã dấu hiệu (id) chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang"),
    title: text("tên dấu hiệu (title)"),
    explanation: text("giải thích (explanation)"),
  },
  { error: "mỗi dấu hiệu phải là một đối tượng {id, title, explanation}" },
);

export const sourceSchema = z.strictObject(
  {
    url: z.url({ error: "url phải là một địa chỉ http(s) đầy đủ" }),
    fact: text("điều đã kiểm chứng (fact)"),
  },
  { error: "mỗi nguồn phải là một đối tượng {url, fact}" },
);

export const templateFileSchema = z.strictObject({
  title: text("tên mẫu (title)"),
  sender_name: text("tên người gửi (sender_name)"),
  sender_address: z
    .string({ error: need("địa chỉ người gửi (sender_address)", "một chuỗi") })
    .trim()
    .regex(ADDRESS, "địa chỉ người gửi (sender_address) phải có dạng ten@mien.example")
    .refine(
      (a) => isFictitiousHost(a.split("@")[1] ?? ""),
      `tên miền người gửi phải là tên miền giả lập (đuôi ${FICTITIOUS_TLDS.map((t) => "." + t).join(", ")})`,
    ),
  subject: text("tiêu đề thư (subject)"),
  difficulty: z
    .int({ error: need("độ khó (difficulty)", "số nguyên 1, 2 hoặc 3") })
    .min(1, "độ khó (difficulty) phải là 1, 2 hoặc 3")
    .max(3, "độ khó (difficulty) phải là 1, 2 hoặc 3"),
  red_flags: z
    .array(redFlagSchema, { error: need("danh sách dấu hiệu (red_flags)", "một danh sách") })
    .min(1, "cần ít nhất một dấu hiệu nhận biết (red_flags)")
    .superRefine(
      (flags, ctx) => {
        const first = new Map<string, number>();
        flags.forEach((f, i) => {
          const id = (f as { id?: unknown } | null)?.id;
          if (typeof id !== "string") return;
          const j = first.get(id);
          if (j === undefined) first.set(id, i);
          else
            ctx.addIssue({
              code: "custom",
              path: [i, "id"],
              message: `mã dấu hiệu "${id}" bị lặp (trùng với red_flags[${j}])`,
            });
        });
      },
      { when: (p) => Array.isArray(p.value) },
    ),
  lesson: text("bài học ngắn (lesson)").refine(
    (s) => {
      const n = wordCount(s);
      return n >= LESSON_MIN_WORDS && n <= LESSON_MAX_WORDS;
    },
    {
      error: (iss) =>
        `bài học ngắn (lesson) cần khoảng 2 phút đọc: ${LESSON_MIN_WORDS}–${LESSON_MAX_WORDS} từ (hiện có ${wordCount(String(iss.input))})`,
    },
  ),
  follow_up_course: z
    .string({ error: need("khóa học tiếp theo (follow_up_course)", "mã một khóa học trong content/") })
    .regex(
      TEMPLATE_CODE_PATTERN,
      "khóa học tiếp theo (follow_up_course) phải là mã khóa học, vd. attt-co-ban",
    ),
  tags: z.array(text("nhãn"), { error: need("nhãn (tags)", "một danh sách") }).optional(),
  /** Where each fact about a real service was checked (a drill names no real service without one). */
  sources: z.array(sourceSchema, { error: need("nguồn (sources)", "một danh sách {url, fact}") }).optional(),
});
export type TemplateFile = z.infer<typeof templateFileSchema>;

export function wordCount(s: string): number {
  return s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Placeholders each file may use (render.ts fills exactly these). */
export const SUBJECT_PLACEHOLDERS = ["full_name", "email", "agency", "date"] as const;
