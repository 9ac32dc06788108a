// Reading the quiz form on the server: body checks (a JSON or empty POST is a 415/400, not a 500), then the
// shared schema through conform.
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import { quizFields, quizFormSchema } from "./quiz-form";
import { errorBody } from "~/utils/http.server";
import { formatIssues } from "~/utils/forms";
import { getLocale } from "~/utils/i18n.server";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The quiz form's submission, or a thrown 415 when the body is not a form. */
export async function readQuizForm(request: Request) {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) throw data(errorBody("http.formRequired"), { status: 415 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw data(errorBody("http.formUnreadable"), { status: 400 });
  }
  return parseWithZod(quizFields(form), {
    schema: quizFormSchema,
    formatError: formatIssues(getLocale(request)),
  });
}
