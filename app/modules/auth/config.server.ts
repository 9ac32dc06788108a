// How this deployment signs people in: OpenID Connect providers, LDAP directories and local passwords, each
// provider bound to mail domains (which send a typed email to it) and to agency subtrees (whose people it may
// sign in). Read from the YAML/JSON file in AUTH_CONFIG (none = local passwords only), `${VAR}` taken from
// the environment, validated with zod; server.js calls checkAuthConfig() at boot and refuses to start on error.
import { existsSync, readFileSync } from "node:fs";
import YAML from "yaml";
import { z } from "zod";
import { db, forgetOnClose } from "~/db.server";
import { configVariable, getEnv, type RawEnv } from "~/env.server";

const ROLE = z.enum(["ADMIN", "COORDINATOR", "REVIEWER", "PHISHING_MANAGER", "LEARNER"]);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, "tên miền thư không hợp lệ");
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "id chỉ gồm chữ thường, số và dấu -");

const binding = {
  id,
  /** Shown on the login page, e.g. "Hệ thống xác thực tập trung tỉnh Lạng Sơn". */
  name: z.string().min(1),
  /** Mail domains whose addresses are sent to this provider (a subdomain matches too). */
  emailDomains: z.array(domain).min(1),
  /** Codes of the agencies whose subtrees this provider may sign in; [] = the whole tree. */
  agencyCodes: z.array(z.string().min(1)).default([]),
};

const oidcSchema = z.strictObject({
  ...binding,
  issuer: z.string().url(),
  clientId: z.string().min(1),
  clientSecret: z.string().optional(),
  /** How the secret is sent to the token endpoint (Keycloak's "Client Authenticator: Client Id and Secret" takes both). */
  tokenEndpointAuthMethod: z
    .enum(["client_secret_basic", "client_secret_post"])
    .default("client_secret_basic"),
  scopes: z.array(z.string()).default(["openid", "email", "profile"]),
  /** A claim carrying the person's staff code (mã cán bộ), matched when the email is not in the staff list. */
  staffCodeClaim: z.string().optional(),
  /** Only for loopback test providers: allow an http:// issuer. */
  allowInsecureHttp: z.boolean().default(false),
  /** Ask the provider to end its own session at logout (RP-initiated logout), when it supports it. */
  endSessionAtLogout: z.boolean().default(true),
});

const ldapSchema = z.strictObject({
  ...binding,
  /** ldap://host:389 or ldaps://host:636 */
  url: z.string().regex(/^ldaps?:\/\/[^\s]+$/, "url phải là ldap:// hoặc ldaps://"),
  /** Service account that searches for the person's entry; omit for anonymous search. */
  bindDn: z.string().optional(),
  bindPassword: z.string().optional(),
  searchBase: z.string().min(1),
  /** `{email}` is replaced by the typed email, escaped for LDAP filters (RFC 4515). */
  searchFilter: z.string().includes("{email}").default("(mail={email})"),
  emailAttribute: z.string().default("mail"),
  staffCodeAttribute: z.string().optional(),
  startTls: z.boolean().default(false),
  /** PEM file of the CA that signed the directory's certificate. */
  caFile: z.string().optional(),
  rejectUnauthorized: z.boolean().default(true),
  timeoutMs: z.number().int().positive().default(5000),
});

