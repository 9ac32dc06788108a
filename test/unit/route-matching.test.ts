// server/route-matching.js answers as @remix-run/router's matchRoutes does, for a tree shaped like the app's
// (root, index, params, a splat, an optional segment, a pathless layout), the first time and from memory, and
// names the caller's own route objects when the tree is rebuilt (React Router's render rebuilds it per request).
// The static handler built per matched branch answers as the whole tree's handler (matches, loader data,
// errors, status) for the same paths; the remembered conversions hand back the same trees.
import {
  type AgnosticRouteObject,
  UNSAFE_convertRoutesToDataRoutes as convertRoutesToDataRoutes,
  createStaticHandler,
  matchRoutes,
} from "@remix-run/router";
import { describe, expect, it } from "vitest";
import {
  branchOf,
  branchStaticHandlers,
  rememberingDataRoutes,
  rememberingEntryRouteModules,
  rememberingMatchRoutes,
  rememberingServerRoutes,
} from "../../server/route-matching.js";

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

/** The tree with a loader on every route (each returns its id and params) and an error on /people/new. */
const withLoaders = (routes: Route[]): Route[] =>
  routes.map((r) => ({
    ...r,
    loader: ({ params }: { params: unknown }) => {
      if (r.id === "routes/people.new") throw new Response("gone", { status: 410 });
      return { id: r.id, params };
    },
    hasErrorBoundary: r.id === "root",
    children: r.children && withLoaders(r.children),
  })) as Route[];

/** What a document request's context says, without the route objects (the two trees' copies differ). */
const summary = (context: unknown) => {
  if (context instanceof Response) return { response: context.status };
  const c = context as {
    statusCode: number;
    loaderData: unknown;
    errors: Record<string, unknown> | null;
    matches: { route: { id: string }; params: unknown; pathname: string; pathnameBase: string }[];
  };
  return {
    statusCode: c.statusCode,
    loaderData: c.loaderData,
    errors: c.errors && Object.keys(c.errors),
    matches: c.matches.map((m) => [m.route.id, m.params, m.pathname, m.pathnameBase]),
  };
};

describe("branchStaticHandlers", () => {
  it("answers each path's document query as the whole tree's handler does, found or not", async () => {
    const routes = withLoaders(tree());
    const create = branchStaticHandlers(
      createStaticHandler as never,
      remembering(matchRoutes) as never,
    ) as never;
    const byBranch = (create as typeof createStaticHandler)(routes);
    const whole = createStaticHandler(routes);
    for (const round of [1, 2]) {
      for (const path of [...PATHS, "/courses/x/lessons/2", "/people/abc"]) {
        const request = () => new Request(`http://localhost${path}`);
        const [a, b] = [await whole.query(request()), await byBranch.query(request())];
        expect(summary(b), `${path} (round ${round})`).toEqual(summary(a));
      }
    }
    // The whole tree's routes stay what the handler shows (Remix renders its errors with them).
    expect(byBranch.dataRoutes.map((r) => r.id)).toEqual(whole.dataRoutes.map((r) => r.id));
  });

  it("builds a branch's handler once, on the routes of that branch alone", () => {
    const calls: string[][] = [];
    const counting = ((routes: Route[], opts?: object) => {
      const ids: string[] = [];
      const walk = (list: Route[]) => list.forEach((r) => (ids.push(r.id!), r.children && walk(r.children)));
      walk(routes);
      calls.push(ids);
      return createStaticHandler(routes, opts);
    }) as never;
    const handler = (
      branchStaticHandlers(counting, remembering(matchRoutes) as never) as never as typeof createStaticHandler
    )(withLoaders(tree()));
    for (const path of ["/courses/a/lessons/1", "/courses/b/lessons/2", "/learn"]) {
      void handler.query(new Request(`http://localhost${path}`));
    }
    expect(calls.slice(1)).toEqual([
      ["root", "routes/courses.$code.lessons.$position"],
      ["root", "routes/learn"],
    ]);
  });

  it("cuts a tree down to a chain of ids, or to nothing when they do not name one", () => {
    const routes = tree();
    const [root] = branchOf(routes, ["root", "routes/_auth", "routes/_auth.login"])!;
    expect(root!.id).toBe("root");
    expect(root!.children!.map((r) => r.id)).toEqual(["routes/_auth"]);
    expect(root!.children![0]!.children!.map((r) => r.id)).toEqual(["routes/_auth.login"]);
    expect(root!.children![0]!.children![0]!.children).toBeUndefined();
    // Copies: the tree itself is untouched.
    expect(routes[0]!.children!.length).toBeGreaterThan(5);
    expect(branchOf(routes, ["root", "routes/nope"])).toBeNull();
  });
});

describe("remembered route conversions", () => {
  it("converts a tree once and fills each caller's manifest", () => {
    const convert = rememberingDataRoutes(convertRoutesToDataRoutes) as typeof convertRoutesToDataRoutes;
    const routes = tree();
    const map = (r: Route) => ({ hasErrorBoundary: r.id === "root" });
    const [m1, m2, expected] = [{}, {}, {}] as Parameters<typeof convertRoutesToDataRoutes>[3][];
    const first = convert(routes, map, undefined, m1);
    const second = convert(routes, map, undefined, m2);
    expect(second).toBe(first);
    expect(first).toEqual(convertRoutesToDataRoutes(routes, map, undefined, expected));
    expect(Object.keys(m2!)).toEqual(Object.keys(expected!));
    expect(m2!["routes/learn"]).toBe(first[0]!.children!.find((r) => r.id === "routes/learn"));
    // Another tree, or other route properties: converted anew.
    expect(convert(tree(), map, undefined, {})).not.toBe(first);
    expect(convert(routes, () => ({ hasErrorBoundary: false }), undefined, {})).not.toBe(first);
  });

  it("builds Remix's server routes once per manifest and route modules", () => {
    let built = 0;
    const create = rememberingServerRoutes((...args: unknown[]) => ({ built: ++built, args })) as (
      ...a: unknown[]
    ) => unknown;
    const [manifest, modules, future] = [{}, {}, {}];
    const first = create(manifest, modules, future, false);
    expect(create(manifest, modules, future, false)).toBe(first);
    expect(create(manifest, {}, future, false)).not.toBe(first);
    expect(create(manifest, modules, future, true)).not.toBe(first);
    // The inner calls (a parent id and more) are never remembered.
    create(manifest, modules, future, false, "root");
    create(manifest, modules, future, false, "root");
    expect(built).toBe(5);
  });

  it("builds the route modules by id once per build manifest", () => {
    const create = rememberingEntryRouteModules((m) =>
      Object.fromEntries(Object.entries(m).map(([id, r]) => [id, r.module])),
    );
    const manifest = { root: { module: { a: 1 } } };
    const first = create(manifest);
    expect(first).toEqual({ root: { a: 1 } });
    expect(create(manifest)).toBe(first);
    expect(create({ root: { module: {} } })).not.toBe(first);
  });
});
