// The second e2e server: the built app with every sign-in method switched on, against real peers on
// loopback — an SMTP server whose messages land as JSON files in test-results/e2e-auth/mail (the tests read
// them, test/e2e/auth/mail.ts), OpenID providers for two provinces, and an OpenLDAP directory.
// Run by Playwright's second webServer; E2E_AUTH_PORT (default E2E_PORT + 1).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { startSmtp } from "../test/integration/helpers/smtp.ts";
import { startSlapd } from "../test/support/slapd.ts";
import { LDAP_DOMAIN, LDAP_PEOPLE } from "../test/e2e/auth/ldap-directory.ts";
import {
  LANGSON,
  LANGSON_IMPOSTOR,
  LANGSON_PEOPLE,
  NGHEAN,
  NGHEAN_PEOPLE,
  OIDC_PASSWORD,
} from "../test/e2e/auth/oidc-people.ts";
import { startTestProvider } from "../test/support/oidc-provider.ts";

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

// --- LDAP: the official mail directory (a real slapd over ldaps:// with its own CA) bound to
// @mail.langson.gov.vn and the Lạng Sơn tree. Without slapd installed the harness runs without it and
// test/e2e/auth/ldap.spec.ts skips. Its staff-list people are added by the seed step below.
const slapd = await startSlapd({
  entries: LDAP_PEOPLE.map((p) => ({ uid: p.uid, cn: p.fullName, mail: p.email, password: p.password })),
  tls: true,
});
if (slapd) {
  closers.push(slapd.close);
  (config.ldap as unknown[]).push({
    id: "thu-cong-vu",
    name: "Thư công vụ tỉnh Lạng Sơn",
    emailDomains: [LDAP_DOMAIN],
    agencyCodes: ["20"],
    url: slapd.ldapsUrl,
    caFile: slapd.caFile,
    bindDn: slapd.bindDn,
    bindPassword: slapd.bindPassword,
    searchBase: slapd.searchBase,
    searchFilter: "(&(objectClass=inetOrgPerson)(mail={email}))",
    emailAttribute: "mail",
  });
} else {
  console.warn("e2e-auth-server: /usr/sbin/slapd is not installed; the LDAP directory is left out.");
}
// --- end LDAP

// --- OpenID Connect (OIDC helper): one identity service per province, each a real oidc-provider on loopback.
// Province A = Lạng Sơn (@sso.langson.gov.vn, bound to agency 20), B = Nghệ An (@nghean.gov.vn, agency 40).
// Lạng Sơn's also knows an impostor asserting a Nghệ An address, which the app must refuse. Its people and
// Nghệ An's tree are seeded by scripts/e2e-auth-seed-oidc.ts below.
for (const [province, people] of [
  [LANGSON, [...LANGSON_PEOPLE, LANGSON_IMPOSTOR]],
  [NGHEAN, NGHEAN_PEOPLE],
] as const) {
  const op = await startTestProvider({
    title: province.title,
    accounts: people.map((p) => ({ sub: p.sub, email: p.email, name: p.fullName, password: OIDC_PASSWORD })),
    clients: [
      {
        client_id: province.clientId,
        client_secret: province.clientSecret,
        redirect_uris: [`${publicUrl}/auth/oidc/${province.id}/callback`],
        post_logout_redirect_uris: [`${publicUrl}/login`],
      },
    ],
  });
  closers.push(op.close);
  (config.oidc as unknown[]).push({
    id: province.id,
    name: province.name,
    issuer: op.issuer,
    clientId: province.clientId,
    clientSecret: province.clientSecret,
    emailDomains: [province.domain],
    agencyCodes: [province.agencyCode],
    allowInsecureHttp: true,
  });
}
// --- end OIDC

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
  // Phishing drills (test/e2e/auth/phishing.spec.ts) send only to these domains; production refuses to plan a
  // drill without the list. The e2e fixtures' people are at e2e.langson.gov.vn (a subdomain), the demo's at
  // langson.gov.vn. Results are read fresh on every request (the spec reads them right after clicking).
  PHISHING_ALLOWED_DOMAINS: "langson.gov.vn",
  PHISHING_RESULTS_CACHE_SECONDS: "0",
  // Opens the fixtures route to the tests of this run only (docs/decisions/011-e2e-fixtures.md).
  E2E_FIXTURES_TOKEN: randomBytes(32).toString("hex"),
};
delete env.DATABASE_URL;
writeFileSync(path.join(root, `test-results/e2e-fixtures-token-${port}`), env.E2E_FIXTURES_TOKEN!);
const tsx = path.join(root, "node_modules/.bin/tsx");
execFileSync(tsx, ["scripts/db.ts", "migrate"], { cwd: root, env, stdio: "inherit" });
execFileSync(tsx, ["prisma/seed.ts"], { cwd: root, env, stdio: "inherit" });
// OIDC: Nghệ An's tree, the people of both providers, an assignment for Lạng Sơn's.
execFileSync(tsx, ["scripts/e2e-auth-seed-oidc.ts"], { cwd: root, env, stdio: "inherit" });
// Two-factor: demo staff enrolled with fixed test keys, plus a coordinator who must enrol (twofactor helper).
execFileSync(tsx, ["scripts/e2e-auth-staff.ts"], { cwd: root, env, stdio: "inherit" });
// Seed step (LDAP): the staff-list people with @mail.langson.gov.vn addresses (test/e2e/auth/ldap-directory.ts).
execFileSync(tsx, ["scripts/e2e-auth-ldap-people.ts"], { cwd: root, env, stdio: "inherit" });
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
