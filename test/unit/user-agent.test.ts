import { describe, expect, it } from "vitest";
import { parseUserAgent } from "~/modules/auth/user-agent";
import { methodOf } from "~/modules/auth/sessions.server";

describe("parseUserAgent: a short device label for the sessions page", () => {
  it.each([
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      { browser: "Chrome", os: "Windows", kind: "computer" },
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
      { browser: "Edge", os: "Windows", kind: "computer" },
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/128.0.192 Chrome/122.0.0.0 Safari/537.36",
      { browser: "Cốc Cốc", os: "Windows", kind: "computer" },
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
      { browser: "Safari", os: "macOS", kind: "computer" },
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      { browser: "Safari", os: "iPhone", kind: "phone" },
    ],
    [
      "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1",
      { browser: "Chrome", os: "iPad", kind: "tablet" },
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
      { browser: "Samsung Internet", os: "Android", kind: "phone" },
    ],
    [
      "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
      { browser: "Chrome", os: "Android", kind: "tablet" },
    ],
    [
      "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
      { browser: "Firefox", os: "Linux", kind: "computer" },
    ],
  ])("%s", (ua, expected) => {
    expect(parseUserAgent(ua)).toEqual(expected);
  });

  it("gives nulls, not a guess, for an empty or unknown header", () => {
    expect(parseUserAgent(null)).toEqual({ browser: null, os: null, kind: "computer" });
    expect(parseUserAgent("curl/8.5.0")).toEqual({ browser: null, os: null, kind: "computer" });
  });
});

describe("methodOf: how the session was opened, in the person's words", () => {
  it.each([
    ["password", "password"],
    ["ldap:langson", "directory"],
    ["oidc:langson", "sso"],
    ["magic", "emailLink"],
    ["invite", "emailLink"],
    ["reset", "emailLink"],
  ])("%s → %s", (method, expected) => expect(methodOf(method)).toBe(expected));
});
