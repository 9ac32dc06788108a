// The environment is checked once at boot (server.js → checkEnv, app/env.server.ts): a bad variable stops
// the built server before it listens, with the variable's name, instead of failing on the first request.
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "../..");

for (const [name, value] of [
  ["PORT", "http"],
  ["REMINDER_DAYS_BEFORE", "bảy"],
  ["DATABASE_URL", "mysql://localhost/hoc"],
]) {
  test(`a bad ${name} stops the start and names the variable`, async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: "0",
      NODE_ENV: "production",
      PGLITE_DIR: "memory://",
      REMINDERS_ENABLED: "false",
      JOBS_ENABLED: "false",
      LOG_REQUESTS: "false",
      [name]: value,
    };
    if (name !== "DATABASE_URL") delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["server.js"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(out).toContain("Biến môi trường không hợp lệ");
    expect(out).toContain(name);
    expect(out).not.toContain("đang chạy tại");
  });
}
