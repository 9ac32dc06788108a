// The browser gets one locale's messages as a script (app/i18n/script.server.ts): its text sets exactly that
// locale's dictionary, the page names a versioned address cached for a year, an old address is revalidated.
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import type { ShippedMessages } from "~/i18n";
import { dictionaries } from "~/i18n/messages.server";
import { localeScriptResponse, localeScriptUrl } from "~/i18n/script.server";

const fileOf = (url: string) => url.replace(/^\/i18n\//, "");

describe("locale script", () => {
  it("sets the locale's messages, and only that locale's", async () => {
    for (const locale of ["vi", "en"] as const) {
      const response = localeScriptResponse(fileOf(localeScriptUrl(locale)))!;
      expect(response.headers.get("Content-Type")).toBe("application/javascript; charset=utf-8");
      const sandbox: { __hocMessages?: ShippedMessages } = {};
      vm.runInNewContext(await response.text(), vm.createContext(sandbox));
      expect(sandbox.__hocMessages!.locale).toBe(locale);
      expect(sandbox.__hocMessages!.messages).toEqual(dictionaries[locale]);
    }
  });

  it("is immutable under the current version's name, revalidated under another, absent otherwise", () => {
    const url = localeScriptUrl("en");
    expect(url).toMatch(/^\/i18n\/en\.[0-9a-f]{12}\.js$/);
    expect(localeScriptUrl("vi")).not.toBe(url.replace("/en.", "/vi."));
    expect(localeScriptResponse(fileOf(url))!.headers.get("Cache-Control")).toBe(
      "public, max-age=31536000, immutable",
    );
    for (const old of ["en.js", "en.000000000000.js"])
      expect(localeScriptResponse(old)!.headers.get("Cache-Control"), old).toBe("no-cache");
    for (const other of ["fr.js", "en.json", "../en.js", "en.12.js"])
      expect(localeScriptResponse(other), other).toBeNull();
  });
});
