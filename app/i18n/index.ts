// Message lookup for both locales. Each domain keeps its pages' strings in its own file, and its server and
// validation messages (domain errors, zod field errors, flash notices, page titles) in ./errors, merged by
// ./messages.server. The server has both locales; the browser has only the reader's, loaded by the script the
// root layout names (globalThis.__hocMessages, see ./script.server.ts) before the app's modules run.
import { dictionaries, type MessageKey } from "./messages.server";

export type { MessageKey };
export type Locale = "vi" | "en";
export const LOCALES: Locale[] = ["vi", "en"];

type Catalogue = Record<MessageKey, string>;
/** What the locale script sets in the browser. */
export type ShippedMessages = { locale: Locale; messages: Catalogue };
declare global {
  var __hocMessages: ShippedMessages | undefined;
}

// `dictionaries` is undefined in the browser build (an emptied .server module): there, the shipped locale.
const serverDictionaries = dictionaries as Record<Locale, Catalogue> | undefined;
const NONE = {} as Catalogue;

/** The locale's messages and the fallback for a key it lacks (Vietnamese on the server, none in the browser). */
function catalogues(locale: Locale): [Catalogue, Catalogue] {
  if (serverDictionaries) return [serverDictionaries[locale], serverDictionaries.vi];
  // The browser has one locale (a full page load follows a switch): use it whatever the locale asked.
  return [globalThis.__hocMessages?.messages ?? NONE, NONE];
}

/** A message not yet rendered: a key and its values, translated where the reader's locale is known. */
export type MessageRef = { key: MessageKey; params?: MessageParams };
/** A value may itself be a message (a nested error) or a list of them (one per line). */
export type MessageParam = string | number | MessageRef | readonly (string | MessageRef)[];
export type MessageParams = Record<string, MessageParam>;

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(catalogues("vi")[0], value);
}

function renderParam(locale: Locale, value: MessageParam): string {
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value))
    return value.map((v: string | MessageRef) => `- ${renderParam(locale, v)}`).join("\n");
  const ref = value as MessageRef;
  return translate(locale, ref.key, ref.params);
}

export function translate(locale: Locale, key: MessageKey, vars?: MessageParams): string {
  const [messages, fallback] = catalogues(locale);
  const template = messages[key] ?? fallback[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    vars[name] === undefined ? whole : renderParam(locale, vars[name]),
  );
}

export function parseLocale(value: string | null | undefined): Locale {
  return value === "en" ? "en" : "vi";
}
