// AUTH_CONFIG is checked at boot (server.js → checkAuthConfig): a broken file, a variable that is not set, a
// missing file or an agency code that is not in the tree stops the built server before it listens, with the
// reason in Vietnamese naming the key. Each case starts `node server.js` as production does.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
let work: string;

test.beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "hoc-auth-boot-"));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

function baseEnv(pgliteDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    NODE_ENV: "production",
    PGLITE_DIR: pgliteDir,
    REMINDERS_ENABLED: "false",
    JOBS_ENABLED: "false",
    LOG_REQUESTS: "false",
  };
  delete env.DATABASE_URL;
  return env;
}

/** Starts the server with this configuration; resolves with its exit code and output (or fails if it serves). */
async function boot(config: string, opts: { pgliteDir?: string; env?: NodeJS.ProcessEnv } = {}) {
  const file = path.join(work, `auth-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, config);
  const env = { ...baseEnv(opts.pgliteDir ?? "memory://"), AUTH_CONFIG: file, ...opts.env };
  const child = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  clearTimeout(timer);
  expect(out, "the server must not start").not.toContain("đang chạy tại");
  return { code, out };
}

const provider = (extra: string) => `
provinceName: "Tỉnh Lạng Sơn"
oidc:
  - id: langson
    name: "SSO Lạng Sơn"
    emailDomains: [langson.gov.vn]
    clientId: hoc-attt
${extra}`;

test("a wrong value or a misspelt key stops the start and names the key", async () => {
  const { code, out } = await boot(
    `${provider("    issuer: khong-phai-url\n")}magiclink:\n  enabled: true\n`,
  );
  expect(code).not.toBe(0);
  expect(out).toContain("Cấu hình đăng nhập không hợp lệ");
  expect(out).toMatch(/oidc\.0\.issuer: .*URL không hợp lệ/);
  expect(out).toContain('"magiclink"');
});

test("a variable the file names but the environment lacks stops the start, by name", async () => {
  const { code, out } = await boot(
    provider(
      '    issuer: https://sso.langson.gov.vn/realms/langson\n    clientSecret: "${LANGSON_SECRET_X}"\n',
    ),
  );
  expect(code).not.toBe(0);
  expect(out).toContain("biến môi trường chưa đặt: LANGSON_SECRET_X");
});

test("an AUTH_CONFIG file that does not exist stops the start", async () => {
  const env = { ...baseEnv("memory://"), AUTH_CONFIG: path.join(work, "khong-co.yaml") };
  const child = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
  expect(code).not.toBe(0);
  expect(out).toContain("Không đọc được tệp cấu hình đăng nhập");
  expect(out).toContain("không có tệp này");
});

test("an agency code that is not in the tree stops the start, naming the code and the key", async () => {
  test.setTimeout(180_000);
  // A migrated, empty database: every agency code is unknown there.
  const db = path.join(work, "pglite");
  const tsx = path.join(root, "node_modules/.bin/tsx");
  execFileSync(tsx, ["scripts/db.ts", "migrate"], { cwd: root, env: baseEnv(db), stdio: "pipe" });
  const { code, out } = await boot(
    provider('    issuer: https://sso.langson.gov.vn/realms/langson\n    agencyCodes: ["99.KHONG-CO"]\n'),
    { pgliteDir: db },
  );
  expect(code).not.toBe(0);
  expect(out).toContain("mã đơn vị không có: 99.KHONG-CO");
  expect(out).toContain("oidc.0.agencyCodes");
});

test("with several workers on PostgreSQL the mistake is printed once, by the primary, before any worker", async () => {
  const base = process.env.TEST_DATABASE_URL;
  test.skip(!base, "needs TEST_DATABASE_URL (a PostgreSQL server)");
  test.setTimeout(180_000);
  const name = `hoc_e2e_authonce_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = new URL(base!);
    url.pathname = `/${name}`;
    const { code, out } = await boot(`${provider("    issuer: khong-phai-url\n")}`, {
      env: {
        NODE_ENV: "production",
        DATABASE_URL: url.toString(),
        WEB_CONCURRENCY: "3",
        PGLITE_DIR: undefined,
      },
    });
    expect(code).not.toBe(0);
    expect(out.match(/Cấu hình đăng nhập không hợp lệ/g), out).toHaveLength(1);
    expect(out, "no worker was started").not.toContain("[cluster]");
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
});
