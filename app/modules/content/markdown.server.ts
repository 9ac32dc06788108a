// Lesson Markdown → HTML stored at sync time. Content is trusted less than code: whatever marked lets
// through (raw HTML included) is cut down to a small allow-list, so no script, handler or style survives.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: false, async: false });

// "/images/x.png" from public/, never "//host/x.png", "x.png" or any scheme.
const SITE_PATH = /^\/(?!\/)/;

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...["h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote"],
    ...["ul", "ol", "li", "strong", "b", "em", "i", "del", "code", "pre"],
    ...["table", "thead", "tbody", "tr", "th", "td", "a", "img"],
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
    code: ["class"],
  },
  allowedClasses: { code: ["language-*"] },
  allowedSchemes: ["http", "https"],
  allowedSchemesByTag: { a: ["http", "https"], img: [] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer" } }),
  },
  // An image that is not a site path goes entirely (sanitize-html would keep <img> without its src).
  exclusiveFilter: (frame) => frame.tag === "img" && !SITE_PATH.test(frame.attribs.src ?? ""),
};

/** The lesson's first non-empty line when it is a `# Title`, else null. */
export function lessonTitle(md: string): string | null {
  const first = md.split("\n").find((line) => line.trim() !== "");
  const m = first?.match(/^#[ \t]+(.*?)[ \t#]*$/);
  return m && m[1].trim() ? m[1].trim() : null;
}

/** Drops the leading `# Title` line: the page shows the title on its own. */
function withoutTitle(md: string): string {
  const lines = md.split("\n");
  const i = lines.findIndex((line) => line.trim() !== "");
  if (i >= 0 && /^#[ \t]+/.test(lines[i])) lines.splice(0, i + 1);
  return lines.join("\n");
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A cite marker's link: the document's label pointing at its entry in the lesson's "Căn cứ" notes. */
export type CiteLink = { id: string; label: string };

// Stands for a cite marker while marked and sanitize-html run; no Markdown or HTML rule touches it.
const token = (i: number) => `\u27E6cite${i}\u27E7`;
const TOKEN = /\u27E6cite(\d+)\u27E7/g;

/**
 * Sanitised HTML for a lesson's Markdown, without its `# Title` line. `cite` (optional) turns each cite
 * marker found by `markers` into a link to `#can-cu-<id>`, built after sanitising (labels are escaped).
 */
export function renderMarkdown(
  md: string,
  cite?: { replace: (md: string, token: (link: CiteLink) => string) => string },
): string {
  const links: CiteLink[] = [];
  let source = withoutTitle(md.replace(/\r\n?/g, "\n"));
  if (cite) source = cite.replace(source, (link) => token(links.push(link) - 1));
  const html = sanitizeHtml(marked.parse(source) as string, SANITIZE).trim();
  if (!links.length) return html;
  return html.replace(TOKEN, (_, i: string) => {
    const link = links[Number(i)];
    return `<a class="cite" href="#can-cu-${link.id}">${escapeHtml(link.label)}</a>`;
  });
}
