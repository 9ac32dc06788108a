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

const INTENTS: ReadonlySet<string> = new Set<QuizIntent>(["review", "submit", "save"]);
const QUESTION_FIELD = /^q\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const CHOICE = /^\d{1,2}$/;
export const MAX_QUESTIONS = 500;
export const MAX_CHOICES = 100;

/**
 * The quiz form as the page's background saves and submits post it (POST /attempts/<id>/answers), read
 * without a schema library: the one hot path of the quiz. Null when it is not such a form: no intent, an
 * unknown or repeated one, a choice that is not a number below 100, more than MAX_CHOICES choices for one
 * question or more than MAX_QUESTIONS questions. Other field names are ignored (as quizFields drops them).
 * The module then checks every choice against the attempt (its questions, its displayed options).
 */
export function readQuizPost(form: FormData): { intent: QuizIntent; sheet: AttemptAnswers } | null {
  let intent: QuizIntent | null = null;
  const sheet: AttemptAnswers = {}; // keys are question ids (uuids) only
  let questions = 0;
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    if (key === "intent") {
      if (intent !== null || !INTENTS.has(value)) return null;
      intent = value as QuizIntent;
      continue;
    }
    const questionId = QUESTION_FIELD.exec(key)?.[1];
    if (!questionId) continue;
    if (!CHOICE.test(value)) return null;
    let chosen = sheet[questionId];
    if (!chosen) {
      if (++questions > MAX_QUESTIONS) return null;
      chosen = sheet[questionId] = [];
    }
    if (chosen.length >= MAX_CHOICES) return null;
    chosen.push(Number(value));
  }
  return intent ? { intent, sheet } : null;
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
