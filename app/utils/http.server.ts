// Small helpers for throwing HTTP responses from loaders and actions.
import type { z } from "zod";
import { DomainError } from "./errors";
import { data } from "@remix-run/node";
import { type Locale, type MessageKey, type MessageParams, type MessageRef, translate } from "~/i18n";
import { getLocale } from "./i18n.server";

/**
 * The body of a thrown error page: the Vietnamese text plus the key, which the error boundary renders
 * in the reader's locale (a thrown response has no request to read the locale from).
 */
export function errorBody(message: MessageKey | MessageRef, params?: MessageParams) {
  const ref = typeof message === "string" ? { key: message, params } : message;
  return { message: translate("vi", ref.key, ref.params), messageKey: ref.key, params: ref.params ?? {} };
}

export function forbidden(
  message: MessageKey | MessageRef = "http.forbidden",
  params?: MessageParams,
): never {
  throw data(errorBody(message, params), { status: 403 });
}

export function notFound(message: MessageKey | MessageRef = "http.notFound", params?: MessageParams): never {
  throw data(errorBody(message, params), { status: 404 });
}

export function badRequest(message: MessageKey | MessageRef, params?: MessageParams): never {
  throw data(errorBody(message, params), { status: 400 });
}

export function invariantResponse(
  condition: unknown,
  message: MessageKey | MessageRef,
  init: { status: number } = { status: 404 },
): asserts condition {
  if (!condition) throw data(errorBody(message), init);
}

function stripControls(s: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return s.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, "");
}

export function clientIp(request: Request): string {
  // Behind a reverse proxy the first X-Forwarded-For hop is the client; express also sets it for us.
  const xff = request.headers.get("x-forwarded-for");
  if (xff) return xff.split(",")[0]!.trim();
  return request.headers.get("x-real-ip") ?? "unknown";
}

/**
 * Turns a DomainError from a service into what the route returns: 403/404 are thrown as error pages,
 * other statuses become field errors shown next to the form. Anything else is rethrown (a real 500).
 */
export function domainErrorData(error: unknown, request: Request | Locale) {
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 403 || error.status === 404)
    throw data(errorBody(error.ref), { status: error.status });
  const locale = typeof request === "string" ? request : getLocale(request);
  return data(
    { errors: { [error.field ?? "form"]: error.render(locale) } as Record<string, string> },
    { status: error.status },
  );
}

/** Parses URL search params with a zod schema; bad values fall back to the schema's defaults. */
export function parseSearchParams<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  // Search text is never stored: control characters (a NUL would be a database error) and bad encoding go.
  const raw = Object.fromEntries(
    [...new URL(request.url).searchParams].map(([k, v]) => [k, stripControls(v)] as const),
  );
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Drop only the offending keys, so one bad parameter does not reset the whole page.
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k)));
  return schema.parse(cleaned);
}
