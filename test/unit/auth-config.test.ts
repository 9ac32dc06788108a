// The deployment's sign-in configuration (AUTH_CONFIG): what parseAuthConfig accepts and refuses, with the
// reason naming the key; where resolveLoginMethod sends a typed email; and the login page's client-side
// copy of that rule (domainBindings + bindingForEmail) agreeing with it. Both example files must parse.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type AuthConfig, parseAuthConfig, resolveLoginMethod } from "~/modules/auth/config.server";
import { bindingForEmail, domainBindings } from "~/domain/auth";

const ROOT = path.resolve(import.meta.dirname, "../..");
// Only the variables a case names (ProcessEnv's type insists on NODE_ENV).
const envOf = (vars: Record<string, string> = {}) => vars as NodeJS.ProcessEnv;
const env = envOf({ SECRET: "s3cret", BIND: "pw" });

const oidc = (over: Record<string, unknown> = {}) => ({
  id: "langson",
  name: "SSO Lạng Sơn",
  emailDomains: ["langson.gov.vn"],
  issuer: "https://sso.langson.gov.vn/realms/langson",
  clientId: "hoc-attt",
  ...over,
});
const ldap = (over: Record<string, unknown> = {}) => ({
  id: "zimbra",
  name: "Thư công vụ",
  emailDomains: ["langson.edu.vn"],
  url: "ldaps://ldap.langson.edu.vn:636",
  searchBase: "ou=people,dc=langson,dc=edu,dc=vn",
  ...over,
});
const parse = (value: unknown, e: NodeJS.ProcessEnv = env) => parseAuthConfig(JSON.stringify(value), e);
const refusal = (value: unknown, e: NodeJS.ProcessEnv = env): string => {
  try {
    parse(value, e);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the configuration was accepted");
};

describe("parseAuthConfig", () => {
  it("an empty file means passwords only, two-factor for staff, 7-day invitations, 60-minute resets", () => {
    const config = parseAuthConfig("", envOf());
    expect(config).toMatchObject({
      provinceName: "",
      methods: ["oidc", "ldap", "password"],
      oidc: [],
      ldap: [],
      twoFactor: {
        requiredForRoles: ["ADMIN", "COORDINATOR", "REVIEWER", "PHISHING_MANAGER"],
        acceptProviderMfa: true,
      },
      invitations: { ttlHours: 168 },
      passwordReset: { ttlMinutes: 60 },
      magicLink: { enabled: false, ttlMinutes: 15 },
    });
    expect(resolveLoginMethod("an@langson.gov.vn", config)).toEqual({ kind: "password" });
  });

  it("fills each provider's defaults", () => {
    const config = parse({ oidc: [oidc()], ldap: [ldap()] });
    expect(config.oidc[0]).toMatchObject({
      scopes: ["openid", "email", "profile"],
      agencyCodes: [],
      allowInsecureHttp: false,
      endSessionAtLogout: true,
    });
    expect(config.ldap[0]).toMatchObject({
      searchFilter: "(mail={email})",
      emailAttribute: "mail",
      startTls: false,
      rejectUnauthorized: true,
      timeoutMs: 5000,
    });
  });

  it("expands ${VAR} from the environment, in YAML as in JSON", () => {
    const yaml = `oidc:\n  - id: langson\n    name: SSO\n    emailDomains: [langson.gov.vn]\n    issuer: https://sso.example/realms/x\n    clientId: app\n    clientSecret: "\${SECRET}"\n`;
    expect(parseAuthConfig(yaml, env).oidc[0]!.clientSecret).toBe("s3cret");
    expect(parse({ ldap: [ldap({ bindPassword: "${BIND}" })] }).ldap[0]!.bindPassword).toBe("pw");
  });

  it("a variable that is not set is refused, by name, never left empty", () => {
    const message = refusal({ oidc: [oidc({ clientSecret: "${LANGSON_SECRET}" })] }, envOf());
    expect(message).toContain("biến môi trường chưa đặt");
    expect(message).toContain("LANGSON_SECRET");
  });

  it("the same id twice, or one mail domain bound to two places, is refused", () => {
    expect(refusal({ oidc: [oidc()], ldap: [ldap({ id: "langson" })] })).toContain(
      'id "langson" dùng hai lần',
    );
    expect(refusal({ oidc: [oidc()], ldap: [ldap({ emailDomains: ["LangSon.gov.vn"] })] })).toContain(
      'tên miền "langson.gov.vn" gắn với hai nơi',
    );
  });

  it("an http:// issuer is refused unless allowInsecureHttp says it is a loopback test provider", () => {
    const insecure = oidc({ issuer: "http://127.0.0.1:4000" });
    expect(refusal({ oidc: [insecure] })).toContain('oidc "langson" dùng http://');
    expect(parse({ oidc: [{ ...insecure, allowInsecureHttp: true }] }).oidc[0]!.issuer).toBe(
      "http://127.0.0.1:4000",
    );
  });

  it("a bad mail domain, URL, id, role or misspelt key is refused in Vietnamese, naming the key", () => {
    expect(refusal({ oidc: [oidc({ emailDomains: ["@langson.gov.vn"] })] })).toContain(
      "oidc.0.emailDomains.0: tên miền thư không hợp lệ",
    );
    expect(refusal({ oidc: [oidc({ emailDomains: ["localhost"] })] })).toContain("oidc.0.emailDomains.0");
    expect(refusal({ oidc: [oidc({ issuer: "not a url" })] })).toMatch(/oidc\.0\.issuer: .*URL không hợp lệ/);
    expect(refusal({ ldap: [ldap({ url: "https://ldap.example" })] })).toContain(
      "ldap.0.url: url phải là ldap:// hoặc ldaps://",
    );
    expect(refusal({ ldap: [ldap({ id: "Zimbra Mail" })] })).toContain("ldap.0.id");
    expect(refusal({ ldap: [ldap({ searchFilter: "(mail=*)" })] })).toContain("ldap.0.searchFilter");
    expect(refusal({ twoFactor: { requiredForRoles: ["ROOT"] } })).toContain("twoFactor.requiredForRoles.0");
    expect(refusal({ magiclink: { enabled: true } })).toMatch(/\(gốc\): .*"magiclink"/);
    expect(refusal({ oidc: [oidc({ clientSecrett: "x" })] })).toMatch(/oidc\.0: .*"clientSecrett"/);
    expect(refusal({ passwordReset: { ttlMinutes: 0 } })).toContain("passwordReset.ttlMinutes");
    // No English from zod's defaults reaches the operator.
    expect(refusal({ invitations: { ttlHours: "a week" } })).not.toMatch(/expected|Invalid/);
  });

  it("a file that is not YAML is refused with the reason", () => {
    expect(() => parseAuthConfig("oidc: [\n  - id: x", envOf())).toThrow(/không đọc được/);
  });

  it("both example files parse (the secrets they name set in the environment)", () => {
    const secrets = envOf({
      LANGSON_SSO_CLIENT_SECRET: "a",
      ZIMBRA_BIND_PASSWORD: "b",
      NGHEAN_SSO_CLIENT_SECRET: "c",
      NGHEAN_ZIMBRA_BIND_PASSWORD: "d",
    });
    const province = parseAuthConfig(
      readFileSync(path.join(ROOT, "config/auth.example.yaml"), "utf8"),
      secrets,
    );
    expect(province.provinceName).toBe("Tỉnh Lạng Sơn");
    expect(province.oidc.map((p) => p.id)).toEqual(["langson"]);
    expect(province.ldap.map((d) => d.id)).toEqual(["zimbra-sgddt"]);
    expect(resolveLoginMethod("an@langson.gov.vn", province)).toMatchObject({ kind: "oidc" });
    expect(resolveLoginMethod("binh@langson.edu.vn", province)).toMatchObject({ kind: "ldap" });
    expect(resolveLoginMethod("chi@gmail.com", province)).toEqual({ kind: "password" });
    const ministry = parseAuthConfig(
      readFileSync(path.join(ROOT, "config/auth.ministry.example.yaml"), "utf8"),
      secrets,
    );
    expect(ministry.oidc.map((p) => [p.id, p.agencyCodes])).toEqual([
      ["langson", ["20"]],
      ["nghean", ["40"]],
    ]);
    const demo = parseAuthConfig(readFileSync(path.join(ROOT, "config/auth.demo.yaml"), "utf8"), envOf());
    expect(demo.twoFactor.requiredForRoles).toEqual([]);
  });
});

describe("resolveLoginMethod and the login page's copy of it", () => {
  const config: AuthConfig = parse({
    methods: ["ldap", "oidc", "password"],
    oidc: [
      oidc({ id: "a", emailDomains: ["langson.gov.vn"] }),
      oidc({ id: "b", name: "SSO Nghệ An", emailDomains: ["nghean.gov.vn"] }),
    ],
    ldap: [ldap({ emailDomains: ["mail.langson.gov.vn", "langson.edu.vn"] })],
  });
  const cases: [string, string][] = [
    ["an@langson.gov.vn", "oidc:a"],
    ["An@SO.LangSon.gov.vn", "oidc:a"], // a subdomain of a bound domain
    ["binh@nghean.gov.vn", "oidc:b"],
    ["chi@mail.langson.gov.vn", "ldap:zimbra"], // the most specific bound domain wins over langson.gov.vn
    ["dung@x.langson.edu.vn", "ldap:zimbra"],
    ["em@notlangson.gov.vn", "password"], // a suffix that is not a subdomain
    ["giang@gmail.com", "password"],
    ["no-at-sign", "password"],
  ];
  const where = (m: ReturnType<typeof resolveLoginMethod>) =>
    m.kind === "oidc" ? `oidc:${m.provider.id}` : m.kind === "ldap" ? `ldap:${m.directory.id}` : "password";

  it.each(cases)("%s signs in at %s", (email, expected) => {
    expect(where(resolveLoginMethod(email, config))).toBe(expected);
    const b = bindingForEmail(email, domainBindings(config));
    expect(b ? `${b.kind}:${b.id}` : "password").toBe(expected);
  });

  it("with oidc first the more specific directory domain still wins; a method left out is never used", () => {
    const oidcFirst = { ...config, methods: ["oidc", "ldap", "password"] } as AuthConfig;
    expect(where(resolveLoginMethod("chi@mail.langson.gov.vn", oidcFirst))).toBe("ldap:zimbra");
    expect(bindingForEmail("chi@mail.langson.gov.vn", domainBindings(oidcFirst))?.id).toBe("zimbra");
    expect(where(resolveLoginMethod("an@so.langson.gov.vn", oidcFirst))).toBe("oidc:a");
    const passwordOnly = { ...config, methods: ["password"] } as AuthConfig;
    expect(resolveLoginMethod("an@langson.gov.vn", passwordOnly)).toEqual({ kind: "password" });
    expect(domainBindings(passwordOnly)).toEqual([]);
  });

  it("the page's list carries names and domains only, no issuer, URL or secret", () => {
    const withSecret = parse({
      oidc: [oidc({ clientSecret: "${SECRET}" })],
      ldap: [ldap({ bindPassword: "${BIND}" })],
    });
    const text = JSON.stringify(domainBindings(withSecret));
    for (const secret of ["s3cret", "pw", "https://", "ldaps://", "ou=people"])
      expect(text).not.toContain(secret);
  });
});
