// Installs dependencies when node_modules is missing or older than package-lock.json (fresh clones).
import { execSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

export function ensureInstall(root) {
  const marker = `${root}/node_modules/.package-lock.json`;
  const lock = `${root}/package-lock.json`;
  const stale =
    !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (stale) {
    console.log("› Cài đặt thư viện (npm install)…");
    // `npm ci` rejects this lock file: npm 11 omits other platforms' optional packages (tailwind oxide) from it.
    execSync("npm install --no-audit --no-fund", { cwd: root, stdio: "inherit" });
  }
  if (!existsSync(`${root}/app/generated/prisma/client.ts`)) {
    execSync("node scripts/prisma-generate.mjs", { cwd: root, stdio: "inherit" });
  }
}
