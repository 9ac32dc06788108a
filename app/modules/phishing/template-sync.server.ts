// content/phishing/ → PhishingTemplate and its versions, inside the content sync's transaction. A template
// whose files changed gets version n+1; old versions stay, since campaigns and recipients point at them.
import type { Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/modules/audit/audit.server";
import type { ContentProblem } from "~/modules/content/schema";
import {
  loadPhishingTemplates,
  type LoadedPhishingTemplate,
  type LoadedPhishingTemplates,
} from "./template-load.server";

export type PhishingSyncResult =
  | {
      ok: true;
      created: string[];
      /** Codes whose current version changed: a new version, or back to an earlier one's files. */
      newVersions: string[];
      unchanged: string[];
      deactivated: string[];
      reactivated: string[];
    }
  | { ok: false; problems: ContentProblem[] };

function versionData(t: LoadedPhishingTemplate) {
  return {
    contentHash: t.contentHash,
    title: t.title,
    senderName: t.senderName,
    senderAddress: t.senderAddress,
    subject: t.subject,
    difficulty: t.difficulty,
    redFlags: t.redFlags as unknown as Prisma.InputJsonValue,
    lessonMarkdown: t.lessonMarkdown,
    followUpCourseCode: t.followUpCourseCode,
    emailHtml: t.emailHtml,
    emailText: t.emailText,
    landingHtml: t.landingHtml,
  };
}

/**
 * Writes the templates of `<dir>/phishing/` (or an already loaded set) with `tx`. Refuses, writing
 * nothing, when any folder has a problem. Idempotent: the same files twice change nothing and audit
 * nothing. An absent phishing/ folder leaves the stored templates alone; an empty one retires them all.
 */
export async function syncPhishingTemplates(
  tx: Tx,
  dir: string | LoadedPhishingTemplates,
  opts: { actorUserId?: string | null } = {},
): Promise<PhishingSyncResult> {
  const loaded = typeof dir === "string" ? await loadPhishingTemplates(dir) : dir;
  if (loaded.problems.length) return { ok: false, problems: loaded.problems };
  const result = {
    ok: true as const,
    created: [] as string[],
    newVersions: [] as string[],
    unchanged: [] as string[],
    deactivated: [] as string[],
    reactivated: [] as string[],
  };
  if (!loaded.present) return result;

  // Two syncs at once would race for the same version numbers; the second waits for the first.
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('phishing.templates.sync'))");
  const existing = new Map(
    (
      await tx.phishingTemplate.findMany({
        select: { id: true, code: true, active: true, currentVersionId: true },
      })
    ).map((t) => [t.code, t]),
  );

  for (const t of loaded.templates) {
    let template = existing.get(t.code);
    if (!template) {
      template = await tx.phishingTemplate.create({
        data: { code: t.code },
        select: { id: true, code: true, active: true, currentVersionId: true },
      });
      result.created.push(t.code);
    } else if (!template.active) {
      await tx.phishingTemplate.update({ where: { id: template.id }, data: { active: true } });
      result.reactivated.push(t.code);
    }
    const same = await tx.phishingTemplateVersion.findUnique({
      where: { templateId_contentHash: { templateId: template.id, contentHash: t.contentHash } },
      select: { id: true },
    });
    let versionId = same?.id;
    if (!versionId) {
      const last = await tx.phishingTemplateVersion.aggregate({
        where: { templateId: template.id },
        _max: { version: true },
      });
      versionId = (
        await tx.phishingTemplateVersion.create({
          data: { templateId: template.id, version: (last._max.version ?? 0) + 1, ...versionData(t) },
          select: { id: true },
        })
      ).id;
    }
    if (template.currentVersionId !== versionId) {
      await tx.phishingTemplate.update({ where: { id: template.id }, data: { currentVersionId: versionId } });
      if (!result.created.includes(t.code)) result.newVersions.push(t.code);
    } else result.unchanged.push(t.code);
  }

  const inFolder = new Set(loaded.templates.map((t) => t.code));
  const gone = [...existing.values()].filter((t) => t.active && !inFolder.has(t.code)).map((t) => t.code);
  if (gone.length) {
    await tx.phishingTemplate.updateMany({ where: { code: { in: gone } }, data: { active: false } });
    result.deactivated.push(...gone.sort());
  }

  const { ok: _ok, unchanged, ...changes } = result;
  if (Object.values(changes).some((list) => list.length))
    await audit(
      {
        actorUserId: opts.actorUserId ?? null,
        action: "phishing.templates.sync",
        entityType: "PhishingTemplate",
        data: { ...changes, unchanged: unchanged.length },
      },
      tx,
    );
  return result;
}
