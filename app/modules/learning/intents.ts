// The learner pages' actions, each declared once with the permission it needs. Every one is the learner's
// own: the route requires a learner and the services read and write only the caller's records
// (actor.personId). The schemas live in ~/domain, where the pages' components read them too.
import { courseIntent, lessonIntent } from "~/domain/learning";
import { quizIntent } from "~/domain/quiz-intent";
import type { IntentPermissions } from "~/utils/intents";

type LearningPermission = "learner";

export { courseIntent, lessonIntent, quizIntent };

/** attempts.$attemptId and its autosave route attempts.$attemptId.answers. */
export const QUIZ_INTENT_PERMISSION = {
  review: "learner",
  submit: "learner",
  save: "learner",
} as const satisfies IntentPermissions<typeof quizIntent, LearningPermission>;

/** courses.$code._index */
export const COURSE_INTENT_PERMISSION = {
  start: "learner",
  renew: "learner",
} as const satisfies IntentPermissions<typeof courseIntent, LearningPermission>;

/** courses.$code.lessons.$position */
export const LESSON_INTENT_PERMISSION = {
  done: "learner",
  position: "learner",
} as const satisfies IntentPermissions<typeof lessonIntent, LearningPermission>;
