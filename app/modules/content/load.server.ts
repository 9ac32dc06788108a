// Reads content/<code>/ folders into normalised courses, collecting every problem rather than the first.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, type Document } from "yaml";
import type { QuestionType } from "~/generated/prisma/enums";
import { lessonTitle, renderMarkdown } from "./markdown.server";
import {
  CITATIONS_FILE,
  citationsFileSchema,
  CourseCitations,
  registerProblems,
  type CitedDocument,
  type CiteText,
  type CiteUse,
  type Register,
  type RegisterDocument,
} from "./citations";
import {
  checkRecertify,
  courseFileSchema,
  formatPath,
  LESSON_FILE_PATTERN,
  quizFileSchema,
  validate,
  type ContentProblem,
  type CourseAudience,
  type CourseFile,
  type QuestionFile,
  type QuizFile,
} from "./schema";

export type { ContentProblem, CourseAudience } from "./schema";
export type { CitedDocument, CiteUse, RegisterDocument } from "./citations";

export type LoadedLesson = {
  position: number;
  slug: string;
  title: string;
  markdown: string;
  html: string;
  /** Ids of the documents the lesson cites, in first-cited order (its "Căn cứ" notes). */
  citations: string[];
};

export type LoadedQuestion = {
  key: string;
  type: QuestionType;
  text: string;
  options: string[];
  /** Indexes of the correct options, from 0. */
  answer: number[];
  /** Why each option is right or wrong, same order as options ("" when missing; [] for true/false). */
  whys: string[];
  /** "" when absent (allowed for single/multiple). */
  explanation: string;
};

export type LoadedCourse = {
  code: string;
  title: string;
  summary: string;
  topics: string[];
  audience: CourseAudience;
  estimatedMinutes: number;
  validityMonths: number;
  passMark: number;
  questionCount: number;
  timeLimitMinutes: number | null;
  maxAttempts: number | null;
  lessons: LoadedLesson[];
  questions: LoadedQuestion[];
  /** YYYY-MM-DD: when the course was last reviewed against the law and practice. */
  reviewedAt: string;
  /** This version's change from the previous one is material: completions of older versions are due again. */
  recertify: boolean;
  recertifyReason: string | null;
  /** The register entries the course cites (lessons and quiz), in first-cited order. */
  citations: CitedDocument[];
  /** sha256 of the canonical JSON of everything above except lesson HTML. */
  contentHash: string;
};

/** content/phishing/ holds drill templates, not a course (read by modules/phishing/template-load.server). */
export const PHISHING_FOLDER = "phishing";

export const TRUE_FALSE_OPTIONS = ["Đúng", "Sai"];

/** File text as compared and stored: no BOM, LF line ends, NFC (macOS and old tools write decomposed Vietnamese). */
function cleanFileText(s: string): string {
  return s
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .normalize("NFC");
}

