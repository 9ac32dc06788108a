// Route matching remembered per route tree and path. @remix-run/router's matchRoutes flattens and ranks the
// whole route tree (~75 routes) and compiles a regular expression per segment it tries, on every call; a
// document request calls it three times (Remix's handler, the static handler, React Router's render), the
// last on a route tree rebuilt for each request. The answer depends only on the tree's shape (ids, paths,
// index and caseSensitive flags) and the path, so it is kept per shape in a bounded map, and handed out as
// fresh match objects naming the caller's own route objects.

/** Paths remembered per route tree; the oldest goes first beyond that (ids in URLs make paths unbounded). */
const PATHS_PER_TREE = 2000;

/**
 * @typedef {{ id?: string, path?: string, index?: boolean, caseSensitive?: boolean, children?: Route[] }} Route
 * @typedef {{ params: Record<string, string | undefined>, pathname: string, pathnameBase: string, route: Route }} Match
 * @typedef {{ key: string, byId: Map<string, Route> }} Shape
 */

/**
 * The tree's shape as a string, and its routes by id; null when a route has no id or shares one (then the
 * matches could not be told apart, and the original function answers).
 * @param {Route[]} routes
 * @returns {Shape | null}
 */
function shapeOf(routes) {
  /** @type {Map<string, Route>} */
  const byId = new Map();
  let key = "";
  /** @param {Route[]} list */
  const walk = (list) => {
    for (const route of list) {
      if (typeof route.id !== "string" || byId.has(route.id)) return false;
      byId.set(route.id, route);
      key += `${route.id}\u0001${route.path ?? "\u0002"}\u0001${route.index ? 1 : 0}${route.caseSensitive ? 1 : 0}`;
      if (route.children?.length) {
        key += "(";
        if (!walk(route.children)) return false;
        key += ")";
      }
      key += ",";
    }
    return true;
  };
  return walk(routes) ? { key, byId } : null;
}

/**
 * `matchRoutes` with the same answers, remembered.
 * @param {(routes: Route[], location: string | { pathname?: string }, basename?: string) => Match[] | null} matchRoutes
 */
