// server/route-matching.js answers as @remix-run/router's matchRoutes does, for a tree shaped like the app's
// (root, index, params, a splat, an optional segment, a pathless layout), the first time and from memory, and
// names the caller's own route objects when the tree is rebuilt (React Router's render rebuilds it per request).
import { type AgnosticRouteObject, matchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { rememberingMatchRoutes } from "../../server/route-matching.js";

type Route = AgnosticRouteObject;
// The module is JavaScript checked loosely: give it matchRoutes' own signature here.
const remembering = (original: typeof matchRoutes) =>
  rememberingMatchRoutes(original as never) as typeof matchRoutes;

const tree = (): Route[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "routes/_index", index: true },
      { id: "routes/$", path: "*" },
      { id: "routes/learn", path: "learn" },
      { id: "routes/courses._index", path: "courses", index: true },
      { id: "routes/courses.$code._index", path: "courses/:code", index: true },
      { id: "routes/courses.$code.lessons.$position", path: "courses/:code/lessons/:position" },
      { id: "routes/courses.$code.sources", path: "courses/:code/sources" },
      { id: "routes/people.new", path: "people/new" },
      { id: "routes/people.$personId", path: "people/:personId" },
      { id: "routes/Admin", path: "Admin", caseSensitive: true },
      { id: "routes/lang.$code", path: "lang/:code?" },
      {
        id: "routes/_auth",
        children: [{ id: "routes/_auth.login", path: "login" }],
      },
      { id: "routes/i18n.$file", path: "i18n/:file" },
    ],
  },
];

const PATHS = [
  "/",
  "/learn",
  "/learn/",
  "/courses",
  "/courses/attt-co-ban",
  "/courses/attt-co-ban/lessons/1",
  "/courses/c%C3%A1/lessons/2?x=1#top",
  "/courses/x/sources",
  "/people/new",
  "/people/6f1c",
  "/Admin",
  "/admin",
  "/lang",
  "/lang/en",
  "/login",
  "/i18n/vi.0123456789ab.js",
  "/no/such/page",
];

describe("rememberingMatchRoutes", () => {
  it("answers as matchRoutes does, first and from memory, with the caller's route objects", () => {
    const remembered = remembering(matchRoutes);
    for (const round of [1, 2, 3]) {
      // A fresh tree each round, as React Router's render builds one per request.
      const routes = tree();
      for (const path of PATHS) {
        const expected = matchRoutes(routes, path);
        const got = remembered(routes, path) as typeof expected;
        expect(got, `${path} (round ${round})`).toEqual(expected);
        got?.forEach((m, i) => expect(m.route, path).toBe(expected![i]!.route));
        // The location as an object, and under a basename.
        expect(remembered(routes, { pathname: path.split("?")[0] }), path).toEqual(
          matchRoutes(routes, { pathname: path.split("?")[0] }),
        );
        expect(remembered(routes, `/app${path}`, "/app"), path).toEqual(
          matchRoutes(routes, `/app${path}`, "/app"),
        );
      }
    }
  });

  it("hands out params a caller may change without changing the next answer", () => {
    const remembered = remembering(matchRoutes);
    const routes = tree();
    remembered(routes, "/people/6f1c");
    const first = remembered(routes, "/people/6f1c")!;
    (first[0]!.params as Record<string, string>).personId = "changed";
    expect(remembered(routes, "/people/6f1c")![0]!.params).toEqual({ personId: "6f1c" });
  });

  it("does not reuse a tree's answers for a tree of another shape", () => {
    const remembered = remembering(matchRoutes);
    remembered(tree(), "/learn");
    const other = tree();
    other[0]!.children!.find((r) => r.id === "routes/learn")!.path = "hoc";
    expect(remembered(other, "/learn")![1]!.route.id).toBe("routes/$");
    expect(remembered(other, "/hoc")![1]!.route.id).toBe("routes/learn");
  });

  it("leaves a tree whose routes lack ids or share one to matchRoutes", () => {
    const remembered = remembering(matchRoutes);
    const routes = [{ path: "a" }, { path: "b" }] as unknown as Route[];
    expect(remembered(routes, "/b")).toEqual(matchRoutes(routes, "/b"));
    const twins: Route[] = [
      { id: "x", path: "a" },
      { id: "x", path: "b" },
    ];
    expect(remembered(twins, "/b")![0]!.route).toBe(twins[1]);
    expect(remembered(twins, "/b")![0]!.route).toBe(twins[1]);
  });
});
