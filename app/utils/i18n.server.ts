import { type Locale, parseLocale, translate, type MessageKey } from "~/i18n";
import { readCookie } from "~/modules/auth/session.server";

export const LANG_COOKIE = "hoc_lang";

export function getLocale(request: Request): Locale {
  return parseLocale(readCookie(request, LANG_COOKIE));
}

export function serverT(request: Request) {
  const locale = getLocale(request);
  return (key: MessageKey, vars?: Record<string, string | number>) => translate(locale, key, vars);
}
