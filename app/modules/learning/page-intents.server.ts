// The course and lesson pages' intents as their actions import them: through a .server module, which the
// browser build replaces with an empty one, so those pages do not ship zod (their buttons post without a
// schema: IntentForm; the action alone checks).
export { COURSE_INTENT_PERMISSION, courseIntent, LESSON_INTENT_PERMISSION, lessonIntent } from "./intents";
