import type { z } from "zod";
import { isMessageKey, type Locale, type MessageParams, type MessageRef, translate } from "~/i18n";

export type FieldErrors = Record<string, string>;
type Issue = z.core.$ZodIssue;

/**
 * A zod issue as a message: schemas give message keys (`{ error: "people.nameRequired" }`), the limits of
 * min/max and a refinement's `params` fill its placeholders. zod's own English defaults become one
 * generic key, so nothing untranslated reaches the page.
 */
export function issueRef(issue: Issue): MessageRef {
  if (!isMessageKey(issue.message)) return { key: "validation.invalid" };
  const params: MessageParams = {};
  if ("maximum" in issue) params.maximum = Number(issue.maximum);
  if ("minimum" in issue) params.minimum = Number(issue.minimum);
  if ("values" in issue) params.values = issue.values.map(String).join(", ");
  if (issue.code === "custom" && issue.params) Object.assign(params, issue.params as MessageParams);
  return { key: issue.message, params };
}

export function issueMessage(locale: Locale, issue: Issue): string {
  const ref = issueRef(issue);
  return translate(locale, ref.key, ref.params);
}

/** For conform's parseWithZod: `formatError: formatIssues(locale)`. */
export const formatIssues = (locale: Locale) => (issues: Issue[]) =>
  issues.map((issue) => issueMessage(locale, issue));

/** zod issues → { field: first message in the reader's locale }, for showing next to each input. */
export function fieldErrors(error: z.ZodError, locale: Locale): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    const message = issueMessage(locale, issue);
    out[key] ??= message;
    // An item of a list (tags.2) is shown next to the list's own field.
    if (issue.path.length > 1) out[String(issue.path[0])] ??= message;
  }
  return out;
}

/** Only same-site relative paths are followed after login, never another host. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\"))
    return fallback;
  // A Location header holds ASCII only (Response throws otherwise, i.e. a 500): control characters such
  // as NUL or CR/LF are refused, other characters percent-encoded.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(to)) return fallback;
  try {
    return to.replace(/[^\x20-\x7e]+/g, (s) => encodeURIComponent(s));
  } catch {
    return fallback; // a lone surrogate
  }
}
