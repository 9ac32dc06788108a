// The learner pages' intents as their actions import them: through a .server module, which the browser
// build replaces with an empty one, so the course, lesson and quiz pages do not ship zod (their forms post
// without a schema: IntentForm, usePostForm; the action alone checks).
import type { z } from "zod";
import type { courseIntent } from "./intents";

export {
  COURSE_INTENT_PERMISSION,
  courseIntent,
  LESSON_INTENT_PERMISSION,
  lessonIntent,
  QUIZ_INTENT_PERMISSION,
} from "./intents";

/**
 * The course page's form (one field, `intent`) read by hand: its "start" is the first step of every quiz
 * loop, and conform with zod cost more there than the checks they make. Null for anything the schema would
 * refuse (no intent, an unknown or a repeated one): the caller then parses with the schema for its errors.
 */
export function readCourseIntent(form: FormData): z.infer<typeof courseIntent> | null {
  const intents = form.getAll("intent");
  if (intents.length !== 1) return null;
  const [intent] = intents;
  return intent === "start" || intent === "renew" ? { intent } : null;
}