// Strict objects: a misspelt key (magiclink:, requiredForRole:) stops the start instead of being ignored.
export const authConfigSchema = z.strictObject({
  /** The province's name on the login page and in emails. */
  provinceName: z.string().default(""),
  /** Public base URL for links in emails and the OIDC redirect URI; else APP_ORIGIN, else the request's origin. */
  publicUrl: z.string().url().optional(),
  /** The order of the sign-in methods on the login page. */
  methods: z.array(z.enum(["oidc", "ldap", "password"])).default(["oidc", "ldap", "password"]),
  oidc: z.array(oidcSchema).default([]),
  ldap: z.array(ldapSchema).default([]),
  twoFactor: z
    .strictObject({
      /** Roles whose holders must use a second factor; [] turns the requirement off. */
      requiredForRoles: z.array(ROLE).default(["ADMIN", "COORDINATOR", "REVIEWER", "PHISHING_MANAGER"]),
      /** An OIDC sign-in whose amr/acr shows a second factor at the provider counts as one here. */
      acceptProviderMfa: z.boolean().default(true),
      providerAmr: z.array(z.string()).default(["mfa", "otp", "hwk", "swk", "sms"]),
      providerAcr: z.array(z.string()).default([]),
    })
    .default({
      requiredForRoles: ["ADMIN", "COORDINATOR", "REVIEWER", "PHISHING_MANAGER"],
      acceptProviderMfa: true,
      providerAmr: ["mfa", "otp", "hwk", "swk", "sms"],
      providerAcr: [],
    }),
  invitations: z
    .strictObject({ ttlHours: z.number().int().positive().default(168) })
    .default({ ttlHours: 168 }),
  passwordReset: z
    .strictObject({ ttlMinutes: z.number().int().positive().default(60) })
    .default({ ttlMinutes: 60 }),
  /** Sign-in by an emailed link, for learners only (never for staff roles). */
  magicLink: z
    .strictObject({
      enabled: z.boolean().default(false),
      ttlMinutes: z.number().int().positive().default(15),
    })
    .default({ enabled: false, ttlMinutes: 15 }),
});

export type AuthConfig = z.infer<typeof authConfigSchema>;
export type OidcProviderConfig = z.infer<typeof oidcSchema>;
export type LdapDirectoryConfig = z.infer<typeof ldapSchema>;

/** `${NAME}` → the variable NAME (a missing variable is an error, so a secret is never silently empty). */
function expandEnv(text: string, env: RawEnv | undefined, missing: string[]): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => {
    const value = env ? env[name] : configVariable(name);
    if (value === undefined) missing.push(name);
    return value ?? "";
  });
}

/**
 * Parse a configuration text (YAML or JSON); throws an Error listing every problem, in Vietnamese.
 * `${NAME}` references read `env` when given (tests), else the process's environment.
 */
