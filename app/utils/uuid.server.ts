import type { MessageKey } from "~/i18n";
import { notFound } from "./http.server";
import { isUuid } from "./uuid";

/** A route parameter that must be an id: anything else is the page's 404, before any query. */
export function uuidParam(value: string | undefined, message: MessageKey = "error.404"): string {
  if (!isUuid(value)) notFound(message);
  return value;
}
