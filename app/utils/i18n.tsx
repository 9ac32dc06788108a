import { useRouteLoaderData } from "@remix-run/react";
import { type Locale, type MessageKey, type MessageParams, parseLocale, translate } from "~/i18n";

type RootData = { locale: Locale };

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data?.locale ?? "vi";
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey, vars?: MessageParams) => translate(locale, key, vars);
}

type MetaMatch = { id: string; data?: unknown };

/** A page title in the reader's locale, for `meta`: the root loader's data carries the locale. */
export function pageTitle(matches: readonly MetaMatch[], key: MessageKey, vars?: MessageParams): string {
  const root = matches.find((m) => m.id === "root")?.data as Partial<RootData> | undefined;
  return `${translate(parseLocale(root?.locale), key, vars)} — Học ATTT`;
}