export function parseAuthConfig(text: string, env?: RawEnv): AuthConfig {
  const missing: string[] = [];
  const expanded = expandEnv(text, env, missing);
  if (missing.length)
    throw new Error(`Cấu hình đăng nhập dùng biến môi trường chưa đặt: ${missing.join(", ")}`);
  let raw: unknown;
  try {
    raw = YAML.parse(expanded) ?? {};
  } catch (error) {
    throw new Error(`Cấu hình đăng nhập không đọc được: ${(error as Error).message}`);
  }
  // zod's own messages in Vietnamese, like ours; the path names the key at fault (oidc.0.issuer).
  const parsed = authConfigSchema.safeParse(raw, { error: z.locales.vi().localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(gốc)"}: ${i.message}`);
    throw new Error(`Cấu hình đăng nhập không hợp lệ:\n${problems.join("\n")}`);
  }
  const config = parsed.data;
  const ids = [...config.oidc.map((p) => p.id), ...config.ldap.map((d) => d.id)];
  const dupId = ids.find((x, i) => ids.indexOf(x) !== i);
  if (dupId) throw new Error(`Cấu hình đăng nhập: id "${dupId}" dùng hai lần.`);
  const domains = [...config.oidc, ...config.ldap].flatMap((p) => p.emailDomains);
  const dupDomain = domains.find((x, i) => domains.indexOf(x) !== i);
  if (dupDomain) throw new Error(`Cấu hình đăng nhập: tên miền "${dupDomain}" gắn với hai nơi đăng nhập.`);
  for (const p of config.oidc) {
    if (p.issuer.startsWith("http://") && !p.allowInsecureHttp) {
      throw new Error(`Cấu hình đăng nhập: oidc "${p.id}" dùng http://; hãy dùng https://.`);
    }
  }
  return config;
}

let cached: AuthConfig | undefined;

/** The deployment's configuration (AUTH_CONFIG file), read once. */
export function getAuthConfig(): AuthConfig {
  if (cached) return cached;
  const file = getEnv().AUTH_CONFIG;
  if (!file) {
    cached = authConfigSchema.parse({});
    return cached;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "không có tệp này" : (error as Error).message;
    throw new Error(`Không đọc được tệp cấu hình đăng nhập AUTH_CONFIG=${file}: ${reason}`);
  }
  cached = parseAuthConfig(text);
  return cached;
}

/** Tests swap configurations; pass undefined to read AUTH_CONFIG again. */
export function setAuthConfigForTests(config: AuthConfig | undefined): void {
  cached = config;
  subtreeCache.clear();
}

const subtreeCache = new Map<string, string[]>();
forgetOnClose(() => subtreeCache.clear());

/** Materialized paths of a provider's agency subtrees ([] = the whole tree). */
export async function providerSubtrees(provider: { id: string; agencyCodes: string[] }): Promise<string[]> {
  const hit = subtreeCache.get(provider.id);
  if (hit) return hit;
  if (!provider.agencyCodes.length) return [];
  const agencies = await db.agency.findMany({
    where: { code: { in: provider.agencyCodes } },
    select: { code: true, path: true },
  });
  const unknown = provider.agencyCodes.filter((c) => !agencies.some((a) => a.code === c));
  if (unknown.length) {
    throw new Error(`Cấu hình đăng nhập: "${provider.id}" gắn với mã đơn vị không có: ${unknown.join(", ")}`);
  }
  const paths = agencies.map((a) => a.path);
  subtreeCache.set(provider.id, paths);
  return paths;
}

export function inSubtrees(agencyPath: string, subtrees: string[]): boolean {
  return subtrees.length === 0 || subtrees.some((p) => agencyPath.startsWith(p));
}

/** Boot check: the file parses and every bound agency code exists. Throws a readable Error. */
export async function checkAuthConfig(): Promise<AuthConfig> {
  const config = getAuthConfig();
  for (const [kind, list] of [
    ["oidc", config.oidc],
    ["ldap", config.ldap],
  ] as const) {
    for (const [i, p] of list.entries()) {
      try {
        await providerSubtrees(p);
      } catch (error) {
        // Only our own refusal (an unknown code) names the key; a database failure passes unchanged.
        if (!(error instanceof Error) || !error.message.startsWith("Cấu hình đăng nhập")) throw error;
        throw new Error(`${error.message} (khóa ${kind}.${i}.agencyCodes)`);
      }
    }
  }
  for (const d of config.ldap) {
    // An empty service password would be an anonymous ("unauthenticated") bind, not the service account.
    if (d.bindDn && !d.bindPassword)
      throw new Error(`Cấu hình đăng nhập: ldap "${d.id}" có bindDn nhưng thiếu bindPassword.`);
    if (d.caFile && !existsSync(d.caFile))
      throw new Error(`Cấu hình đăng nhập: ldap "${d.id}" caFile không tồn tại: ${d.caFile}`);
  }
  return config;
}

export type LoginMethod =
  | { kind: "oidc"; provider: OidcProviderConfig }
  | { kind: "ldap"; directory: LdapDirectoryConfig }
  | { kind: "password" };

/** Where a typed email signs in: its mail domain's provider, in the configured order, else a local password. */
export function resolveLoginMethod(email: string, config: AuthConfig = getAuthConfig()): LoginMethod {
  const at = email.lastIndexOf("@");
  const emailDomain =
    at >= 0
      ? email
          .slice(at + 1)
          .trim()
          .toLowerCase()
      : "";
  // The most specific bound domain wins (mail.langson.gov.vn before langson.gov.vn); on a tie, the
  // configured order of the methods.
  let best: { length: number; method: LoginMethod } | null = null;
  const consider = (domains: string[], method: LoginMethod) => {
    for (const d of domains) {
      if ((emailDomain === d || emailDomain.endsWith(`.${d}`)) && (!best || d.length > best.length)) {
        best = { length: d.length, method };
      }
    }
  };
  for (const kind of config.methods) {
    if (kind === "oidc")
      for (const provider of config.oidc) consider(provider.emailDomains, { kind, provider });
    else if (kind === "ldap") {
      for (const directory of config.ldap) consider(directory.emailDomains, { kind, directory });
    }
  }
  if (best) return (best as { method: LoginMethod }).method;
  return { kind: "password" };
}

/** The public base URL for links in emails and OIDC redirects. */
export function publicBaseUrl(request?: Request): string {
  const config = getAuthConfig();
  const base = config.publicUrl ?? getEnv().APP_ORIGIN[0];
  if (base) return base.replace(/\/+$/, "");
  if (request) return new URL(request.url).origin;
  return "http://localhost:3000";
}
