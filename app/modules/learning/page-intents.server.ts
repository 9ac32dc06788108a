// The learner pages' intents as their actions import them: through a .server module, which the browser
// build replaces with an empty one, so the course, lesson and quiz pages do not ship zod (their forms post
// without a schema: IntentForm, usePostForm; the action alone checks).
export {
  COURSE_INTENT_PERMISSION,
  courseIntent,
  LESSON_INTENT_PERMISSION,
  lessonIntent,
  QUIZ_INTENT_PERMISSION,
} from "./intents";
