// Defect 5 of issue 10: `npm start` printed "http://localhost:3000" whatever port it served on. The built
// server is started on a port the system picks (PORT=0); the address it prints must be the one that answers.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "../..");

test("the built server prints the address it really listens on", async ({ request }) => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    NODE_ENV: "production",
    PGLITE_DIR: "memory://", // never the e2e server's directory: that one is locked by it
    REMINDERS_ENABLED: "false",
    JOBS_ENABLED: "false",
    LOG_REQUESTS: "false",
    // The embedded database is one process's: more are refused with the reason (server/processes.js).
    WEB_CONCURRENCY: "3",
  };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    let err = "";
    child.stderr!.on("data", (b: Buffer) => (err += b.toString()));
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on("data", (b: Buffer) => {
        out += b.toString();
        const m = out.match(/đang chạy tại (http:\/\/localhost:\d+)/);
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`server exited (${code}): ${out}${err}`)));
    });
    expect(url).not.toBe("http://localhost:0");
    expect(url).not.toBe("http://localhost:3000");
    expect(out).toMatch(/WEB_CONCURRENCY=3: chạy một tiến trình vì CSDL nhúng \(PGlite\)/);
    expect(out).not.toMatch(/, \d+ tiến trình/); // one process: the banner names no count
    const res = await request.get(`${url}/favicon.svg`);
    expect(res.status()).toBe(200);
  } finally {
    child.kill("SIGTERM");
  }
});
