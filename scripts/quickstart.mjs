// `npm start`: install, build, migrate the embedded database, load the demo data, print logins, serve.
import { execSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstall } from "./ensure-install.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
ensureInstall(root);
const env = {
  ...process.env,
  NODE_ENV: "production",
  SECURE_COOKIES: process.env.SECURE_COOKIES ?? "false",
  AUTH_CONFIG: process.env.AUTH_CONFIG ?? "config/auth.demo.yaml",
};
// A failing step has already said why (e.g. the embedded database is in use): stop without a Node stack.
const run = (cmd) => {
  try {
    execSync(cmd, { cwd: root, stdio: "inherit", env });
  } catch (error) {
    process.exit(typeof error.status === "number" ? error.status : 1);
  }
};
// The database first: a second `npm start` while one runs stops at the embedded database's lock
// before rebuilding the files the running server is serving.
console.log("› Cập nhật cơ sở dữ liệu…");
run("npx tsx scripts/db.ts migrate");
run("npx tsx prisma/seed.ts");
console.log("› Đóng gói ứng dụng…");
run("npx remix build");
run("node server.js");
