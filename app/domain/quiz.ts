// The quiz answer sheet as a form, shared by the quiz page, its components, its action and the autosave
// route. Isomorphic and pure (no database): the browser uses the same field names and counts. No zod here:
// the page posts choices the learner clicks, never types, so only the server checks them (quiz-intent.ts,
// read through ~/modules/learning/quiz-form.server.ts) and the quiz page ships no schema library.

/** The learner's choices per question, as DISPLAYED option indexes. */
export type AttemptAnswers = Record<string, number[]>;

/** Field name of a question's choices: "q.<questionId>" (conform reads it as q[questionId]). */
export const answerField = (questionId: string) => `q.${questionId}`;

/** The quiz form's intents (schema and meaning: quiz-intent.ts). */
export type QuizIntent = "review" | "submit" | "save";

/** The sheet's fields as conform parses them; choices stay strings: the module checks them. */
export type QuizSheet = Record<string, string | string[]> | undefined;

const FIELD = /^(intent|q\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Only the fields the quiz form has. conform's path parser throws on names like "q..x" or "a[b" (a 500
 * for any fuzzed body); the page never sends such names, so they are dropped before parsing.
 */
export function quizFields(form: FormData): FormData {
  const clean = new FormData();
  for (const [key, value] of form.entries())
    if (FIELD.test(key) && typeof value === "string") clean.append(key, value);
  return clean;
}

/** Parsed fields → answers by question id; a non-numeric choice becomes NaN, which the module refuses. */
export function sheetFromForm(q: QuizSheet): AttemptAnswers {
  const sheet: AttemptAnswers = {};
  for (const [questionId, value] of Object.entries(q ?? {}))
    sheet[questionId] = (Array.isArray(value) ? value : [value]).map((v) =>
      /^\d+$/.test(v) ? Number(v) : NaN,
    );
  return sheet;
}

/** The sheet as form fields (what the browser posts for an autosave or a submit). */
export function sheetToFields(intent: QuizIntent, sheet: AttemptAnswers): URLSearchParams {
  const body = new URLSearchParams({ intent });
  for (const [questionId, chosen] of Object.entries(sheet))
    for (const i of chosen) body.append(answerField(questionId), String(i));
  return body;
}

/** What POST /attempts/<id>/answers answers (JSON). */
export type AnswersReply =
  | { ok: true; state: "saved" }
  | { ok: true; state: "closed"; message: string }
  | { ok: true; state: "graded"; passed: boolean; score: number }
  | { ok: false; message: string };

/** Whether a question has a choice in the sheet. */
export const isAnswered = (sheet: AttemptAnswers, questionId: string) => (sheet[questionId]?.length ?? 0) > 0;

/** Questions of the attempt with no choice yet, by their position (1-based) on the page. */
export function unansweredPositions(questionIds: readonly string[], sheet: AttemptAnswers): number[] {
  return questionIds.flatMap((id, i) => (isAnswered(sheet, id) ? [] : [i + 1]));
}

/** The id of a question's fieldset on the page (the navigator and the confirmation step link to it). */
export const questionAnchor = (position: number) => `q-${position}`;
