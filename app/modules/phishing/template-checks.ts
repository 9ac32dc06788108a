// Safety checks on a drill template's files beyond the YAML schema: only known placeholders, nothing that
// points outside (links, images, forms, styles), no real domain or address, the red flags marked in the
// email, and a landing form that posts to the tracker without a password field. Pure (files in, problems out).
import { Parser } from "htmlparser2";
import { EMAIL_PLACEHOLDERS, LANDING_PLACEHOLDERS } from "./render";
import { isFictitiousHost } from "./template-schema";

/** A problem inside one file: `field` names the element/attribute or placeholder, `line` is 1-based. */
export type FileProblem = { field: string; message: string; line?: number };

export type DrillFileKind = "subject" | "emailHtml" | "emailText" | "landing" | "lesson";

const PLACEHOLDERS_OF: Record<DrillFileKind, readonly string[]> = {
  subject: ["full_name", "email", "agency", "date"],
  emailHtml: EMAIL_PLACEHOLDERS,
  emailText: EMAIL_PLACEHOLDERS,
  landing: LANDING_PLACEHOLDERS,
  lesson: [],
};

/** Placeholders an attribute may hold as a link target, per file. */
const LINK_PLACEHOLDERS: Record<"emailHtml" | "landing", readonly string[]> = {
  emailHtml: ["link", "report_link"],
  landing: ["submit_url"],
};

const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "srcset",
  "action",
  "formaction",
  "background",
  "poster",
  "cite",
  "data",
  "xlink:href",
  "longdesc",
  "usemap",
  "manifest",
  "ping",
  "lowsrc",
  "dynsrc",
]);

const FORBIDDEN_TAGS = new Set([
  "script",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "base",
  "link",
]);

// Real top-level domains a drill must not name (a fictitious one ends in .example, .test or .invalid).
const REAL_DOMAIN =
  /\b(?:[a-z0-9-]+\.)+(?:vn|com|net|org|gov|edu|info|biz|io|xyz|top|me|app|dev|online|site)(?![\w-]|\.[a-z0-9])/gi;
const URL_IN_TEXT = /\b(?:https?|ftp):\/\/([^\s/"'<>?#]+)/gi;
const ADDRESS_IN_TEXT = /[a-z0-9._%+-]+@((?:[a-z0-9-]+\.)+[a-z0-9-]+)/gi;
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

function lineAt(src: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < src.length; i++) if (src.charCodeAt(i) === 10) line++;
  return line;
}

const placeholderName = (raw: string) => raw.trim();

/** Checks that apply to every file, HTML or not: placeholders, URLs, domains and addresses. */
export function textProblems(src: string, kind: DrillFileKind): FileProblem[] {
  const problems: FileProblem[] = [];
  const allowed = PLACEHOLDERS_OF[kind];
  for (const m of src.matchAll(PLACEHOLDER)) {
    const name = placeholderName(m[1]);
    if (!allowed.includes(name))
      problems.push({
        field: `{{${name}}}`,
        message: allowed.length
          ? `chỗ điền {{${name}}} không được dùng ở đây; chỉ dùng: ${allowed.map((p) => `{{${p}}}`).join(", ")}`
          : `chỗ điền {{${name}}} không được dùng ở đây (tệp này không được điền giá trị)`,
        line: lineAt(src, m.index),
      });
  }
  for (const m of src.matchAll(URL_IN_TEXT)) {
    const host = m[1].replace(/^.*@/, "").replace(/:\d+$/, "");
    if (!isFictitiousHost(host))
      problems.push({
        field: m[0],
        message: `địa chỉ "${m[0]}" trỏ ra một trang thật; chỉ dùng tên miền giả lập (.example, .test, .invalid)`,
        line: lineAt(src, m.index),
      });
  }
  for (const m of src.matchAll(ADDRESS_IN_TEXT)) {
    if (!isFictitiousHost(m[1]))
      problems.push({
        field: m[0],
        message: `địa chỉ thư "${m[0]}" không thuộc tên miền giả lập (.example, .test, .invalid)`,
        line: lineAt(src, m.index),
      });
  }
  for (const m of src.matchAll(REAL_DOMAIN)) {
    // Already reported as part of a URL or an address.
    const before = src.slice(Math.max(0, m.index - 1), m.index);
    if (before === "@" || before === "/" || before === ".") continue;
    problems.push({
      field: m[0],
      message: `"${m[0]}" là tên miền thật; mẫu diễn tập chỉ dùng tên miền giả lập (.example, .test, .invalid)`,
      line: lineAt(src, m.index),
    });
  }
  return problems;
}

function isAllowedTarget(value: string, attr: string, kind: "emailHtml" | "landing"): boolean {
  const v = value.trim();
  const whole = /^\{\{([^{}]*)\}\}$/.exec(v);
  if (whole) return LINK_PLACEHOLDERS[kind].includes(placeholderName(whole[1]));
  if (v.startsWith("#")) return true;
  return (attr === "src" || attr === "srcset") && /^data:image\//i.test(v);
}

const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)|@import/gi;

