/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  postcss: true,
  tailwind: false,
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    // Off: the whole route manifest is one cached file (public/build/manifest-*.js) instead of a partial
    // manifest matched and serialised into every page (half of Remix's route-matching CPU per request).
    v3_lazyRouteDiscovery: false,
  },
};
