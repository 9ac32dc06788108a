import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** zod issues → { field: first message }, for showing next to each input. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    out[key] ??= issue.message;
    // An item of a list (tags.2) is shown next to the list's own field.
    if (issue.path.length > 1) out[String(issue.path[0])] ??= issue.message;
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
