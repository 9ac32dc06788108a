// The built server on PostgreSQL with WEB_CONCURRENCY=2 (issue 14, point 1): two workers serve the sign-in
// page, a graceful restart (SIGHUP) under requests fails none of them, SIGTERM exits 0. The primary's rules
// are tested in depth without a build in test/integration/cluster.test.ts. Needs TEST_DATABASE_URL (CI sets it).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
const base = process.env.TEST_DATABASE_URL;

function get(port: number, agent: http.Agent, p: string) {
  return new Promise<number>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: p, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      })
      .on("error", reject);
  });
}

test.skip(!base, "needs TEST_DATABASE_URL (a PostgreSQL server)");

test("two workers on PostgreSQL serve, restart on SIGHUP without a failed request, stop on SIGTERM", async () => {
  test.setTimeout(300_000);
  const name = `hoc_e2e_cluster_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base!);
  url.pathname = `/${name}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url.toString(),
    NODE_ENV: "production",
    PORT: "0",
    WEB_CONCURRENCY: "2",
    REMINDERS_ENABLED: "false",
    LOG_REQUESTS: "false",
    SECURE_COOKIES: "false",
    AUTH_CONFIG: "config/auth.demo.yaml",
  };
  let child: ChildProcess | undefined;
  try {
    execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/db.ts", "migrate"], { cwd: root, env });
    child = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      child!.stdout!.on("data", () => {
        const m = out.match(/đang chạy tại http:\/\/localhost:(\d+).*, 2 tiến trình/);
        if (m) resolve(Number(m[1]));
      });
      void exited.then((code) => reject(new Error(`server exited (${code}): ${out}`)));
    });

    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    expect(await get(port, agent, "/login")).toBe(200);
    let done = false;
    let ok = 0;
    const failures: unknown[] = [];
    const loops = Array.from({ length: 4 }, async () => {
      while (!done) {
        try {
          const status = await get(port, agent, "/login");
          if (status === 200) ok++;
          else failures.push(status);
        } catch (error) {
          failures.push(error);
        }
      }
    });
    child.kill("SIGHUP");
    await expect.poll(() => out.includes("đã khởi động lại xong"), { timeout: 240_000 }).toBe(true);
    const before = ok;
    await expect.poll(() => ok > before + 20, { timeout: 60_000 }).toBe(true);
    done = true;
    await Promise.all(loops);
    agent.destroy();
    expect(failures).toEqual([]);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  } finally {
    child?.kill("SIGKILL");
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
});