export function rememberingMatchRoutes(matchRoutes) {
  /** @type {WeakMap<Route[], Shape | null>} */
  const shapes = new WeakMap();
  /** @typedef {{ params: Match["params"], matches: { id: string, pathname: string, pathnameBase: string }[] } | null} Answer */
  /** @type {Map<string, Map<string, Answer>>} */
  const answers = new Map();

  /**
   * @param {Route[]} routes
   * @param {string | { pathname?: string }} location
   * @param {string} [basename]
   */
  return function matchRoutesRemembered(routes, location, basename = "/") {
    let shape = shapes.get(routes);
    if (shape === undefined && Array.isArray(routes)) shapes.set(routes, (shape = shapeOf(routes)));
    if (!shape) return matchRoutes(routes, location, basename);
    // What matchRoutes reads of the location: the pathname (a string's search and hash do not count).
    const pathname = typeof location === "string" ? location.split(/[?#]/, 1)[0] : location.pathname;
    let byPath = answers.get(shape.key);
    if (!byPath) answers.set(shape.key, (byPath = new Map()));
    const pathKey = `${basename}\u0000${pathname}`;
    const answer = byPath.get(pathKey);
    if (answer === undefined) {
      const matches = matchRoutes(routes, location, basename);
      if (byPath.size >= PATHS_PER_TREE) byPath.delete(/** @type {string} */ (byPath.keys().next().value));
      byPath.set(
        pathKey,
        matches && {
          params: { ...matches[0]?.params },
          matches: matches.map((m) => ({
            id: /** @type {string} */ (m.route.id),
            pathname: m.pathname,
            pathnameBase: m.pathnameBase,
          })),
        },
      );
      return matches;
    }
    if (!answer) return null;
    // One params object shared by the matches, as the original does; a copy, so a caller may change it.
    const params = { ...answer.params };
    return answer.matches.map((m) => ({
      params,
      pathname: m.pathname,
      pathnameBase: m.pathnameBase,
      route: /** @type {Route} */ (shape.byId.get(m.id)),
    }));
  };
}

/**
 * The matched branch alone, as a route tree: copies of the routes named by `ids` from the root down, each with
 * the next as its only child (the last with none). Null when the ids do not name such a chain.
 * @param {Route[]} routes
 * @param {string[]} ids
 * @returns {Route[] | null}
 */
export function branchOf(routes, ids) {
  /** @type {Route[]} */
  const chain = [];
  let list = routes;
  for (const id of ids) {
    const route = list?.find((r) => r.id === id);
    if (!route) return null;
    chain.push(route);
    list = route.children ?? [];
  }
  /** @type {Route | undefined} */
  let below;
  for (let i = chain.length - 1; i >= 0; i--) below = { ...chain[i], children: below && [below] };
  return below ? [below] : null;
}

/**
 * createStaticHandler whose query (documents and Remix's data requests) runs on a handler built for the
 * request's matched branch alone: query matches with the module's own matchRoutes, which flattens, ranks and
 * compiles the whole tree (~75 routes) on every call; on one branch that is a few routes. The branch is found
 * by the remembered matchRoutes on the whole tree; a path that matches nothing (404) and anything else
 * (queryRoute, dataRoutes) use the whole tree's handler, so not-found answers are unchanged. A branch's
 * handler answers as the whole tree's: the branch's routes are those of the match, with the same paths, and
 * a tree holding fewer candidates cannot rank another above the one that won among all of them (checked when
 * the branch's handler is built: it must match the same routes, or the whole tree's handler serves).
 * @param {(routes: Route[], opts?: { basename?: string }) => { dataRoutes: Route[], query: Function }} createStaticHandler
 * @param {(routes: Route[], location: string, basename?: string) => Match[] | null} matchRoutes
 */
export function branchStaticHandlers(createStaticHandler, matchRoutes) {
  /** @param {Route[]} routes @param {{ basename?: string | null }} [opts] */
  return function createBranchStaticHandler(routes, opts) {
    const whole = createStaticHandler(routes, /** @type {any} */ (opts));
    const basename = opts?.basename || "/";
    /** @type {Map<string, typeof whole>} branches are bounded by the routes */
    const byBranch = new Map();
    /** @param {Request} request */
    const handlerFor = (request) => {
      let pathname;
      try {
        pathname = new URL(request.url).pathname;
      } catch {
        return whole;
      }
      const matches = matchRoutes(whole.dataRoutes, pathname, basename);
      if (!matches) return whole;
      const ids = matches.map((m) => /** @type {string} */ (m.route.id));
      const key = ids.join("\u0000");
      let handler = byBranch.get(key);
      if (!handler) {
        const branch = branchOf(routes, ids);
        handler = branch ? createStaticHandler(branch, /** @type {any} */ (opts)) : whole;
        const again = handler === whole ? null : matchRoutes(handler.dataRoutes, pathname, basename);
        if (again?.map((m) => m.route.id).join("\u0000") !== key) handler = whole;
        byBranch.set(key, handler);
      }
      return handler;
    };
    return {
      ...whole,
      /** @param {Request} request @param {unknown} [o] */
      query: (request, o) => handlerFor(request).query(request, o),
    };
  };
}

/**
 * React Router's convertRoutesToDataRoutes with the answer remembered per input tree: React Router's render
 * (createStaticRouter) converts the same route tree on every request. The copies are read, never changed, on
 * the server; the same converted tree each time also lets matchRoutes find its shape by identity. Only the
 * top-level call with a fresh manifest is remembered (the manifest is filled from the remembered one).
 * @param {Function} convert
 */
export function rememberingDataRoutes(convert) {
  /** @type {WeakMap<Route[], { mapRouteProperties: Function, dataRoutes: Route[], manifest: Record<string, Route> }>} */
  const seen = new WeakMap();
  /**
   * @param {Route[]} routes @param {Function} mapRouteProperties @param {string[]} [parentPath]
   * @param {Record<string, Route>} [manifest]
   */
  return function convertRemembered(routes, mapRouteProperties, parentPath, manifest) {
    const fresh = parentPath === undefined && manifest !== undefined && Object.keys(manifest).length === 0;
    if (!fresh || !Array.isArray(routes)) return convert(routes, mapRouteProperties, parentPath, manifest);
    const known = seen.get(routes);
    if (known && known.mapRouteProperties === mapRouteProperties) {
      Object.assign(/** @type {object} */ (manifest), known.manifest);
      return known.dataRoutes;
    }
    const dataRoutes = convert(routes, mapRouteProperties, parentPath, manifest);
    seen.set(routes, { mapRouteProperties, dataRoutes, manifest: { ...manifest } });
    return dataRoutes;
  };
}

/**
 * Remix's createServerRoutes (the route tree React Router renders, built from the build's manifest and route
 * modules on every request) remembered per manifest and route modules: both are the build's, unchanged.
 * @param {Function} create
 */
export function rememberingServerRoutes(create) {
  /** @type {WeakMap<object, WeakMap<object, { future: unknown, isSpaMode: unknown, routes: unknown }>>} */
  const seen = new WeakMap();
  /** @param {any[]} args */
  return function createServerRoutesRemembered(...args) {
    const [manifest, routeModules, future, isSpaMode] = args;
    if (
      args.length > 4 ||
      typeof manifest !== "object" ||
      typeof routeModules !== "object" ||
      !manifest ||
      !routeModules
    )
      return create(...args);
    let byModules = seen.get(manifest);
    if (!byModules) seen.set(manifest, (byModules = new WeakMap()));
    const known = byModules.get(routeModules);
    if (known && known.future === future && known.isSpaMode === isSpaMode) return known.routes;
    const routes = create(...args);
    byModules.set(routeModules, { future, isSpaMode, routes });
    return routes;
  };
}

/**
 * Remix's createEntryRouteModules (the route modules by id, handed to the render) remembered per build
 * manifest: it builds a new object from the same modules on every document request, and a new object would
 * defeat the remembered createServerRoutes above.
 * @param {(manifest: Record<string, { module: unknown }>) => Record<string, unknown>} create
 */
export function rememberingEntryRouteModules(create) {
  /** @type {WeakMap<object, Record<string, unknown>>} */
  const seen = new WeakMap();
  /** @param {Record<string, { module: unknown }>} manifest */
  return function createEntryRouteModulesRemembered(manifest) {
    if (typeof manifest !== "object" || !manifest) return create(manifest);
    let modules = seen.get(manifest);
    if (!modules) seen.set(manifest, (modules = create(manifest)));
    return modules;
  };
}

/**
 * Puts the remembering functions in the CommonJS exports where their callers look them up on each call:
 * matchRoutes (Remix's request handler, React Router's render), createStaticHandler (Remix's request handler,
 * once per build) and convertRoutesToDataRoutes (React Router's render) in @remix-run/router's;
 * createServerRoutes (Remix's render) in @remix-run/react's routes module; createEntryRouteModules (Remix's
 * document handler) in @remix-run/server-runtime's entry module.
 * @param {{ matchRoutes: Function, createStaticHandler: Function, UNSAFE_convertRoutesToDataRoutes: Function }} router
 * @param {{ createServerRoutes: Function }} [remixRoutes] @remix-run/react/dist/routes.js
 * @param {{ createEntryRouteModules: Function }} [remixEntry] @remix-run/server-runtime/dist/entry.js
 */
export function rememberRouteMatching(router, remixRoutes, remixEntry) {
  if (/** @type {any} */ (router.matchRoutes).remembered) return;
  const remembered = rememberingMatchRoutes(/** @type {any} */ (router.matchRoutes));
  Object.assign(remembered, { remembered: true });
  router.matchRoutes = remembered;
  router.createStaticHandler = branchStaticHandlers(
    /** @type {any} */ (router.createStaticHandler),
    remembered,
  );
  router.UNSAFE_convertRoutesToDataRoutes = rememberingDataRoutes(router.UNSAFE_convertRoutesToDataRoutes);
  if (remixRoutes) remixRoutes.createServerRoutes = rememberingServerRoutes(remixRoutes.createServerRoutes);
  if (remixEntry)
    remixEntry.createEntryRouteModules = rememberingEntryRouteModules(
      /** @type {any} */ (remixEntry.createEntryRouteModules),
    );
}
