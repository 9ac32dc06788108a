// The one schema of the environment (app/env.server.ts): defaults, parsed values, and a refusal that names
// the variable at fault. Also: no file of app/ but env.server.ts reads process.env.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { getEnv, parseEnv, publicOrigin } from "~/env.server";

describe("parseEnv", () => {
  it("fills the defaults of an empty environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PGLITE_DIR: "data/pglite",
      DB_POOL_SIZE: 10,
      DB_LOG_QUERIES: false,
      PORT: 3000,
      APP_ORIGIN: [],
      TRUST_PROXY: false,
      LOG_REQUESTS: true,
      REMINDERS_ENABLED: true,
      JOBS_ENABLED: true,
      REMINDER_DAYS_BEFORE: [7, 1],
      REMINDER_INTERVAL_SECONDS: 300,
      SMTP_SECURE: false,
      SMTP_POOL: true,
      SHUTDOWN_TIMEOUT_SECONDS: 25,
      READ_YOUR_WRITES_SECONDS: 60,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_READ_URL).toBeUndefined();
    expect(env.WEB_CONCURRENCY).toBeUndefined();
    expect(env.AUTH_CONFIG).toBeUndefined();
    expect(env.SMTP_HOST).toBeUndefined();
  });

  it("parses numbers, flags, lists and trims text", () => {
    const env = parseEnv({
      PORT: "0",
      DB_POOL_SIZE: "20",
      DB_LOG_QUERIES: "1",
      APP_ORIGIN: " https://hoc.gov.vn , http://localhost:3000",
      TRUST_PROXY: "true",
      LOG_REQUESTS: "false",
      REMINDER_DAYS_BEFORE: "14, 3,1,3",
      AUTH_CONFIG: "  config/auth.yaml ",
      SMTP_HOST: " ",
      SMTP_PORT: "2525",
      WEB_CONCURRENCY: "4",
      JOBS_ENABLED: "0",
    });
    expect(env).toMatchObject({
      PORT: 0,
      DB_POOL_SIZE: 20,
      DB_LOG_QUERIES: true,
      APP_ORIGIN: ["https://hoc.gov.vn", "http://localhost:3000"],
      TRUST_PROXY: true,
      LOG_REQUESTS: false,
      REMINDER_DAYS_BEFORE: [14, 3, 1],
      AUTH_CONFIG: "config/auth.yaml",
      SMTP_PORT: 2525,
      WEB_CONCURRENCY: 4,
      JOBS_ENABLED: false,
    });
    expect(env.SMTP_HOST).toBeUndefined();
  });

  it.each([
    ["DATABASE_URL", "mysql://x"],
    ["DATABASE_READ_URL", "replica.gov.vn"],
    ["READ_YOUR_WRITES_SECONDS", "0"],
    ["PORT", "http"],
    ["DB_POOL_SIZE", "0"],
    ["NODE_ENV", "prod"],
    ["APP_ORIGIN", "hoc.gov.vn"],
    ["SECURE_COOKIES", "yes"],
    ["REMINDER_DAYS_BEFORE", "bảy"],
    ["REMINDER_INTERVAL_SECONDS", "1"],
    ["SMTP_PORT", "99999"],
    ["TRUST_PROXY", "on"],
    ["REMINDERS_ENABLED", "off"],
    ["JOBS_ENABLED", "no"],
    ["WEB_CONCURRENCY", "0"],
    ["SHUTDOWN_TIMEOUT_SECONDS", "soon"],
  ])("refuses %s=%s with a message naming it", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(
      new RegExp(`Biến môi trường không hợp lệ:[\\s\\S]*${name}`),
    );
  });
});

describe("getEnv", () => {
  const saved = process.env.PGLITE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.PGLITE_DIR;
    else process.env.PGLITE_DIR = saved;
  });

  it("returns the same parsed object until a variable changes", () => {
    const first = getEnv();
    expect(getEnv()).toBe(first);
    process.env.PGLITE_DIR = "memory://env-test";
    expect(getEnv().PGLITE_DIR).toBe("memory://env-test");
  });

  it("bases public links on the first APP_ORIGIN, else on the request", () => {
    const request = new Request("http://127.0.0.1:3270/x");
    const saved = process.env.APP_ORIGIN;
    try {
      delete process.env.APP_ORIGIN;
      expect(publicOrigin(request)).toBe("http://127.0.0.1:3270");
      process.env.APP_ORIGIN = "https://hoc.gov.vn/,https://other.vn";
      expect(publicOrigin(request)).toBe("https://hoc.gov.vn");
    } finally {
      if (saved === undefined) delete process.env.APP_ORIGIN;
      else process.env.APP_ORIGIN = saved;
    }
  });
});

describe("process.env", () => {
  it("is read only by app/env.server.ts", () => {
    const app = path.resolve(import.meta.dirname, "../../app");
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        if (name === "generated") return [];
        return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
      });
    const readers = files(app)
      .filter((file) => /process\.env/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(app, file));
    expect(readers).toEqual(["env.server.ts"]);
  });
});
