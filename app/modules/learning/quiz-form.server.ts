// Reading the quiz form on the server: body checks through readForm (a JSON or empty POST is a 415/400 with
// a message in the user's language, not a 500), then the shared schema through conform.
import { parseWithZod } from "@conform-to/zod/v4";
import { readForm } from "~/utils/read-form.server";
import { quizFields, quizFormSchema } from "./quiz-form";
import { formatIssues } from "~/utils/forms";
import { getLocale } from "~/utils/i18n.server";

/** The quiz form's submission, or a thrown 415/400 when the body is not a readable form. */
export async function readQuizForm(request: Request) {
  const form = await readForm(request);
  return parseWithZod(quizFields(form), {
    schema: quizFormSchema,
    formatError: formatIssues(getLocale(request)),
  });
}
