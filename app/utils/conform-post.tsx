// A conform form the server alone checks: no schema (and so no zod) in the browser. For posts whose fields
// the user does not type (hidden ids, an intent button, the language switch, sign-out): a check in the
// browser could only repeat the action's, and it cost every page that shows such a button the ~86 KB gzip
// of zod. The action still parses with the form's zod schema (parseSubmission) and its reply, passed as
// lastResult, shows the refusal next to the button. Forms with typed fields use useZodForm (conform.tsx).
import { type SubmissionResult, useForm } from "@conform-to/react";

export type PostFormOptions = {
  /** The action's reply (useActionData / fetcher.data) to this form. */
  lastResult?: SubmissionResult<string[]> | null | undefined;
  /** One per form of the page (conform ties its errors to it). */
  id?: string;
};

export function usePostForm(options: PostFormOptions = {}) {
  return useForm({ id: options.id, lastResult: options.lastResult ?? undefined, shouldValidate: "onSubmit" });
}
