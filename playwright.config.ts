import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The sign-in tests (test/e2e/auth) run against a second server with SSO, LDAP and email switched on.
const AUTH_PORT = Number(process.env.E2E_AUTH_PORT ?? PORT + 1);

export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results/artifacts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
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
    {
      name: "chromium",
      testIgnore: "auth/**",
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
    {
      name: "auth",
      testMatch: "auth/**/*.spec.ts",
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: `http://localhost:${AUTH_PORT}` },
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