export async function readText(abs: string): Promise<string | null> {
  try {
    return cleanFileText(await readFile(abs, "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
}

export type YamlFile = { data: unknown; doc: Document; lines: LineCounter };

/** Parses a YAML file; syntax errors become problems with their line and column. */
export async function readYaml(
  dir: string,
  file: string,
  problems: ContentProblem[],
): Promise<YamlFile | null> {
  const source = await readText(path.join(dir, file));
  if (source === null) {
    problems.push({ file, field: "", message: `thiếu tệp ${path.posix.basename(file)}` });
    return null;
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    for (const err of doc.errors) {
      const at = err.linePos?.[0];
      const where = at ? ` ở dòng ${at.line}, cột ${at.col}` : "";
      const detail = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      problems.push({ file, field: "", message: `lỗi cú pháp YAML${where}: ${detail}` });
    }
    return null;
  }
  return { data: doc.toJS(), doc, lines };
}

/** " (dòng N)" for the deepest node of `fieldPath` that exists in the file (the whole file tells nothing). */
export function lineHint(y: YamlFile, fieldPath: readonly PropertyKey[]): string {
  for (let n = fieldPath.length; n > 0; n--) {
    const node = y.doc.getIn(fieldPath.slice(0, n) as unknown[], true) as {
      range?: [number, number, number];
    };
    if (node?.range) return ` (dòng ${y.lines.linePos(node.range[0]).line})`;
  }
  return "";
}

function validateYaml<T>(
  y: YamlFile,
  file: string,
  schema: Parameters<typeof validate<T>>[0],
  problems: ContentProblem[],
): T | null {
  const r = validate(schema, y.data);
  if (r.ok) return r.data;
  for (const p of r.problems) {
    problems.push({ file, field: formatPath(p.path), message: p.message + lineHint(y, p.path) });
  }
  return null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

function normaliseQuestion(q: QuestionFile, i: number, cite: CiteText): LoadedQuestion {
  const at = `questions[${i}]`;
  const base = {
    key: q.id,
    text: cite(q.text, `${at}.text`),
    explanation: q.explanation ? cite(q.explanation, `${at}.explanation`) : "",
  };
  if (q.type === "truefalse") {
    return {
      ...base,
      type: "TRUE_FALSE",
      options: [...TRUE_FALSE_OPTIONS],
      answer: [q.answer ? 0 : 1],
      whys: [],
    };
  }
  const options = q.options!.map((o, j) => cite(o.text, `${at}.options[${j}].text`));
  const whys = q.options!.map((o, j) => (o.why ? cite(o.why, `${at}.options[${j}].why`) : ""));
  if (q.type === "single") return { ...base, type: "SINGLE", options, whys, answer: [q.answer as number] };
  return {
    ...base,
    type: "MULTIPLE",
    options,
    whys,
    answer: [...(q.answer as number[])].sort((a, b) => a - b),
  };
}

/** content/citations.yaml, when present; an absent register is empty (any cite is then unknown). */
async function loadRegister(dir: string, problems: ContentProblem[]): Promise<Register> {
  const register: Register = new Map();
  if ((await readText(path.join(dir, CITATIONS_FILE))) === null) return register;
  const y = await readYaml(dir, CITATIONS_FILE, problems);
  if (!y) return register;
  const r = validateYaml(y, CITATIONS_FILE, citationsFileSchema, problems);
  if (!r) return register;
  problems.push(...registerProblems(r.documents));
  for (const d of r.documents) register.set(d.id, d);
  return register;
}

function normaliseAudience(a: CourseFile["audience"]): CourseAudience {
  const out: CourseAudience = {};
  if (a?.staffCategories) out.staffCategories = a.staffCategories;
  if (a?.itRoles) out.itRoles = a.itRoles;
  if (a?.headOfUnit !== undefined) out.headOfUnit = a.headOfUnit;
  return out;
}

/** JSON with object keys sorted at every level, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function contentHashOf(course: Omit<LoadedCourse, "contentHash">): string {
  const { lessons, ...rest } = course;
  const hashed = { ...rest, lessons: lessons.map(({ html: _html, ...lesson }) => lesson) };
  return createHash("sha256").update(canonicalJson(hashed)).digest("hex");
}

type LoadedFolder = {
  code: string | null;
  course: LoadedCourse | null;
  problems: ContentProblem[];
  uses: CiteUse[];
};

async function loadCourse(dir: string, folder: string, register: Register): Promise<LoadedFolder> {
  const problems: ContentProblem[] = [];
  const citations = new CourseCitations(folder, register, problems);
  const courseFile = `${folder}/course.yaml`;
  const quizFile = `${folder}/quiz.yaml`;

  const courseYaml = await readYaml(dir, courseFile, problems);
  const quizYaml = await readYaml(dir, quizFile, problems);
  const course = courseYaml && validateYaml<CourseFile>(courseYaml, courseFile, courseFileSchema, problems);
  const quiz = quizYaml && validateYaml<QuizFile>(quizYaml, quizFile, quizFileSchema, problems);

  // Cross-file checks read the raw data, so they still run when another field of the file is wrong.
  const raw = isRecord(courseYaml?.data) ? courseYaml.data : {};
  const code = typeof raw.code === "string" ? raw.code : null;
  if (code !== null && code !== folder) {
    problems.push({
      file: courseFile,
      field: "code",
      message: `mã khóa học "${code}" phải trùng tên thư mục "${folder}"${lineHint(courseYaml!, ["code"])}`,
    });
  }

  const recertify = checkRecertify(raw);
  if (recertify)
    problems.push({
      file: courseFile,
      field: recertify.field,
      message: recertify.message + lineHint(courseYaml!, [recertify.field]),
    });

  const rawQuiz = isRecord(raw.quiz) ? raw.quiz : {};
  const bank =
    isRecord(quizYaml?.data) && Array.isArray(quizYaml.data.questions) ? quizYaml.data.questions : null;
  if (Number.isInteger(rawQuiz.questionCount) && bank && (rawQuiz.questionCount as number) > bank.length) {
    problems.push({
      file: courseFile,
      field: "quiz.questionCount",
      message:
        `questionCount = ${rawQuiz.questionCount} lớn hơn số câu hỏi trong quiz.yaml (${bank.length})` +
        lineHint(courseYaml!, ["quiz", "questionCount"]),
    });
  }

  const lessons: LoadedLesson[] = [];
  const lessonFiles = Array.isArray(raw.lessons) ? raw.lessons : [];
  for (const [i, name] of lessonFiles.entries()) {
    if (typeof name !== "string" || !LESSON_FILE_PATTERN.test(name)) continue; // reported by the schema
    const file = `${folder}/lessons/${name}`;
    const markdown = await readText(path.join(dir, file));
    if (markdown === null) {
      problems.push({
        file: courseFile,
        field: `lessons[${i}]`,
        message: `không tìm thấy tệp bài học lessons/${name}${lineHint(courseYaml!, ["lessons", i])}`,
      });
      continue;
    }
    const title = lessonTitle(markdown);
    if (title === null) {
      problems.push({
        file,
        field: "",
        message: "dòng đầu tiên (không rỗng) của bài học phải là tiêu đề dạng “# Tên bài học”",
      });
      continue;
    }
    const cites = citations.lesson(markdown, file);
    lessons.push({
      position: i + 1,
      slug: name.slice(0, -3),
      title,
      markdown,
      html: renderMarkdown(markdown, cites),
      citations: cites.ids,
    });
  }

  const questions = quiz ? quiz.questions.map((q, i) => normaliseQuestion(q, i, citations.text)) : [];
  if (problems.length || !course || !quiz) return { code, course: null, problems, uses: citations.uses };

  const loaded = {
    code: course.code,
    title: course.title,
    summary: course.summary,
    topics: course.topics,
    audience: normaliseAudience(course.audience),
    estimatedMinutes: course.estimatedMinutes,
    validityMonths: course.validityMonths,
    passMark: course.passMark,
    questionCount: course.quiz.questionCount,
    timeLimitMinutes: course.quiz.timeLimitMinutes ?? null,
    maxAttempts: course.quiz.maxAttempts ?? null,
    lessons,
    questions,
    reviewedAt: course.reviewedAt,
    recertify: course.recertify ?? false,
    recertifyReason: course.recertifyReason ?? null,
    citations: citations.cited(),
  };
  return {
    code,
    course: { ...loaded, contentHash: contentHashOf(loaded) },
    problems,
    uses: citations.uses,
  };
}

/**
 * Every course folder under `dir` (folders starting with "." or "_" are skipped). `courses` holds only
 * the folders without problems; callers that write must refuse when `problems` is not empty.
 */
export type LoadedContent = {
  courses: LoadedCourse[];
  problems: ContentProblem[];
  /** The citations register (empty when content/citations.yaml is absent). */
  register: RegisterDocument[];
  /** Every cite marker, where it stands (for the gate: replaced/expired documents cited as in force). */
  citeUses: CiteUse[];
};

export async function loadContent(dir: string): Promise<LoadedContent> {
  const problems: ContentProblem[] = [];
  let folders: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    folders = entries
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !e.name.startsWith("_"))
      .filter((e) => e.name !== PHISHING_FOLDER)
      .map((e) => e.name)
      .sort();
  } catch {
    return {
      courses: [],
      problems: [{ file: "", field: "", message: `không đọc được thư mục nội dung ${dir}` }],
      register: [],
      citeUses: [],
    };
  }
  // An empty folder is almost always a wrong path; syncing it would retire every course.
  if (folders.length === 0) {
    problems.push({
      file: "",
      field: "",
      message: `thư mục ${dir} không có khóa học nào (content/<mã>/course.yaml)`,
    });
  }

  const register = await loadRegister(dir, problems);
  const loaded: (LoadedFolder & { folder: string })[] = [];
  for (const folder of folders) {
    const r = await loadCourse(dir, folder, register);
    problems.push(...r.problems);
    loaded.push({ ...r, folder });
  }

  // Two folders can share a code only when one has a code ≠ folder; the folder named after the code keeps it.
  const foldersOfCode = new Map<string, string[]>();
  for (const r of loaded)
    if (r.code !== null) foldersOfCode.set(r.code, [...(foldersOfCode.get(r.code) ?? []), r.folder]);
  for (const [code, list] of foldersOfCode) {
    if (list.length < 2) continue;
    const owner = list.includes(code) ? code : list[0];
    for (const folder of list.filter((f) => f !== owner)) {
      problems.push({
        file: `${folder}/course.yaml`,
        field: "code",
        message: `mã khóa học "${code}" đã dùng ở ${owner}/course.yaml`,
      });
    }
  }
  const courses = loaded.flatMap((r) => (r.course ? [r.course] : []));
  return { courses, problems, register: [...register.values()], citeUses: loaded.flatMap((r) => r.uses) };
}
