// `npm test`: install if needed, then typecheck, lint, unit, integration (PGlite, then PostgreSQL when
// TEST_DATABASE_URL is set), build and e2e in Chromium. Stops at the first failing step.
import { execSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstall } from "./ensure-install.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
ensureInstall(root);

// The pooler pass. The whole integration suite passed through PgBouncer once (docs/pgbouncer.md): 52 files
// in 1,300 s on a busy 2-core machine, as many as the PostgreSQL pass just before it runs, which the
// 20-minute budget of `npm test` cannot pay twice. So CI repeats the files that use what transaction pooling
// changes: the session time zone, interactive and long transactions, advisory transaction locks (scheduler,
// content sync, agency tree), SET LOCAL, SKIP LOCKED leases, concurrent writers (11 files, 90 tests: 285 s
// on the same machine).
const VIA_PGBOUNCER = [
  "pgbouncer",
  "db-smoke",
  "sessions",
  "quiz-concurrency",
  "long-transactions",
  "background-jobs",
  "reminders-scheduler",
  "notifications",
  "content-sync",
  "agencies",
  "targets-figures",
].map((f) => `test/integration/${f}.test.ts`);

const started = Date.now();
function step(title, cmd, extraEnv = {}) {
  const t0 = Date.now();
  console.log(`\n━━ ${title} ━━`);
  execSync(cmd, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
  console.log(`✓ ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

/** Runs independent steps at once (one per core), each one's output printed whole when it ends; throws if any failed. */
async function parallelSteps(steps) {
  const t0 = Date.now();
  console.log(`\n━━ ${steps.map(([title]) => title).join(" + ")} (song song) ━━`);
  const results = await Promise.all(
    steps.map(
      ([title, cmd]) =>
        new Promise((resolve) => {
          const child = spawn(cmd, {
            cwd: root,
            shell: true,
            env: process.env,
            stdio: ["ignore", "pipe", "pipe"],
          });
          let out = "";
          child.stdout.on("data", (b) => (out += b));
          child.stderr.on("data", (b) => (out += b));
          child.on("close", (code) => {
            process.stdout.write(out);
            const seconds = ((Date.now() - t0) / 1000).toFixed(1);
            console.log(code === 0 ? `✓ ${title} (${seconds} s)` : `✗ ${title} (${seconds} s)`);
            resolve({ title, code });
          });
        }),
    ),
  );
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length) throw new Error(`Command failed: ${failed.map((r) => r.title).join(", ")}`);
}

try {
  // Both read only the sources, and tsc leaves a core idle most of its run: side by side.
  await parallelSteps([
    ["Kiểm tra kiểu (tsc)", "npx tsc --noEmit"],
    ["Lint (eslint, prettier)", "npm run lint --silent"],
  ]);
  step("Unit tests", "npx vitest run --project unit");
  step("Integration tests trên PGlite", "npx vitest run --project integration", { TEST_DB: "pglite" });
  if (process.env.TEST_DATABASE_URL) {
    step("Integration tests trên PostgreSQL", "npx vitest run --project integration", {
      TEST_DB: "postgres",
    });
    // Through a private PgBouncer in transaction mode (docs/pgbouncer.md): the files in VIA_PGBOUNCER.
    if (existsSync("/usr/sbin/pgbouncer") || process.env.REQUIRE_PGBOUNCER === "1") {
      step(
        "Integration tests qua PgBouncer",
        `npx vitest run --project integration ${VIA_PGBOUNCER.join(" ")}`,
        {
          TEST_DB: "postgres",
          TEST_VIA_PGBOUNCER: "1",
        },
      );
    } else {
      console.log(
        "\n(!) Bỏ qua integration tests qua PgBouncer: chưa cài pgbouncer (apt-get install pgbouncer).",
      );
    }
  } else {
    console.log("\n(!) Bỏ qua integration tests trên PostgreSQL: chưa đặt TEST_DATABASE_URL.");
  }
  if (!existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) {
    if (process.getuid?.() === 0) step("Cài Chromium (Debian)", "apt-get install -y chromium");
    else throw new Error("Chưa có Chromium: cài bằng `sudo apt-get install -y chromium` rồi chạy lại.");
  }
  step("Build", "npx remix build");
  step("E2E (Chromium)", "npx playwright test");
  console.log(`\nTất cả đều đạt (${((Date.now() - started) / 1000).toFixed(0)} s).`);
} catch (error) {
  console.error(`\n✗ Kiểm thử thất bại: ${error instanceof Error ? error.message.split("\n")[0] : error}`);
  process.exit(1);
}
