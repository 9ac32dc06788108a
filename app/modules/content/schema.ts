// The content format (content/<code>/course.yaml, quiz.yaml): zod schemas with Vietnamese messages.
// Pure; checks that need other files (lessons exist, code = folder, questionCount ≤ bank) live in load.server.
import { z } from "zod";
import { IT_ROLES, STAFF_CATEGORIES } from "~/domain/staff";

/** Something wrong in the content folder. `file` is relative to the content dir, `field` "" for the whole file. */
export type ContentProblem = { file: string; field: string; message: string };

export const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const QUESTION_ID_PATTERN = /^[a-z0-9_-]+$/i;
// A lesson file name doubles as its slug in URLs, so it follows the code pattern.
export const LESSON_FILE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*\.md$/;

export const QUESTION_TYPES = ["single", "multiple", "truefalse"] as const;

const MIN_OPTIONS = 2;
const MAX_OPTIONS = 6;

/** Error for a wrong type: says "missing" when the key is absent. */
const need =
  (what: string, expected: string) =>
  (iss: { input?: unknown }): string =>
    iss.input === undefined ? `thiếu ${what}` : `${what} phải là ${expected}`;

const text = (what: string) =>
  z
    .string({ error: need(what, "một chuỗi") })
    .trim()
    .min(1, `${what} không được để trống`);

const slug = (what: string) =>
  z
    .string({ error: need(what, "một chuỗi") })
    .regex(CODE_PATTERN, `${what} chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (vd. attt-co-ban)`);

const positiveInt = (what: string) =>
  z.int({ error: need(what, "số nguyên dương") }).positive(`${what} phải là số nguyên dương`);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "YYYY-MM-DD" that is a real calendar day. */
export function isIsoDay(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A YYYY-MM-DD day, kept as that string (YAML may hand over a string or, with other schemas, a Date). */
export const isoDay = (what: string) =>
  z.preprocess(
    (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
    z
      .string({ error: need(what, "ngày dạng YYYY-MM-DD") })
      .refine(isIsoDay, `${what} phải là ngày có thật, dạng YYYY-MM-DD (vd. 2026-07-01)`),
  );

// Lets a list's refinement run even when some of its items failed, so repeats are reported alongside.
const ALWAYS_FOR_ARRAYS = { when: (payload: { value: unknown }) => Array.isArray(payload.value) };

/**
 * Adds an issue at each repeat in a list `list`: of its strings, or of one string field of its items
 * (a question's id), at the repeat's index, naming the first place the value stood.
 */
function noRepeats(what: string, list: string, field?: string) {
  return (items: readonly unknown[], ctx: z.RefinementCtx) => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const value = field ? (item as Record<string, unknown> | null)?.[field] : item;
      if (typeof value !== "string") return;
      const j = first.get(value);
      if (j === undefined) first.set(value, i);
      else
        ctx.addIssue({
          code: "custom",
          path: field ? [i, field] : [i],
          message: `${what} "${value}" bị lặp (trùng với ${list}[${j}])`,
        });
    });
  };
}

export const audienceSchema = z.strictObject(
  {
    staffCategories: z
      .array(z.enum(STAFF_CATEGORIES, { error: `phải là một trong: ${STAFF_CATEGORIES.join(", ")}` }), {
        error: "staffCategories phải là một danh sách",
      })
      .optional(),
    itRoles: z
      .array(z.enum(IT_ROLES, { error: `phải là một trong: ${IT_ROLES.join(", ")}` }), {
        error: "itRoles phải là một danh sách",
      })
      .optional(),
    headOfUnit: z.boolean({ error: "headOfUnit phải là true hoặc false" }).optional(),
  },
  { error: "audience phải là một đối tượng {staffCategories?, itRoles?, headOfUnit?}" },
);
export type CourseAudience = {
  staffCategories?: (typeof STAFF_CATEGORIES)[number][];
  itRoles?: (typeof IT_ROLES)[number][];
  headOfUnit?: boolean;
};

