// Reads content/phishing/<code>/ folders into drill templates, collecting every problem rather than the
// first. Problems name the file (relative to the content folder) and the field, like the course loader's.
import { createHash } from "node:crypto";
import { access, readdir } from "node:fs/promises";
import path from "node:path";
import { canonicalJson, lineHint, readText, readYaml, type YamlFile } from "~/modules/content/load.server";
import { formatPath, validate, type ContentProblem } from "~/modules/content/schema";
import {
  emailHtmlProblems,
  emailTextProblems,
  landingProblems,
  textProblems,
  type FileProblem,
} from "./template-checks";
import { TEMPLATE_CODE_PATTERN, templateFileSchema, type TemplateFile } from "./template-schema";

export const PHISHING_DIR = "phishing";

export type RedFlag = { id: string; title: string; explanation: string };

export type LoadedPhishingTemplate = {
  code: string;
  title: string;
  senderName: string;
  senderAddress: string;
  subject: string;
  difficulty: number;
  redFlags: RedFlag[];
  lessonMarkdown: string;
  followUpCourseCode: string;
  tags: string[];
  emailHtml: string;
  emailText: string;
  landingHtml: string;
  /** sha256 of the canonical JSON of everything above: a changed file makes a new version. */
  contentHash: string;
};

export type LoadedPhishingTemplates = {
  /** False when content/phishing/ does not exist (then a sync leaves the stored templates alone). */
  present: boolean;
  templates: LoadedPhishingTemplate[];
  problems: ContentProblem[];
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

function fileProblems(file: string, list: FileProblem[]): ContentProblem[] {
  return list.map((p) => ({
    file,
    field: p.field,
    message: p.line ? `${p.message} (dòng ${p.line})` : p.message,
  }));
}

/** " (dòng N)" of a field of template.yaml (for the checks that read its raw data). */
const hint = (y: YamlFile, fieldPath: (string | number)[]) => lineHint(y, fieldPath);

/** One template folder; `template` is null when it has any problem. */
export async function loadPhishingTemplate(
  contentDir: string,
  code: string,
): Promise<{ template: LoadedPhishingTemplate | null; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const rel = (name: string) => `${PHISHING_DIR}/${code}/${name}`;
  const yamlFile = rel("template.yaml");
  if (!TEMPLATE_CODE_PATTERN.test(code))
    problems.push({
      file: `${PHISHING_DIR}/${code}`,
      field: "",
      message: "tên thư mục mẫu (mã mẫu) chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang",
    });

  const yaml = await readYaml(contentDir, yamlFile, problems);
  let meta: TemplateFile | null = null;
  if (yaml) {
    const r = validate(templateFileSchema, yaml.data);
    if (r.ok) meta = r.data;
    else
      for (const p of r.problems)
        problems.push({
          file: yamlFile,
          field: formatPath(p.path),
          message: p.message + hint(yaml, p.path as (string | number)[]),
        });
  }
  const raw = isRecord(yaml?.data) ? yaml.data : {};

  // Cross-file checks read the raw data, so they still run when another field of template.yaml is wrong.
  const course = raw.follow_up_course;
  if (typeof course === "string" && TEMPLATE_CODE_PATTERN.test(course)) {
    if (course === PHISHING_DIR || !(await exists(path.join(contentDir, course, "course.yaml"))))
      problems.push({
        file: yamlFile,
        field: "follow_up_course",
        message: `không có khóa học "${course}" trong thư mục nội dung (${course}/course.yaml)${hint(yaml!, ["follow_up_course"])}`,
      });
  }
  if (typeof raw.subject === "string")
    problems.push(
      ...fileProblems(yamlFile, textProblems(raw.subject, "subject")).map((p) => ({
        ...p,
        field: `subject ${p.field}`,
      })),
    );
  if (typeof raw.lesson === "string")
    problems.push(
      ...fileProblems(yamlFile, textProblems(raw.lesson, "lesson")).map((p) => ({
        ...p,
        field: `lesson ${p.field}`,
      })),
    );
  if (typeof raw.sender_name === "string")
    problems.push(
      ...fileProblems(yamlFile, textProblems(raw.sender_name, "lesson")).map((p) => ({
        ...p,
        field: `sender_name ${p.field}`,
      })),
    );
  const flagIds = Array.isArray(raw.red_flags)
    ? raw.red_flags.flatMap((f) => (isRecord(f) && typeof f.id === "string" ? [f.id] : []))
    : [];
  if (Array.isArray(raw.red_flags))
    raw.red_flags.forEach((f, i) => {
      if (!isRecord(f)) return;
      for (const key of ["title", "explanation"])
        if (typeof f[key] === "string")
          problems.push(
            ...fileProblems(yamlFile, textProblems(f[key], "lesson")).map((p) => ({
              ...p,
              field: `red_flags[${i}].${key} ${p.field}`,
            })),
          );
    });

  const missing = (name: string) =>
    problems.push({ file: rel(name), field: "", message: `thiếu tệp ${name}` });
  const emailHtml = await readText(path.join(contentDir, rel("email.html")));
  if (emailHtml === null) missing("email.html");
  // Without a valid red_flags list the data-flag cross-check would only repeat the schema's complaint.
  else problems.push(...fileProblems(rel("email.html"), emailHtmlProblems(emailHtml, flagIds)));
  const emailText = await readText(path.join(contentDir, rel("email.txt")));
  if (emailText === null) missing("email.txt");
  else problems.push(...fileProblems(rel("email.txt"), emailTextProblems(emailText)));
  const landingHtml = await readText(path.join(contentDir, rel("landing.html")));
  if (landingHtml === null) missing("landing.html");
  else problems.push(...fileProblems(rel("landing.html"), landingProblems(landingHtml)));

  if (problems.length || !meta || emailHtml === null || emailText === null || landingHtml === null)
    return { template: null, problems };

  const loaded = {
    code,
    title: meta.title,
    senderName: meta.sender_name,
    senderAddress: meta.sender_address.toLowerCase(),
    subject: meta.subject,
    difficulty: meta.difficulty,
    redFlags: meta.red_flags.map((f) => ({ id: f.id, title: f.title, explanation: f.explanation })),
    lessonMarkdown: meta.lesson,
    followUpCourseCode: meta.follow_up_course,
    tags: meta.tags ?? [],
    emailHtml,
    emailText,
    landingHtml,
  };
  const contentHash = createHash("sha256").update(canonicalJson(loaded)).digest("hex");
  return { template: { ...loaded, contentHash }, problems };
}

/**
 * Every template folder under `<contentDir>/phishing/` (folders starting with "." or "_" are skipped).
 * `templates` holds only the folders without problems; callers that write must refuse when `problems`
 * is not empty.
 */
export async function loadPhishingTemplates(contentDir: string): Promise<LoadedPhishingTemplates> {
  const root = path.join(contentDir, PHISHING_DIR);
  let folders: string[];
  try {
    const entries = await readdir(root, { withFileTypes: true });
    folders = entries
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !e.name.startsWith("_"))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT")
      return { present: false, templates: [], problems: [] };
    return {
      present: true,
      templates: [],
      problems: [{ file: PHISHING_DIR, field: "", message: `không đọc được thư mục mẫu diễn tập ${root}` }],
    };
  }
  const problems: ContentProblem[] = [];
  const templates: LoadedPhishingTemplate[] = [];
  for (const folder of folders) {
    const r = await loadPhishingTemplate(contentDir, folder);
    problems.push(...r.problems);
    if (r.template) templates.push(r.template);
  }
  return { present: true, templates, problems };
}
