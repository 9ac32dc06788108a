// A course version's content never changes once written (decision 012: every content change is a new
// CourseVersion with new Lesson rows), so each process keeps what its learners read, by id: the course and
// lesson pages then ask the database only for what is the learner's own (enrollment, progress) and which
// version is current. Only content is kept: the recertify flags, which may be set after the fact, are not.
// Bounded: past MAX entries the map starts again (a province has a few dozen versions, not thousands).
import { db, forgetOnClose } from "~/db.server";

const MAX = 500;

function memo<T>(load: (id: string) => Promise<T>) {
  const cache = new Map<string, Promise<T>>();
  forgetOnClose(() => cache.clear());
  return (id: string): Promise<T> => {
    const hit = cache.get(id);
    if (hit) return hit;
    if (cache.size >= MAX) cache.clear();
    const p = load(id);
    cache.set(id, p);
    // A failed read (a missing row, a lost connection) is not kept.
    p.catch(() => cache.delete(id));
    return p;
  };
}

/** A version's page content (and audience hints) and its lessons in order, without their text. Throws when none. */
export const versionContent = memo((id: string) =>
  db.courseVersion.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      version: true,
      title: true,
      summary: true,
      topics: true,
      estimatedMinutes: true,
      validityMonths: true,
      passMark: true,
      questionCount: true,
      timeLimitMinutes: true,
      maxAttempts: true,
      audience: true,
      citations: true,
      lessons: { orderBy: { position: "asc" }, select: { id: true, position: true, title: true } },
    },
  }),
);

/** A lesson's text (rendered HTML, stored at sync) and the register entries it cites. */
export const lessonContent = memo((id: string) =>
  db.lesson.findUniqueOrThrow({
    where: { id },
    select: { id: true, title: true, html: true, position: true, citations: true },
  }),
);
