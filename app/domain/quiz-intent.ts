// The quiz form's schema, for the server only (its actions read it through
// ~/modules/learning/quiz-form.server.ts): the page's fields are clicked, not typed, so the browser ships
// no schema (decision 009) and the module checks every choice against the attempt.
import { z } from "zod";
import type { QuizIntent, QuizSheet } from "./quiz";

const choice = z.string().max(4);
/** The sheet's fields; choices stay strings here: the module checks them against the attempt. */
export const quizSheet = z
  .record(z.string().max(100), z.union([choice, z.array(choice).max(100)]))
  .optional() satisfies z.ZodType<QuizSheet>;

/**
 * The quiz form's intents. review: save the sheet and ask "submit?" (the no-JS confirmation step); submit:
 * grade it; save: save it (the autosave). Permissions: app/modules/learning/intents.ts.
 */
export const quizIntent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("review"), q: quizSheet }),
  z.object({ intent: z.literal("submit"), q: quizSheet }),
  z.object({ intent: z.literal("save"), q: quizSheet }),
]);
type SchemaIntent = z.infer<typeof quizIntent>["intent"];
/** quiz.ts's QuizIntent (what the browser posts) names exactly the schema's intents: a type error otherwise. */
export type SameIntents = [QuizIntent, SchemaIntent] extends [SchemaIntent, QuizIntent] ? true : never;
const sameIntents: SameIntents = true;
void sameIntents;
