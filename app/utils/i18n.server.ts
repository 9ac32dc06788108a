import { type Locale, parseLocale, translate, type MessageKey, type MessageParams } from "~/i18n";
import { readCookie } from "~/modules/auth/session.server";

export const LANG_COOKIE = "hoc_lang";

export function getLocale(request: Request): Locale {
  return parseLocale(readCookie(request, LANG_COOKIE));
}

export function serverT(request: Request) {
  const locale = getLocale(request);
  return (key: MessageKey, vars?: MessageParams) => translate(locale, key, vars);
}
