// Quiz attempts, the module's public face: start (or resume) and list (start.server.ts), take, save and
// submit (answers.server.ts, graded exactly once by grade.server.ts), results and the attempt page
// (result.server.ts). Every function takes the caller's personId from the session.
export { getAttemptForTaking, saveAnswers, submitAttempt } from "./answers.server";
export type { AttemptForTaking, OpenAttempt, SaveResult } from "./answers.server";
export type { SubmitResult } from "./grade.server";
export type { AttemptAnswers, AttemptItem } from "./grading";
export { clearQuizCache } from "./paper.server";
export { getAttemptPage, getAttemptResult } from "./result.server";
export type { AttemptPage, AttemptResult, AttemptReview, ReviewItem } from "./result.server";
export { listAttempts, startAttempt, startCourseQuiz } from "./start.server";
export type { AttemptSummary } from "./start.server";
