// Starts the built app for Playwright on a fresh embedded database filled with the demo data.
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
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
const tsx = path.join(root, "node_modules/.bin/tsx");
execFileSync(tsx, ["scripts/db.ts", "migrate"], { cwd: root, env, stdio: "inherit" });
execFileSync(tsx, ["prisma/seed.ts"], { cwd: root, env, stdio: "inherit" });
const child = spawn(process.execPath, ["server.js"], {
  cwd: root,
  env: { ...env, PORT: process.env.E2E_PORT ?? "3100" },
  stdio: "inherit",
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
