// `npm start`: install, build, migrate the embedded database, load the demo data, print logins, serve.
import { execSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstall } from "./ensure-install.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
ensureInstall(root);
const env = { ...process.env, NODE_ENV: "production", SECURE_COOKIES: process.env.SECURE_COOKIES ?? "false" };
const run = (cmd) => execSync(cmd, { cwd: root, stdio: "inherit", env });
console.log("› Đóng gói ứng dụng…");
run("npx remix build");
console.log("› Cập nhật cơ sở dữ liệu…");
run("npx tsx scripts/db.ts migrate");
run("npx tsx prisma/seed.ts");
run("node server.js");
