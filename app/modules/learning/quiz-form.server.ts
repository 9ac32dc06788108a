// Reading the quiz form on the server: body checks through readForm (a JSON or empty POST is a 415/400 with
// a message in the user's language, not a 500), only the quiz's own field names, then the intent schema.
import { quizFields } from "~/domain/quiz";
import { parseSubmission } from "~/utils/conform.server";
import { readForm } from "~/utils/read-form.server";
import { quizIntent } from "./intents";

/** The quiz form's submission, or a thrown 415/400 when the body is not a readable form. */
export async function readQuizForm(request: Request) {
  return parseSubmission(request, quizIntent, { formData: quizFields(await readForm(request)) });
}
