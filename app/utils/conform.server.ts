// A refused domain rule as a conform reply: the message next to its field (DomainError.field) or above the
// form; 403/404 stay error pages.
import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import { DomainError } from "./errors";

export function domainErrorReply(submission: Submission<unknown>, error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 403 || error.status === 404)
    throw data({ message: error.message }, { status: error.status });
  const reply = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [error.message] } })
    : submission.reply({ formErrors: [error.message] });
  return data(reply, { status: error.status });
}
