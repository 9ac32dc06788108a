// A refused domain rule as a conform reply: the message, in the reader's locale, next to its field
// (DomainError.field) or above the form; 403/404 stay error pages.
import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import type { Locale } from "~/i18n";
import { DomainError } from "./errors";
import { errorBody } from "./http.server";
import { getLocale } from "./i18n.server";

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
