// The drill template pages (/phishing/templates): who may see them, the list, and one template's preview
// rendered with sample values. Templates are province-wide content, so the list is not scoped by agency;
// seeing it needs drill powers somewhere (a PHISHING_MANAGER grant, or admin).
import { db } from "~/db.server";
import type { Actor } from "~/modules/auth/scope";
import { phishingScope } from "~/modules/auth/scope";
import { requireActor } from "~/modules/auth/guards.server";
import { renderMarkdown } from "~/modules/content/markdown.server";
import { forbidden } from "~/utils/http.server";
import { formatDay } from "~/utils/vn-calendar";
import { renderDrillEmail, renderLanding } from "./render";
import type { RedFlag } from "./template-load.server";

/** A signed-in drill manager or admin; anyone else gets 403. */
export async function requireDrillManager(request: Request): Promise<Actor> {
  const actor = await requireActor(request);
  const scope = phishingScope(actor);
  if (scope !== "ALL" && scope.length === 0) forbidden();
  return actor;
}

export type TemplateRow = {
  code: string;
  title: string;
  subject: string;
  senderName: string;
  senderAddress: string;
  difficulty: number;
  redFlagCount: number;
  version: number;
};

const asFlags = (v: unknown): RedFlag[] => (Array.isArray(v) ? (v as RedFlag[]) : []);

/** Active templates with their current version, by title. */
export async function listTemplates(): Promise<TemplateRow[]> {
  const templates = await db.phishingTemplate.findMany({
    where: { active: true, currentVersionId: { not: null } },
    select: { code: true, currentVersionId: true },
  });
  const versions = await db.phishingTemplateVersion.findMany({
    where: { id: { in: templates.map((t) => t.currentVersionId!) } },
    select: {
      id: true,
      title: true,
      subject: true,
      senderName: true,
      senderAddress: true,
      difficulty: true,
      redFlags: true,
      version: true,
    },
  });
  const byId = new Map(versions.map((v) => [v.id, v]));
  return templates
    .flatMap((t) => {
      const v = byId.get(t.currentVersionId!);
      if (!v) return [];
      const { redFlags, id: _id, ...rest } = v;
      return [{ code: t.code, ...rest, redFlagCount: asFlags(redFlags).length }];
    })
    .sort((a, b) => a.title.localeCompare(b.title, "vi"));
}

export type TemplatePreview = TemplateRow & {
  active: boolean;
  redFlags: RedFlag[];
  followUpCourseCode: string | null;
  /** The email and the landing page filled with sample values, for a sandboxed iframe's srcdoc. */
  emailHtml: string;
  emailText: string;
  renderedSubject: string;
  landingHtml: string;
  lessonHtml: string;
};

/** One template's current version rendered for `sample` (the viewer), or null when there is none. */
export async function templatePreview(
  code: string,
  sample: { fullName: string; email: string; agency: string },
  now: Date = new Date(),
): Promise<TemplatePreview | null> {
  const template = await db.phishingTemplate.findUnique({
    where: { code },
    select: { code: true, active: true, currentVersionId: true },
  });
  if (!template?.currentVersionId) return null;
  const v = await db.phishingTemplateVersion.findUniqueOrThrow({ where: { id: template.currentVersionId } });
  const redFlags = asFlags(v.redFlags);
  // Links go nowhere in a preview: "#" stays inside the sandboxed frame.
  const filled = renderDrillEmail(
    { subject: v.subject, emailHtml: v.emailHtml, emailText: v.emailText },
    { ...sample, date: formatDay(now), link: "#", reportLink: "#", pixelUrl: null },
  );
  return {
    code: template.code,
    active: template.active,
    title: v.title,
    subject: v.subject,
    renderedSubject: filled.subject,
    senderName: v.senderName,
    senderAddress: v.senderAddress,
    difficulty: v.difficulty,
    redFlagCount: redFlags.length,
    redFlags,
    version: v.version,
    followUpCourseCode: v.followUpCourseCode,
    emailHtml: filled.html,
    emailText: filled.text,
    landingHtml: renderLanding(v.landingHtml, "#"),
    lessonHtml: renderMarkdown(v.lessonMarkdown),
  };
}
