// Content folder → database, all or nothing. A course whose files changed gets a new CourseVersion;
// old versions stay as they are, since enrollments and attempts point at them.
import { LONG_TX, db, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/modules/audit/audit.server";
import { loadPhishingTemplates } from "~/modules/phishing/template-load.server";
import { syncPhishingTemplates, type PhishingSyncResult } from "~/modules/phishing/template-sync.server";
import { loadContent, type ContentProblem, type LoadedCourse } from "./load.server";

export type SyncResult =
  | {
      ok: true;
      /** Codes of courses seen for the first time (version 1 created). */
      created: string[];
      /** Codes of courses whose current version changed: a new version, or back to an earlier one. */
      newVersions: string[];
      unchanged: string[];
      /** Codes of courses no longer in the folder, now inactive. */
      deactivated: string[];
      /** Codes of inactive courses back in the folder. */
      reactivated: string[];
      /** Drill templates (content/phishing/), when that folder exists. */
      phishing?: Extract<PhishingSyncResult, { ok: true }>;
    }
  | { ok: false; problems: ContentProblem[] };

type ExistingCourse = {
  id: string;
  code: string;
  title: string;
  topics: string[];
  active: boolean;
  currentVersionId: string | null;
};

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

async function createVersion(
  tx: Tx,
  courseId: string,
  c: LoadedCourse,
  previousId: string | null,
): Promise<string> {
  const last = await tx.courseVersion.aggregate({ where: { courseId }, _max: { version: true } });
  // A course.yaml keeps `recertify: true` until someone removes it; the flag counts once, on the version
  // whose reason is new (a later edit with the same reason is not another material change). Decision 012.
  const previous = previousId
    ? await tx.courseVersion.findUnique({
        where: { id: previousId },
        select: { recertify: true, recertifyReason: true },
      })
    : null;
  // A first version has no previous one to differ from: nothing to recertify against.
  const recertify =
    c.recertify && !!previous && !(previous.recertify && previous.recertifyReason === c.recertifyReason);
  const version = await tx.courseVersion.create({
    data: {
      courseId,
      version: (last._max.version ?? 0) + 1,
      contentHash: c.contentHash,
      title: c.title,
      summary: c.summary,
      topics: c.topics,
      audience: c.audience as Prisma.InputJsonValue,
      estimatedMinutes: c.estimatedMinutes,
      validityMonths: c.validityMonths,
      passMark: c.passMark,
      questionCount: c.questionCount,
      timeLimitMinutes: c.timeLimitMinutes,
      maxAttempts: c.maxAttempts,
      reviewedAt: new Date(`${c.reviewedAt}T00:00:00Z`),
      recertify,
      recertifyReason: c.recertifyReason,
      citations: c.citations as unknown as Prisma.InputJsonValue,
      lessons: {
        createMany: {
          data: c.lessons.map((l) => ({
            position: l.position,
            slug: l.slug,
            title: l.title,
            html: l.html,
            citations: l.citations,
          })),
        },
      },
      questions: {
        createMany: {
          data: c.questions.map((q) => ({
            key: q.key,
            type: q.type,
            text: q.text,
            options: q.options,
            answer: q.answer,
            whys: q.whys,
            explanation: q.explanation,
          })),
        },
      },
    },
    select: { id: true },
  });
  return version.id;
}

/**
 * Loads `dir` and, when it has no problems, writes it in one transaction. Idempotent: a second run
 * with the same files changes nothing (not even updatedAt) and writes no audit event.
 */
export async function syncContent(
  dir: string,
  opts: { actorUserId?: string | null } = {},
): Promise<SyncResult> {
  const { courses, problems } = await loadContent(dir);
  const phishing = await loadPhishingTemplates(dir);
  if (problems.length || phishing.problems.length)
    return { ok: false, problems: [...problems, ...phishing.problems] };

  return db.$transaction(
    async (tx) => {
      // Two syncs at once would race for the same version numbers; the second waits for the first.
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('content.sync'))");

      const existing = new Map<string, ExistingCourse>(
        (
          await tx.course.findMany({
            select: { id: true, code: true, title: true, topics: true, active: true, currentVersionId: true },
          })
        ).map((c) => [c.code, c]),
      );
      const result = {
        ok: true as const,
        created: [] as string[],
        newVersions: [] as string[],
        unchanged: [] as string[],
        deactivated: [] as string[],
        reactivated: [] as string[],
      };

      for (const c of courses) {
        const before = existing.get(c.code);
        let course = before;
        if (!course) {
          course = await tx.course.create({
            data: { code: c.code, title: c.title, topics: c.topics },
            select: { id: true, code: true, title: true, topics: true, active: true, currentVersionId: true },
          });
          result.created.push(c.code);
        } else if (course.title !== c.title || !sameList(course.topics, c.topics) || !course.active) {
          await tx.course.update({
            where: { id: course.id },
            data: { title: c.title, topics: c.topics, active: true },
          });
          if (!course.active) result.reactivated.push(c.code);
        }

        const same = await tx.courseVersion.findUnique({
          where: { courseId_contentHash: { courseId: course.id, contentHash: c.contentHash } },
          select: { id: true },
        });
        // Files back to an earlier version's content: that version becomes current again, no copy is made.
        const versionId = same?.id ?? (await createVersion(tx, course.id, c, course.currentVersionId));
        if (course.currentVersionId !== versionId) {
          await tx.course.update({ where: { id: course.id }, data: { currentVersionId: versionId } });
          if (before) result.newVersions.push(c.code);
        } else {
          result.unchanged.push(c.code);
        }
      }

      const inFolder = new Set(courses.map((c) => c.code));
      const gone = [...existing.values()].filter((c) => c.active && !inFolder.has(c.code)).map((c) => c.code);
      if (gone.length) {
        await tx.course.updateMany({ where: { code: { in: gone } }, data: { active: false } });
        result.deactivated.push(...gone.sort());
      }

      const drills = await syncPhishingTemplates(tx, phishing, opts);
      // Refused above already (same loaded set); kept for the type.
      if (!drills.ok) throw new Error("phishing templates changed during the sync");

      const { ok: _ok, unchanged, ...changes } = result;
      if (Object.values(changes).some((list) => list.length)) {
        await audit(
          {
            actorUserId: opts.actorUserId ?? null,
            action: "content.sync",
            entityType: "Course",
            data: { ...changes, unchanged: unchanged.length },
          },
          tx,
        );
      }
      return phishing.present ? { ...result, phishing: drills } : result;
    },
    { maxWait: LONG_TX.maxWait, timeout: LONG_TX.timeout },
  );
}
