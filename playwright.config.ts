import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The sign-in tests (test/e2e/auth) run against a second server with SSO, LDAP and email switched on.
const AUTH_PORT = Number(process.env.E2E_AUTH_PORT ?? PORT + 1);
// The crawl (crawl.spec.ts) runs against a server of its own, a third copy of the main one: it opens the first
// link of every kind, so another spec's row deleted on the shared server would be a 404 in the crawl.
const CRAWL_PORT = Number(process.env.E2E_CRAWL_PORT ?? PORT + 2);
// Specs that start servers of their own (each on its own database, port 0) and use neither webServer's data.
const STANDALONE = [
  "auth-config-boot.spec.ts",
  "env-boot.spec.ts",
  "server-start.spec.ts",
  "cluster.spec.ts",
  "nginx.spec.ts",
];

export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results/artifacts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Four lanes that share no data, two at a time: the crawl on its server, the main server's other specs, the
  // auth server's specs and the standalone ones. Within a lane one worker runs the files one after another, as
  // before (the specs of a server share its database, and some of them the demo world).
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // First: the longest lane.
    {
      name: "crawl",
      testMatch: "crawl.spec.ts",
      workers: 1,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: `http://localhost:${CRAWL_PORT}` },
    },
    {
      name: "chromium",
      testIgnore: ["auth/**", "crawl.spec.ts", ...STANDALONE],
      workers: 1,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      name: "auth",
      testMatch: "auth/**/*.spec.ts",
      workers: 1,
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: `http://localhost:${AUTH_PORT}` },
    },
    {
      name: "standalone",
      testMatch: STANDALONE,
      workers: 1,
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
  ],
  webServer: [
    {
      command: "node scripts/e2e-server.mjs",
      url: `http://localhost:${PORT}/login`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(PORT) },
    },
    {
      command: "node scripts/e2e-server.mjs",
      url: `http://localhost:${CRAWL_PORT}/login`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(CRAWL_PORT), E2E_PGLITE_DIR: "test-results/e2e-pglite-crawl" },
    },
    {
      command: "node_modules/.bin/tsx scripts/e2e-auth-server.ts",
      url: `http://localhost:${AUTH_PORT}/login`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_PORT: String(PORT), E2E_AUTH_PORT: String(AUTH_PORT) },
    },
  ],
});
