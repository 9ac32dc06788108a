import { describe, expect, it } from "vitest";
import { parseUserAgent } from "~/modules/auth/user-agent";
import { methodOf } from "~/modules/auth/sessions.server";
import AGENTS from "../fixtures/user-agents.json";

describe("parseUserAgent: a short device label for the sessions page", () => {
  // Real headers of the browsers officials use (test/fixtures/user-agents.json) and the label each gives.
  it.each(AGENTS)("$userAgent", ({ userAgent, ...expected }) => {
    expect(parseUserAgent(userAgent)).toEqual(expected);
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
