// Server half of the upload → preview → confirm pages (people.import, targets.completions.import): read the
// multipart body with a size limit, parse it with the page's intents, and put what is wrong with the file
// next to the file field — a file over the limit, a refused file (DomainError), a file the import could
// not read at all.
import type { Submission } from "@conform-to/react";
import { data, MaxPartSizeExceededError } from "@remix-run/node";
import type { z } from "zod";
import { type ImportProblem, wholeFileProblems } from "~/domain/imports";
import type { MessageKey } from "~/i18n";
import { domainErrorReply, invalidReply, parseSubmission } from "./conform.server";
import { DomainError } from "./errors";
import { getLocale, serverT } from "./i18n.server";
import { readForm } from "./read-form.server";

/**
 * The parsed upload form, or the reply that ends the action: a file over `maxPartSize` (413) or a form
 * that did not parse (400), each next to its field.
 */
export async function parseUpload<S extends z.ZodType>(
  request: Request,
  schema: S,
  limit: { maxPartSize: number; tooLarge: MessageKey },
) {
  let formData: FormData;
  try {
    formData = await readForm(request, { maxPartSize: limit.maxPartSize });
  } catch (e) {
    if (!(e instanceof MaxPartSizeExceededError)) throw e;
    const message = serverT(request)(limit.tooLarge);
    return {
      reply: data({ status: "error" as const, error: { file: [message] } }, { status: 413 }),
    } as const;
  }
  const submission = await parseSubmission(request, schema, { formData });
  if (submission.status !== "success") return { reply: invalidReply(submission) } as const;
  return { submission, value: submission.value, locale: getLocale(request) } as const;
}

/** A refused file: its domain error next to the file field (403/404 still thrown as pages). */
export function fileErrorReply(submission: Submission<unknown>, error: unknown, request: Request) {
  if (error instanceof DomainError && !error.field && error.status !== 403 && error.status !== 404)
    return domainErrorReply(
      submission,
      new DomainError(error.key, { params: error.params, status: error.status, field: "file" }),
      request,
    );
  return domainErrorReply(submission, error, request);
}

/** The reply for a preview whose only problems are about the whole file; null when there are rows to show. */
export function wholeFileReply(submission: Submission<unknown>, errors: readonly ImportProblem[]) {
  const problems = wholeFileProblems(errors);
  return problems ? data(submission.reply({ fieldErrors: { file: problems } }), { status: 400 }) : null;
}