export const courseFileSchema = z.strictObject({
  code: slug("mã khóa học (code)"),
  title: text("tên khóa học (title)"),
  summary: text("tóm tắt (summary)"),
  topics: z
    .array(slug("chủ đề"), { error: need("chủ đề (topics)", "một danh sách, vd. [attt-co-ban]") })
    .min(1, "cần ít nhất một chủ đề (topics)")
    .superRefine(noRepeats("chủ đề", "topics"), ALWAYS_FOR_ARRAYS),
  audience: audienceSchema.nullish(),
  estimatedMinutes: positiveInt("thời lượng (estimatedMinutes)"),
  validityMonths: positiveInt("thời hạn hiệu lực (validityMonths)"),
  passMark: z
    .int({ error: need("điểm đạt (passMark)", "số nguyên từ 1 đến 100") })
    .min(1, "điểm đạt (passMark) phải từ 1 đến 100")
    .max(100, "điểm đạt (passMark) phải từ 1 đến 100"),
  quiz: z.strictObject(
    {
      questionCount: positiveInt("số câu mỗi bài kiểm tra (questionCount)"),
      timeLimitMinutes: positiveInt("thời gian làm bài (timeLimitMinutes)").nullish(),
      maxAttempts: positiveInt("số lần làm bài tối đa (maxAttempts)").nullish(),
    },
    { error: need("phần quiz", "một đối tượng {questionCount, timeLimitMinutes?, maxAttempts?}") },
  ),
  reviewedAt: isoDay("ngày rà soát nội dung (reviewedAt)"),
  recertify: z.boolean({ error: "recertify phải là true hoặc false" }).optional(),
  recertifyReason: text("lý do yêu cầu học lại (recertifyReason)").optional(),
  lessons: z
    .array(
      z
        .string({ error: "tên tệp bài học phải là một chuỗi" })
        .regex(
          LESSON_FILE_PATTERN,
          "tên tệp bài học chỉ gồm chữ thường không dấu, chữ số, dấu gạch ngang và đuôi .md (vd. 01-mo-dau.md)",
        ),
      { error: need("danh sách bài học (lessons)", "danh sách tên tệp trong thư mục lessons/") },
    )
    .min(1, "cần ít nhất một bài học (lessons)")
    .superRefine(noRepeats("bài học", "lessons"), ALWAYS_FOR_ARRAYS),
});
export type CourseFile = z.infer<typeof courseFileSchema>;

/** recertify: true needs its reason (shown to learners); a reason without the flag is a mistake too. */
export function checkRecertify(raw: Record<string, unknown>): { field: string; message: string } | null {
  if (raw.recertify === true && (typeof raw.recertifyReason !== "string" || !raw.recertifyReason.trim()))
    return {
      field: "recertifyReason",
      message: "recertify: true cần lý do (recertifyReason) để báo cho học viên",
    };
  if (raw.recertify !== true && raw.recertifyReason !== undefined)
    return { field: "recertify", message: "có recertifyReason nhưng thiếu recertify: true" };
  return null;
}

/** A single/multiple option: `{text, why}`; a plain string is still read (why missing, refused by the gate). */
export const optionSchema = z.preprocess(
  (v) => (typeof v === "string" ? { text: v } : v),
  z.strictObject(
    {
      text: text("nội dung phương án (text)"),
      why: text("giải thích phương án (why)").optional(),
    },
    { error: "mỗi phương án phải là một đối tượng {text, why}" },
  ),
);
export type OptionFile = { text: string; why?: string };

const optionText = (o: unknown): string | null =>
  typeof o === "string"
    ? o
    : o && typeof o === "object" && typeof (o as { text?: unknown }).text === "string"
      ? (o as { text: string }).text
      : null;

// Checks that depend on the question's type. Runs even when other fields failed (`when`), so it reads
// the raw input defensively and stays silent about fields that already have a type error.
function checkQuestionByType(q: Record<string, unknown>, ctx: z.RefinementCtx) {
  const { type, options, answer } = q;
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  if (answer === undefined && typeof type === "string") issue(["answer"], "thiếu đáp án (answer)");

  if (type === "truefalse") {
    if (q.explanation === undefined) issue(["explanation"], "câu đúng/sai cần giải thích (explanation)");
    if (options !== undefined)
      issue(["options"], "câu đúng/sai không có options (phương án luôn là Đúng/Sai)");
    if (answer !== undefined && typeof answer !== "boolean")
      issue(["answer"], "câu đúng/sai: answer phải là true hoặc false");
    return;
  }
  if (type !== "single" && type !== "multiple") return;

  if (options === undefined)
    issue(["options"], `thiếu các phương án (options, ${MIN_OPTIONS}–${MAX_OPTIONS} mục)`);
  const n = Array.isArray(options) ? options.length : null;
  if (Array.isArray(options)) {
    const seen = new Map<string, number>();
    options.forEach((o, i) => {
      const t = optionText(o);
      if (t === null) return;
      const key = t.trim();
      const j = seen.get(key);
      if (j === undefined) seen.set(key, i);
      else issue(["options", i], `phương án bị lặp (trùng với options[${j}])`);
    });
  }
  const range = n !== null && n > 0 ? ` (có ${n} phương án, đánh số từ 0 đến ${n - 1})` : "";
  const inRange = (v: number) => n === null || (v >= 0 && v < n);

  if (type === "single") {
    if (answer === undefined) return;
    if (!Number.isInteger(answer))
      issue(["answer"], `câu một lựa chọn: answer phải là số thứ tự của phương án đúng, đếm từ 0${range}`);
    else if (!inRange(answer as number))
      issue(["answer"], `answer ${answer} nằm ngoài danh sách phương án${range}`);
    return;
  }
  if (answer === undefined) return;
  if (!Array.isArray(answer) || answer.length === 0) {
    issue(
      ["answer"],
      `câu nhiều lựa chọn: answer phải là danh sách (không rỗng) số thứ tự các phương án đúng${range}`,
    );
    return;
  }
  const seen = new Set<number>();
  answer.forEach((v, i) => {
    if (!Number.isInteger(v)) issue(["answer", i], `phải là số thứ tự phương án, đếm từ 0${range}`);
    else if (!inRange(v)) issue(["answer", i], `${v} nằm ngoài danh sách phương án${range}`);
    else if (seen.has(v)) issue(["answer", i], `phương án ${v} bị lặp trong answer`);
    seen.add(v);
  });
}

