// The reader's locale for the browser, as a script of its own: cached for a year under a name that changes with
// its text (a new build with new messages gets a new name), instead of both locales inside every page's bundle
// or the page's data. The root layout loads it before the app's modules, which read globalThis.__hocMessages.
import { createHash } from "node:crypto";
import { type Locale, LOCALES, type ShippedMessages } from "./index";
import { dictionaries } from "./messages.server";

type LocaleScript = { url: string; body: string; version: string };

function localeScript(locale: Locale): LocaleScript {
  const shipped: ShippedMessages = { locale, messages: dictionaries[locale] };
  const body = `globalThis.__hocMessages=${JSON.stringify(shipped)};\n`;
  const version = createHash("sha256").update(body).digest("hex").slice(0, 12);
  return { url: `/i18n/${locale}.${version}.js`, body, version };
}

const scripts = Object.fromEntries(LOCALES.map((l) => [l, localeScript(l)])) as Record<Locale, LocaleScript>;

/** The address the page names for the locale's messages. */
export function localeScriptUrl(locale: Locale): string {
  return scripts[locale].url;
}

/**
 * The script for `/i18n/<locale>[.<version>].js`, or null for another name. The current version is immutable
 * for a year; an old or missing version gets today's text, revalidated on each use (a page from before a deploy).
 */
export function localeScriptResponse(file: string): Response | null {
  const m = /^(vi|en)(?:\.([0-9a-f]{12}))?\.js$/.exec(file);
  if (!m) return null;
  const script = scripts[m[1] as Locale];
  const current = m[2] === script.version;
  return new Response(script.body, {
    headers: {
      // As express.static labels the build's scripts, and the type deploy/nginx.conf compresses.
      "Content-Type": "application/javascript; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