function cssProblems(css: string, where: string, line: number): FileProblem[] {
  const out: FileProblem[] = [];
  for (const m of css.matchAll(CSS_URL)) {
    if (m[0].toLowerCase() !== "@import" && /^data:image\//i.test(m[2] ?? "")) continue;
    out.push({
      field: where,
      message: `CSS "${m[0]}" tải tài nguyên từ ngoài; chỉ dùng ảnh data:`,
      line,
    });
  }
  return out;
}

type Tag = { name: string; attribs: Record<string, string>; line: number };

/** Walks the HTML once; returns its tags (with lines), the text of <style> elements and parse problems. */
function scan(html: string): { tags: Tag[]; styles: { css: string; line: number }[] } {
  const tags: Tag[] = [];
  const styles: { css: string; line: number }[] = [];
  let inStyle: { css: string; line: number } | null = null;
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const line = lineAt(html, parser.startIndex);
        tags.push({ name, attribs, line });
        if (name === "style") inStyle = { css: "", line };
      },
      ontext(t) {
        if (inStyle) inStyle.css += t;
      },
      onclosetag(name) {
        if (name === "style" && inStyle) {
          styles.push(inStyle);
          inStyle = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return { tags, styles };
}

function commonHtmlProblems(
  tags: Tag[],
  styles: { css: string; line: number }[],
  kind: "emailHtml" | "landing",
) {
  const problems: FileProblem[] = [];
  for (const t of tags) {
    if (FORBIDDEN_TAGS.has(t.name))
      problems.push({
        field: `<${t.name}>`,
        message: `thẻ <${t.name}> không được phép trong mẫu diễn tập`,
        line: t.line,
      });
    if (t.name === "meta" && t.attribs["http-equiv"] !== undefined)
      problems.push({
        field: "<meta http-equiv>",
        message: "thẻ <meta http-equiv> không được phép",
        line: t.line,
      });
    for (const [attr, value] of Object.entries(t.attribs)) {
      const field = `<${t.name}> ${attr}`;
      if (attr.startsWith("on"))
        problems.push({
          field,
          message: `thuộc tính sự kiện ${attr} (mã chạy trong thư) không được phép`,
          line: t.line,
        });
      else if (attr === "style") problems.push(...cssProblems(value, field, t.line));
      else if (URL_ATTRIBUTES.has(attr) && !isAllowedTarget(value, attr, kind)) {
        const targets = [...LINK_PLACEHOLDERS[kind].map((p) => `{{${p}}}`), '"#"'].join(", ");
        problems.push({
          field,
          message: /^\s*mailto:/i.test(value)
            ? `${attr}="${value}": không dùng mailto: trong mẫu diễn tập (chỉ ${targets})`
            : `${attr}="${value}" trỏ ra ngoài; chỉ dùng ${targets}${attr === "src" ? " hoặc ảnh data:image" : ""}`,
          line: t.line,
        });
      }
    }
  }
  for (const s of styles) problems.push(...cssProblems(s.css, "<style>", s.line));
  return problems;
}

/**
 * email.html: the common checks, a {{link}}, and the red flags: every declared id marked by a
 * data-flag="<id>" element, every data-flag a declared id.
 */
export function emailHtmlProblems(html: string, redFlagIds: readonly string[]): FileProblem[] {
  const { tags, styles } = scan(html);
  const problems = [...textProblems(html, "emailHtml"), ...commonHtmlProblems(tags, styles, "emailHtml")];
  for (const t of tags)
    if (t.name === "form")
      problems.push({
        field: "<form>",
        message: "thư không chứa biểu mẫu (<form>); biểu mẫu chỉ ở landing.html",
        line: t.line,
      });
  if (![...html.matchAll(PLACEHOLDER)].some((m) => placeholderName(m[1]) === "link"))
    problems.push({ field: "{{link}}", message: "thư phải có liên kết {{link}} (để ghi nhận lần bấm)" });
  const marked = new Map<string, number>();
  for (const t of tags) {
    const flag = t.attribs["data-flag"];
    if (flag === undefined) continue;
    if (!marked.has(flag)) marked.set(flag, t.line);
    if (!redFlagIds.includes(flag))
      problems.push({
        field: `data-flag="${flag}"`,
        message: `data-flag="${flag}" không có trong red_flags của template.yaml`,
        line: t.line,
      });
  }
  for (const id of redFlagIds)
    if (!marked.has(id))
      problems.push({
        field: `data-flag="${id}"`,
        message: `dấu hiệu "${id}" (red_flags) chưa được đánh dấu trong thư bằng một phần tử data-flag="${id}"`,
      });
  return problems;
}

/** landing.html: the common checks, forms that post to {{submit_url}}, and no password field. */
export function landingProblems(html: string): FileProblem[] {
  const { tags, styles } = scan(html);
  const problems = [...textProblems(html, "landing"), ...commonHtmlProblems(tags, styles, "landing")];
  const forms = tags.filter((t) => t.name === "form");
  if (forms.length === 0)
    problems.push({
      field: "<form>",
      message: 'trang đích phải có <form method="post" action="{{submit_url}}">',
    });
  for (const f of forms) {
    if ((f.attribs.method ?? "").trim().toLowerCase() !== "post")
      problems.push({ field: "<form> method", message: 'biểu mẫu phải có method="post"', line: f.line });
    if (!/^\{\{\s*submit_url\s*\}\}$/.test((f.attribs.action ?? "").trim()))
      problems.push({
        field: "<form> action",
        message: 'biểu mẫu phải có action="{{submit_url}}"',
        line: f.line,
      });
  }
  for (const t of tags) {
    if (!["input", "textarea", "select", "button"].includes(t.name)) continue;
    for (const attr of ["name", "id"] as const)
      if ((t.attribs[attr] ?? "").trim().toLowerCase() === "password")
        problems.push({
          field: `<${t.name}> ${attr}`,
          message: `không đặt ${attr}="password" (trình duyệt sẽ gợi ý mật khẩu đã lưu)`,
          line: t.line,
        });
    if (/password/i.test(t.attribs.autocomplete ?? ""))
      problems.push({
        field: `<${t.name}> autocomplete`,
        message: `không dùng autocomplete="${t.attribs.autocomplete}" (trình duyệt sẽ gợi ý mật khẩu đã lưu)`,
        line: t.line,
      });
    if ((t.attribs.type ?? "").trim().toLowerCase() === "password")
      problems.push({
        field: `<${t.name}> type`,
        message: 'không dùng type="password" (trình duyệt sẽ gợi ý mật khẩu đã lưu)',
        line: t.line,
      });
  }
  return problems;
}

/** email.txt: placeholders, domains and a {{link}}. */
export function emailTextProblems(text: string): FileProblem[] {
  const problems = textProblems(text, "emailText");
  if (![...text.matchAll(PLACEHOLDER)].some((m) => placeholderName(m[1]) === "link"))
    problems.push({ field: "{{link}}", message: "thư dạng văn bản phải có liên kết {{link}}" });
  return problems;
}
