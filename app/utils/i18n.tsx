import { useRouteLoaderData } from "@remix-run/react";
import { type Locale, type MessageKey, type MessageParams, translate } from "~/i18n";

type RootData = { locale: Locale };

export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as RootData | undefined;
  return data?.locale ?? "vi";
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey, vars?: MessageParams) => translate(locale, key, vars);
}
