// Starts the built app for Playwright on a fresh embedded database filled with the demo data.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = path.resolve(root, process.env.E2E_PGLITE_DIR ?? "test-results/e2e-pglite");
rmSync(dir, { recursive: true, force: true });
const env = {
  ...process.env,
  PGLITE_DIR: dir,
  NODE_ENV: "production",
  SECURE_COOKIES: "false",
  LOG_REQUESTS: "false",
  AUTH_CONFIG: process.env.AUTH_CONFIG ?? "config/auth.demo.yaml",
};
delete env.DATABASE_URL;
const port = process.env.E2E_PORT ?? "3100";
// Opens the fixtures route to the tests of this run only (docs/decisions/011-e2e-fixtures.md).
env.E2E_FIXTURES_TOKEN = randomBytes(32).toString("hex");
mkdirSync(path.join(root, "test-results"), { recursive: true });
writeFileSync(path.join(root, `test-results/e2e-fixtures-token-${port}`), env.E2E_FIXTURES_TOKEN);
const tsx = path.join(root, "node_modules/.bin/tsx");
execFileSync(tsx, ["scripts/db.ts", "migrate"], { cwd: root, env, stdio: "inherit" });
execFileSync(tsx, ["prisma/seed.ts"], { cwd: root, env, stdio: "inherit" });
const child = spawn(process.execPath, ["server.js"], {
  cwd: root,
  env: { ...env, PORT: port },
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
