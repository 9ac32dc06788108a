import { describe, expect, it } from "vitest";
import { type Actor, homePath, inScope, manageScope, viewScope } from "~/modules/auth/scope";
import { isSameOriginRequest } from "~/modules/auth/origin";
import { navFor } from "~/modules/auth/nav";
import { safeRedirect } from "~/utils/forms";

const base: Actor = {
  userId: "u",
  email: "e",
  personId: "p",
  fullName: "n",
  locale: "vi",
  mustChangePassword: false,
  grants: [],
};

describe("scopes", () => {
  it("a coordinator manages only their subtree; nested grants collapse into the broader one", () => {
    const actor: Actor = {
      ...base,
      grants: [
        { role: "COORDINATOR", agencyId: "a", agencyPath: "/p/a/" },
        { role: "COORDINATOR", agencyId: "b", agencyPath: "/p/a/b/" },
        { role: "REVIEWER", agencyId: "p", agencyPath: "/p/" },
      ],
    };
    expect(manageScope(actor)).toEqual(["/p/a/"]);
    expect(viewScope(actor)).toEqual(["/p/"]);
    expect(inScope(manageScope(actor), "/p/a/b/c/")).toBe(true);
    expect(inScope(manageScope(actor), "/p/z/")).toBe(false);
    expect(homePath(actor)).toBe("/people");
  });

  it("a reviewer manages nothing; an admin manages everything", () => {
    const reviewer: Actor = { ...base, grants: [{ role: "REVIEWER", agencyId: "p", agencyPath: "/p/" }] };
    expect(manageScope(reviewer)).toEqual([]);
    expect(inScope(manageScope(reviewer), "/p/")).toBe(false);
    expect(homePath(reviewer)).toBe("/reports");
    const admin: Actor = { ...base, grants: [{ role: "ADMIN", agencyId: null, agencyPath: null }] };
    expect(manageScope(admin)).toBe("ALL");
    expect(homePath(admin)).toBe("/admin");
    expect(homePath(base)).toBe("/learn");
  });

  it("a drill manager lands on the drills, unless they also coordinate", () => {
    const drill = { role: "PHISHING_MANAGER" as const, agencyId: "p", agencyPath: "/p/" };
    expect(homePath({ ...base, grants: [drill] })).toBe("/phishing");
    const coord = { role: "COORDINATOR" as const, agencyId: "p", agencyPath: "/p/" };
    expect(homePath({ ...base, grants: [drill, coord] })).toBe("/people");
    expect(navFor({ ...base, grants: [drill] }).map((i) => i.to)).toContain("/phishing");
    expect(navFor({ ...base, grants: [coord] }).map((i) => i.to)).not.toContain("/phishing");
  });
});

describe("origin check", () => {
  it.each([
    ["GET", {}, true],
    ["POST", { origin: "http://localhost:3000", host: "localhost:3000" }, true],
    ["POST", { origin: "http://evil.example", host: "localhost:3000" }, false],
    ["POST", { host: "localhost:3000" }, false],
    ["POST", { origin: "null", host: "localhost:3000" }, false],
    ["POST", { referer: "http://localhost:3000/people", host: "localhost:3000" }, true],
    ["DELETE", { referer: "http://localhost:3000.evil.example/x", host: "localhost:3000" }, false],
  ] as const)("%s %j → %s", (method, headers, ok) => {
    expect(isSameOriginRequest(method, headers)).toBe(ok);
  });

  it("accepts configured public origins behind a proxy", () => {
    expect(
      isSameOriginRequest("POST", { origin: "https://hoc.langson.gov.vn", host: "10.0.0.5:3000" }, [
        "https://hoc.langson.gov.vn",
      ]),
    ).toBe(true);
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/people?page=2", "/people?page=2"],
    ["//evil.example", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    [undefined, "/"],
    // A Location header is ASCII without controls (issue 10: these were a 500).
    ["/learn\u0000", "/"],
    ["/learn\r\nSet-Cookie: x=1", "/"],
    ["/people?q=Nguyễn", "/people?q=Nguy%E1%BB%85n"],
    ["/x\ud800", "/"],
  ])("%s → %s", (input, expected) => expect(safeRedirect(input)).toBe(expected));
});
