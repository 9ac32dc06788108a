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
 * Puts the remembering matchRoutes in @remix-run/router's exports, where Remix's request handler and React
 * Router's render look it up on each call (the static handler's query keeps the module's own binding).
 * @param {{ matchRoutes: Function }} router the CommonJS exports of @remix-run/router
 */
export function rememberRouteMatching(router) {
  if (/** @type {any} */ (router.matchRoutes).remembered) return;
  const remembered = rememberingMatchRoutes(/** @type {any} */ (router.matchRoutes));
  Object.assign(remembered, { remembered: true });
  router.matchRoutes = remembered;
}
