// The second e2e server: the built app with every sign-in method switched on, against real peers on
// loopback — an SMTP server whose messages land as JSON files in test-results/e2e-auth/mail (the tests read
// them, test/e2e/auth/mail.ts), OpenID providers for two provinces, and an OpenLDAP directory.
// Run by Playwright's second webServer; E2E_AUTH_PORT (default E2E_PORT + 1).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { startSmtp } from "../test/integration/helpers/smtp.ts";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const work = path.resolve(root, "test-results/e2e-auth");
const port = Number(process.env.E2E_AUTH_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
const publicUrl = `http://localhost:${port}`;
rmSync(work, { recursive: true, force: true });
const mailDir = path.join(work, "mail");
mkdirSync(mailDir, { recursive: true });

let mailCount = 0;
const smtp = await startSmtp({
  onMessage(message) {
    mailCount += 1;
    writeFileSync(path.join(mailDir, `${String(mailCount).padStart(5, "0")}.json`), JSON.stringify(message));
  },
});
const closers: (() => Promise<void>)[] = [smtp.close];

// The sign-in configuration of this server; each peer below adds its part.
const config: Record<string, unknown> = {
  provinceName: "Tỉnh Lạng Sơn",
  publicUrl,
  methods: ["oidc", "ldap", "password"],
  oidc: [],
  ldap: [],
  magicLink: { enabled: true },
};

const configFile = path.join(work, "auth.yaml");
writeFileSync(configFile, YAML.stringify(config));

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PGLITE_DIR: path.join(work, "pglite"),
  NODE_ENV: "production",
  SECURE_COOKIES: "false",
  LOG_REQUESTS: "false",
  AUTH_CONFIG: configFile,
  APP_ORIGIN: publicUrl,
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(smtp.port),
  SMTP_SECURE: "false",
  MAIL_FROM: "Học ATTT <no-reply@langson.gov.vn>",
  REMINDER_INTERVAL_SECONDS: "10",
};
delete env.DATABASE_URL;
const tsx = path.join(root, "node_modules/.bin/tsx");
execFileSync(tsx, ["scripts/db.ts", "migrate"], { cwd: root, env, stdio: "inherit" });
execFileSync(tsx, ["prisma/seed.ts"], { cwd: root, env, stdio: "inherit" });
// Two-factor: demo staff enrolled with fixed test keys, plus a coordinator who must enrol (twofactor helper).
execFileSync(tsx, ["scripts/e2e-auth-staff.ts"], { cwd: root, env, stdio: "inherit" });
const child = spawn(process.execPath, ["server.js"], {
  cwd: root,
  env: { ...env, PORT: String(port) },
  stdio: "inherit",
});

async function stop(code: number) {
  for (const close of closers) await close().catch(() => undefined);
  process.exit(code);
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    child.kill(sig);
  });
}
child.on("exit", (code) => void stop(code ?? 0));