export const questionSchema = z
  .strictObject(
    {
      id: z
        .string({ error: need("mã câu hỏi (id)", "một chuỗi") })
        .regex(QUESTION_ID_PATTERN, "mã câu hỏi (id) chỉ gồm chữ cái không dấu, chữ số, '-' và '_'"),
      type: z.enum(QUESTION_TYPES, {
        error: (iss) =>
          iss.input === undefined
            ? "thiếu loại câu hỏi (type: single | multiple | truefalse)"
            : `loại câu hỏi "${String(iss.input)}" không hợp lệ; chỉ dùng single, multiple hoặc truefalse`,
      }),
      text: text("nội dung câu hỏi (text)"),
      options: z
        .array(optionSchema, { error: need("các phương án (options)", "một danh sách") })
        .min(MIN_OPTIONS, `cần ít nhất ${MIN_OPTIONS} phương án`)
        .max(MAX_OPTIONS, `tối đa ${MAX_OPTIONS} phương án`)
        .optional(),
      // Its shape depends on `type`: checked in checkQuestionByType.
      answer: z.custom<number | number[] | boolean>(() => true),
      // Required for truefalse (checkQuestionByType); a summary for single/multiple.
      explanation: text("giải thích (explanation)").optional(),
    },
    { error: "mỗi câu hỏi phải là một đối tượng {id, type, text, options, answer, explanation}" },
  )
  .superRefine((q, ctx) => checkQuestionByType(q as Record<string, unknown>, ctx), {
    when: (payload) => !!payload.value && typeof payload.value === "object" && !Array.isArray(payload.value),
  });

export type QuestionFile = z.infer<typeof questionSchema>;

export const quizFileSchema = z.strictObject({
  questions: z
    .array(questionSchema, { error: need("danh sách câu hỏi (questions)", "một danh sách") })
    .min(1, "ngân hàng câu hỏi (questions) đang rỗng")
    .superRefine(noRepeats("mã câu hỏi", "questions", "id"), ALWAYS_FOR_ARRAYS),
});
export type QuizFile = z.infer<typeof quizFileSchema>;

/** ["questions", 3, "answer"] → "questions[3].answer". */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  string: "chuỗi",
  number: "số",
  int: "số nguyên",
  boolean: "true/false",
  array: "danh sách",
  object: "đối tượng (các cặp khóa: giá trị)",
};

/** Vietnamese for the issues no schema gave a message of its own (passed to safeParse). */
export const vietnameseErrors: z.core.$ZodErrorMap = (iss) => {
  if (iss.code === "invalid_type") {
    if (iss.input === undefined) return "thiếu trường bắt buộc";
    if (!iss.path?.length && iss.input == null) return "tệp rỗng";
    return `phải là ${TYPE_NAMES[iss.expected] ?? iss.expected}`;
  }
  if (iss.code === "unrecognized_keys") return "trường không được phép (gõ nhầm tên?)";
  return undefined;
};

export type SchemaProblem = { path: PropertyKey[]; message: string };

/** Parses with Vietnamese messages; each unknown key becomes its own problem, at the key's path. */
export function validate<T>(
  schema: z.ZodType<T>,
  data: unknown,
): { ok: true; data: T } | { ok: false; problems: SchemaProblem[] } {
  const r = schema.safeParse(data, { error: vietnameseErrors });
  if (r.success) return { ok: true, data: r.data };
  const problems: SchemaProblem[] = [];
  for (const iss of r.error.issues) {
    if (iss.code === "unrecognized_keys") {
      for (const key of iss.keys)
        problems.push({
          path: [...iss.path, key],
          message: `trường "${key}" không được phép (gõ nhầm tên?)`,
        });
    } else problems.push({ path: iss.path, message: iss.message });
  }
  return { ok: false, problems };
}

/** "<file> › <field>: <message>", or "<file>: <message>" for a problem with the whole file. */
export function formatProblem(p: ContentProblem): string {
  const where = p.field ? `${p.file || "."} › ${p.field}` : p.file || ".";
  return `${where}: ${p.message}`;
}
