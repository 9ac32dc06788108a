// Server half of the forms design (docs/decisions/009-forms-and-intents.md): read the body with readForm
// (400/415 instead of a 500), parse it with the form's zod schema in the reader's locale, answer a failed
// parse with conform's reply and status 400, and turn a refused domain rule into a field or form error.
import type { Submission } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data } from "@remix-run/node";
import type { z } from "zod";
import type { Locale } from "~/i18n";
import { DomainError } from "./errors";
import { formatIssues } from "./forms";
import { errorBody } from "./http.server";
import { getLocale } from "./i18n.server";
import { readForm, type ReadFormOptions } from "./read-form.server";

export type ParseOptions = ReadFormOptions & {
  /** A form already read (e.g. to pick the schema by its intent first). */
  formData?: FormData;
  disableAutoCoercion?: boolean;
};

/** readForm + parseWithZod with messages in the reader's locale. */
export async function parseSubmission<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: ParseOptions = {},
) {
  const formData = options.formData ?? (await readForm(request, options));
  return parseWithZod(formData, {
    schema,
    formatError: formatIssues(getLocale(request)),
    disableAutoCoercion: options.disableAutoCoercion,
  });
}

/** The reply for a submission that did not parse: the field errors, status 400. */
export function invalidReply(submission: Submission<unknown>) {
  return data(submission.reply(), { status: 400 });
}

export function domainErrorReply(submission: Submission<unknown>, error: unknown, request: Request | Locale) {
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 403 || error.status === 404)
    throw data(errorBody(error.ref), { status: error.status });
  const message = error.render(typeof request === "string" ? request : getLocale(request));
  const reply = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [message] } })
    : submission.reply({ formErrors: [message] });
  return data(reply, { status: error.status });
}
