// The learner pages' actions, each declared once with what it needs. Every one is the learner's own: the
// route requires a learner and the services read and write only the caller's records (actor.personId).
import { z } from "zod";
import { quizIntent } from "~/domain/quiz";
import { UUID_PATTERN } from "~/utils/uuid";
import type { IntentPermissions } from "~/utils/intents";

type LearningPermission = "learner";

/** The quiz form (attempts.$attemptId and its autosave route); the schema is the page's, in ~/domain/quiz. */
export { quizIntent };
export const QUIZ_INTENT_PERMISSION = {
  review: "learner",
  submit: "learner",
  save: "learner",
} as const satisfies IntentPermissions<typeof quizIntent, LearningPermission>;

/** The course page (courses.$code._index): start (or resume) the quiz, or start a recertification. */
export const courseIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("renew") }),
]);
export const COURSE_INTENT_PERMISSION = {
  start: "learner",
  renew: "learner",
} as const satisfies IntentPermissions<typeof courseIntent, LearningPermission>;

const lessonId = z.string().regex(UUID_PATTERN);

/** A lesson page (courses.$code.lessons.$position): mark it read, or remember how far down it was read. */
export const lessonIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("done"), lessonId }),
  z.object({ intent: z.literal("position"), lessonId, position: z.coerce.number().min(0).max(1) }),
]);
export const LESSON_INTENT_PERMISSION = {
  done: "learner",
  position: "learner",
} as const satisfies IntentPermissions<typeof lessonIntent, LearningPermission>;
