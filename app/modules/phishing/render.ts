// Fills a template version's files for one recipient. Placeholders: {{full_name}}, {{email}}, {{agency}},
// {{date}} (dd/mm/yyyy, Vietnam time), {{link}} (the tracked click URL), {{report_link}}, {{pixel}} (an
// <img> in HTML when the campaign tracks opens, else nothing) and, in landing.html, {{submit_url}}.
// {{date}} is the caller's formatDay() of the send day. Values are HTML-escaped in HTML files; an unknown placeholder is left as it is (content:check refuses it).

export type DrillValues = {
  fullName: string;
  email: string;
  agency: string;
  date: string;
  link: string;
  reportLink: string;
  /** The open-pixel URL, or null when the campaign does not track opens. */
  pixelUrl: string | null;
};

export const EMAIL_PLACEHOLDERS = ["full_name", "email", "agency", "date", "link", "report_link", "pixel"];
export const LANDING_PLACEHOLDERS = ["submit_url"];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fill(src: string, values: Record<string, string>, html: boolean): string {
  return src.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (m, name: string) => {
    if (!(name in values)) return m;
    const v = values[name];
    return html && name !== "pixel" ? escapeHtml(v) : v;
  });
}

export function renderDrillEmail(
  files: { subject: string; emailHtml: string; emailText: string },
  v: DrillValues,
): { subject: string; html: string; text: string } {
  const base = {
    full_name: v.fullName,
    email: v.email,
    agency: v.agency,
    date: v.date,
    link: v.link,
    report_link: v.reportLink,
  };
  const pixel = v.pixelUrl ? `<img src="${escapeHtml(v.pixelUrl)}" width="1" height="1" alt="">` : "";
  return {
    subject: fill(files.subject, base, false),
    html: fill(files.emailHtml, { ...base, pixel }, true),
    text: fill(files.emailText, { ...base, pixel: "" }, false),
  };
}

export function renderLanding(landingHtml: string, submitUrl: string): string {
  return fill(landingHtml, { submit_url: submitUrl }, true);
}

/** A template's text for a manager's page, its placeholders shown as "…" (filled per recipient when sent). */
export function withoutPlaceholders(text: string): string {
  return text.replace(/\{\{\s*[a-z_]+\s*\}\}/g, "…");
}
