// Message lookup for both locales. Each domain keeps its strings in its own file; this merges them.
import { common } from "./common";
import { people } from "./people";
import { agencies } from "./agencies";
import { admin } from "./admin";
import { learning } from "./learning";
import { assignments } from "./assignments";
import { targets } from "./targets";
import { scheduling } from "./scheduling";
import { coordinator } from "./coordinator";
import { dates } from "./dates";

export type Locale = "vi" | "en";
export const LOCALES: Locale[] = ["vi", "en"];

const vi = {
  ...common.vi,
  ...people.vi,
  ...agencies.vi,
  ...admin.vi,
  ...learning.vi,
  ...assignments.vi,
  ...targets.vi,
  ...scheduling.vi,
  ...coordinator.vi,
  ...dates.vi,
};
const en: Record<keyof typeof vi, string> = {
  ...common.en,
  ...people.en,
  ...agencies.en,
  ...admin.en,
  ...learning.en,
  ...assignments.en,
  ...targets.en,
  ...scheduling.en,
  ...coordinator.en,
  ...dates.en,
};

export type MessageKey = keyof typeof vi;
const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = dictionaries[locale][key] ?? vi[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export function parseLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : "vi";
}
