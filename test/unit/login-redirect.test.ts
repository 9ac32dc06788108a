// Defect 8 of issue 10: where a caller without a live session is sent, and whether the login page says why.
import { describe, expect, it } from "vitest";
import { loginRedirect } from "~/modules/auth/guards.server";

const parse = (to: string) => {
  const u = new URL(to, "http://app.test");
  return {
    path: u.pathname,
    redirectTo: u.searchParams.get("redirectTo"),
    reason: u.searchParams.get("reason"),
  };
};

describe("loginRedirect", () => {
  it("a GET comes back to itself, and says nothing when there was no session cookie", () => {
    const r = parse(loginRedirect(new Request("http://app.test/people?q=an&page=2")));
    expect(r).toEqual({ path: "/login", redirectTo: "/people?q=an&page=2", reason: null });
  });

  it("a GET with a session cookie that no longer works is an expired session", () => {
    const req = new Request("http://app.test/learn", { headers: { cookie: "hoc_session=stale" } });
    expect(parse(loginRedirect(req))).toMatchObject({ redirectTo: "/learn", reason: "expired" });
  });

  it("a POST comes back to the page that held the form (same-origin Referer), with reason=expired", () => {
    const req = new Request("http://app.test/people/new", {
      method: "POST",
      headers: { host: "app.test", referer: "http://app.test/people/new?from=list" },
    });
    expect(parse(loginRedirect(req))).toEqual({
      path: "/login",
      redirectTo: "/people/new?from=list",
      reason: "expired",
    });
  });

  it("a POST with a foreign or missing Referer comes back to the action's path", () => {
    const foreign = new Request("http://app.test/assignments/new?x=1", {
      method: "POST",
      headers: { host: "app.test", referer: "http://evil.example/assignments" },
    });
    expect(parse(loginRedirect(foreign)).redirectTo).toBe("/assignments/new");
    const none = new Request("http://app.test/assignments/new", { method: "POST" });
    expect(parse(loginRedirect(none))).toMatchObject({ redirectTo: "/assignments/new", reason: "expired" });
  });
});
