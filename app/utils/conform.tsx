// The one way a form is set up in the browser: conform's useForm with the form's zod schema (the same one the
// action parses), errors in the reader's locale, checked on blur and again as the user types. Pair it with
// parseSubmission() in the action (app/utils/conform.server.ts) and <Field field={fields.x}> for each input.
import { type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { formatIssues } from "~/utils/forms";
import { useLocale } from "~/utils/i18n";

export type ZodFormOptions = {
  /** The action's reply (useActionData / fetcher.data), so server errors show next to their fields. */
  lastResult?: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Record<string, unknown>;
  /** Needed when a page has several forms of one schema (one id each). */
  id?: string;
  /** zod's coercion of empty strings and numbers off, for schemas that read the raw strings themselves. */
  disableAutoCoercion?: boolean;
  /** "onSubmit" for short forms whose fields are filled in one go (a code, a confirmation). */
  shouldValidate?: "onSubmit" | "onBlur" | "onInput";
};

export function useZodForm<S extends z.ZodType>(schema: S, options: ZodFormOptions = {}) {
  const locale = useLocale();
  const shouldValidate = options.shouldValidate ?? "onBlur";
  return useForm<z.input<S> & Record<string, unknown>, z.output<S>>({
    id: options.id,
    lastResult: options.lastResult ?? undefined,
    defaultValue: options.defaultValue as never,
    onValidate: ({ formData }) =>
      parseWithZod(formData, {
        schema,
        formatError: formatIssues(locale),
        disableAutoCoercion: options.disableAutoCoercion,
      }) as never,
    shouldValidate,
    shouldRevalidate: "onInput",
  });
}
