// OpenID Connect sign-in through a real provider (oidc-provider on loopback, its own keys): the app's route
// loaders are called with Requests, the provider is driven over HTTP with a cookie jar, redirects are
// followed by hand. Every refusal leaves no User, ExternalIdentity or Session behind.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { type AuthConfig, authConfigSchema, setAuthConfigForTests } from "~/modules/auth/config.server";
import { getActor } from "~/modules/auth/guards.server";
import { OIDC_FLOW_COOKIE } from "~/modules/auth/oidc.server";
import { SESSION_COOKIE, sessionIdFromToken } from "~/modules/auth/session.server";
import { loader as callbackLoader } from "~/routes/auth.oidc.$providerId.callback";
import { loader as startLoader } from "~/routes/auth.oidc.$providerId.start";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { ProviderBrowser, type TestProvider, startTestProvider } from "../support/oidc-provider";
import { call, makeAgency, makePerson } from "./helpers/world";

const APP = "http://localhost";
const CALLBACK = `${APP}/auth/oidc/ls/callback`;
let op: TestProvider;

const ACCOUNTS = [
  { sub: "ls-an", email: "an@sso.langson.gov.vn", name: "Nguyễn Văn An" },
  { sub: "ls-replay", email: "replay@sso.langson.gov.vn", name: "Lê Thị Lặp" },
  { sub: "ls-redirect", email: "redirect@sso.langson.gov.vn", name: "Phạm Văn Chuyển" },
  { sub: "ls-code", email: "khac@sso.langson.gov.vn", name: "Hoàng Mã Số", staffCode: "LS-0042" },
  { sub: "ls-mfa", email: "mfa@sso.langson.gov.vn", name: "Đào Hai Lớp", amr: ["pwd", "otp"] },
  { sub: "ls-nomfa", email: "nomfa@sso.langson.gov.vn", name: "Đào Một Lớp" },
  { sub: "ls-acr", email: "acr@sso.langson.gov.vn", name: "Đào Mức Cao", acr: "loa-cao" },
  { sub: "ls-off", email: "off@sso.langson.gov.vn", name: "Vũ Nghỉ Việc" },
  { sub: "ls-unknown", email: "nobody@sso.langson.gov.vn", name: "Không Có Tên" },
  // Province A's provider asserting the address of a Nghệ An official: must not reach that person.
  { sub: "ls-evil", email: "binh@nghean.gov.vn", name: "Kẻ Mạo Danh" },
  {
    sub: "ls-unverified",
    email: "unverified@sso.langson.gov.vn",
    name: "Chưa Xác Minh",
    emailVerified: false,
  },
];

function config(overrides: Partial<AuthConfig["oidc"][number]> = {}): AuthConfig {
  return authConfigSchema.parse({
    publicUrl: APP,
    methods: ["oidc", "password"],
    oidc: [
      {
        id: "ls",
        name: "Hệ thống xác thực tập trung tỉnh Lạng Sơn",
        issuer: op.issuer,
        clientId: "hoc-attt",
        clientSecret: "bi-mat-thu",
        emailDomains: ["sso.langson.gov.vn"],
        agencyCodes: ["20"],
        staffCodeClaim: "ma_can_bo",
        allowInsecureHttp: true,
        ...overrides,
      },
    ],
    twoFactor: { requiredForRoles: ["ADMIN", "COORDINATOR", "REVIEWER"] },
  });
}

async function counts() {
  const [users, identities, sessions] = await Promise.all([
    db.user.count(),
    db.externalIdentity.count(),
    db.session.count(),
  ]);
  return { users, identities, sessions };
}

const cookieValue = (setCookie: string | null, name: string) =>
  setCookie
    ?.split(/,(?=\s*\w+=)/)
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`))
    ?.split(";")[0]
    .slice(name.length + 1) ?? null;

/** GET /auth/oidc/ls/start: the provider's authorization URL and the flow cookie. */
async function start(returnTo?: string, providerId = "ls") {
  const q = returnTo === undefined ? "" : `?returnTo=${encodeURIComponent(returnTo)}`;
  const r = await call(startLoader as never, new Request(`${APP}/auth/oidc/${providerId}/start${q}`), {
    providerId,
  });
  expect(r.status, "start redirects to the provider").toBe(302);
  const location = r.response!.headers.get("location")!;
  const state = cookieValue(r.response!.headers.get("set-cookie"), OIDC_FLOW_COOKIE)!;
  expect(state).toBeTruthy();
  return { authUrl: location, state, cookie: `${OIDC_FLOW_COOKIE}=${state}` };
}

async function callback(url: string, cookie: string) {
  const path = url.slice(APP.length);
  expect(url.startsWith(`${APP}/auth/oidc/`), url).toBe(true);
  return call(callbackLoader as never, new Request(`${APP}${path}`, { headers: { cookie } }), {
    providerId: path.split("/")[3],
  });
}

/** A whole sign-in: start, the provider's login page, the callback. */
async function signIn(login: string, returnTo?: string) {
  const flow = await start(returnTo);
  const browser = new ProviderBrowser(op.issuer);
  const back = await browser.signIn(flow.authUrl, login);
  return { flow, back, browser, result: await callback(back, flow.cookie) };
}

function sessionToken(r: Awaited<ReturnType<typeof callback>>) {
  return cookieValue(r.response?.headers.get("set-cookie") ?? null, SESSION_COOKIE);
}

beforeAll(async () => {
  op = await startTestProvider({
    accounts: ACCOUNTS,
    clients: [
      {
        client_id: "hoc-attt",
        client_secret: "bi-mat-thu",
        redirect_uris: [CALLBACK],
        post_logout_redirect_uris: [`${APP}/login`],
      },
      // Another application at the same provider that may also return to our callback.
      { client_id: "ung-dung-khac", client_secret: "bi-mat-khac", redirect_uris: [CALLBACK] },
    ],
  });
  const ls = await makeAgency({ code: "20", name: "UBND tỉnh Lạng Sơn", kind: "PROVINCE" });
  const skhcn = await makeAgency({ code: "20.SKHCN", name: "Sở Khoa học và Công nghệ", parent: ls });
  const na = await makeAgency({ code: "40", name: "UBND tỉnh Nghệ An", kind: "PROVINCE" });
  const naDept = await makeAgency({ code: "40.STC", name: "Sở Tài chính", parent: na });
  for (const a of ACCOUNTS.filter((x) => !["ls-unknown", "ls-evil", "ls-code"].includes(x.sub)))
    await makePerson({ fullName: a.name, email: a.email, agencyId: skhcn.id });
  await makePerson({ fullName: "Lê Văn Bình", email: "binh@nghean.gov.vn", agencyId: naDept.id });
  const coded = await makePerson({
    fullName: "Hoàng Mã Số",
    email: "hoang.maso@langson.gov.vn",
    agencyId: skhcn.id,
  });
  await db.person.update({ where: { id: coded.id }, data: { staffCode: "LS-0042" } });
  await db.person.update({ where: { email: "off@sso.langson.gov.vn" }, data: { active: false } });
  for (const email of ["mfa@sso.langson.gov.vn", "nomfa@sso.langson.gov.vn", "acr@sso.langson.gov.vn"]) {
    const person = await db.person.findUniqueOrThrow({ where: { email } });
    await db.user.create({
      data: { email, personId: person.id, grants: { create: { role: "COORDINATOR", agencyId: skhcn.id } } },
    });
  }
});

beforeEach(() => setAuthConfigForTests(config()));

afterAll(async () => {
  setAuthConfigForTests(undefined);
  await op?.close();
});

describe("OIDC sign-in through a real provider", () => {
  it("the login page sends an address of the provider's mail domain to its start route", async () => {
    const r = await call(
      loginAction as never,
      new Request(`${APP}/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: APP },
        body: new URLSearchParams({ email: "an@sso.langson.gov.vn", redirectTo: "/learn" }),
      }),
    );
    expect(r.status).toBe(302);
    expect(r.response!.headers.get("location")).toBe("/auth/oidc/ls/start?returnTo=%2Flearn");
  });

  it("asks for code + PKCE S256 with state and nonce, the flow stored by the state's hash only", async () => {
    const { authUrl, state } = await start("/learn");
    const u = new URL(authUrl);
    expect(u.origin).toBe(op.issuer);
    expect(u.searchParams.get("response_type")).toBe("code");
    expect(u.searchParams.get("client_id")).toBe("hoc-attt");
    expect(u.searchParams.get("redirect_uri")).toBe(CALLBACK);
    expect(u.searchParams.get("code_challenge_method")).toBe("S256");
    expect(u.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(u.searchParams.get("state")).toBe(state);
    const nonce = u.searchParams.get("nonce")!;
    expect(nonce.length).toBeGreaterThan(20);
    expect(await db.oidcFlow.findUnique({ where: { id: state } })).toBeNull();
    const flows = await db.oidcFlow.findMany({ where: { nonce } });
    expect(flows).toHaveLength(1);
    expect(flows[0].returnTo).toBe("/learn");
    expect(flows[0].expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
  });

  it("signs in, links the identity, stores the ID token; the second sign-in reuses the identity", async () => {
    const before = await counts();
    const { result } = await signIn("an@sso.langson.gov.vn", "/learn");
    expect(result.status).toBe(302);
    expect(result.response!.headers.get("location")).toBe("/learn");
    expect(result.response!.headers.get("set-cookie")).toContain(`${OIDC_FLOW_COOKIE}=;`);
    const token = sessionToken(result)!;
    const actor = await getActor(
      new Request(`${APP}/learn`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } }),
    );
    expect(actor?.email).toBe("an@sso.langson.gov.vn");
    const identity = await db.externalIdentity.findUniqueOrThrow({
      where: { provider_subject: { provider: "oidc:ls", subject: "ls-an" } },
      include: { user: { include: { person: true } } },
    });
    expect(identity.user.person?.email).toBe("an@sso.langson.gov.vn");
    const session = await db.session.findUniqueOrThrow({ where: { id: sessionIdFromToken(token) } });
    expect(session.method).toBe("oidc:ls");
    expect(session.idToken?.split(".")).toHaveLength(3);
    expect(await counts()).toEqual({
      users: before.users + 1,
      identities: before.identities + 1,
      sessions: before.sessions + 1,
    });

    const again = await signIn("an@sso.langson.gov.vn");
    expect(again.result.status).toBe(302);
    expect(again.result.response!.headers.get("location")).toBe("/learn");
    expect(await db.externalIdentity.count({ where: { userId: identity.userId } })).toBe(1);
    expect(await counts()).toEqual({
      users: before.users + 1,
      identities: before.identities + 1,
      sessions: before.sessions + 2,
    });
  });

  it("logout ends our session and goes through the provider's end-session back to /login", async () => {
    const { result, browser } = await signIn("an@sso.langson.gov.vn");
    const token = sessionToken(result)!;
    const idToken = (await db.session.findUniqueOrThrow({ where: { id: sessionIdFromToken(token) } }))
      .idToken;
    const r = await call(
      logoutAction as never,
      new Request(`${APP}/logout`, {
        method: "POST",
        headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: APP },
      }),
    );
    expect(r.status).toBe(302);
    const location = new URL(r.response!.headers.get("location")!);
    expect(location.href.startsWith(`${op.issuer}/session/end`)).toBe(true);
    expect(location.searchParams.get("id_token_hint")).toBe(idToken);
    expect(location.searchParams.get("post_logout_redirect_uri")).toBe(`${APP}/login`);
    expect(r.response!.headers.get("set-cookie")).toContain(`${SESSION_COOKIE}=;`);
    expect(await db.session.findUnique({ where: { id: sessionIdFromToken(token) } })).toBeNull();
    // The provider accepts the hint and the registered post-logout URI.
    expect(await browser.confirmLogout(location.href)).toBe(`${APP}/login`);
    // The provider's own session is over: the next sign-in asks for the password again.
    const next = await start();
    const again = await browser.follow(next.authUrl);
    expect(again.leftTo).toBeNull();
    expect(await again.res.text()).toContain('name="password"');
  });

  it("a password or LDAP session logs out locally only", async () => {
    const person = await db.person.findUniqueOrThrow({ where: { email: "redirect@sso.langson.gov.vn" } });
    const user = await db.user.create({ data: { email: "local-logout@test.vn", personId: person.id } });
    const { createSession } = await import("~/modules/auth/session.server");
    const { token } = await createSession(user.id, { method: "password" });
    const r = await call(
      logoutAction as never,
      new Request(`${APP}/logout`, {
        method: "POST",
        headers: { cookie: `${SESSION_COOKIE}=${token}`, origin: APP },
      }),
    );
    expect(r.response!.headers.get("location")).toBe("/login");
    await db.user.delete({ where: { id: user.id } });
  });

  it("matches the staff-code claim when the email is not in the staff list", async () => {
    const { result } = await signIn("khac@sso.langson.gov.vn");
    expect(result.status).toBe(302);
    const identity = await db.externalIdentity.findUniqueOrThrow({
      where: { provider_subject: { provider: "oidc:ls", subject: "ls-code" } },
      include: { user: { include: { person: true } } },
    });
    expect(identity.user.person?.staffCode).toBe("LS-0042");
  });

  it("the provider's amr counts as the second factor; without it the coordinator must enrol", async () => {
    const withMfa = await signIn("mfa@sso.langson.gov.vn");
    expect(withMfa.result.response!.headers.get("location")).toBe("/people");
    const s1 = await db.session.findUniqueOrThrow({
      where: { id: sessionIdFromToken(sessionToken(withMfa.result)!) },
    });
    expect(s1.pendingSecondFactor).toBe(false);

    const without = await signIn("nomfa@sso.langson.gov.vn");
    expect(without.result.response!.headers.get("location")).toMatch(/^\/account\/two-factor\/setup\?/);
    const s2 = await db.session.findUniqueOrThrow({
      where: { id: sessionIdFromToken(sessionToken(without.result)!) },
    });
    expect(s2.pendingSecondFactor).toBe(true);

    // An acr the deployment lists counts too (and only then).
    const byAcr = await signIn("acr@sso.langson.gov.vn");
    expect(byAcr.result.response!.headers.get("location")).toMatch(/^\/account\/two-factor\/setup\?/);
    const acrCfg = config();
    acrCfg.twoFactor.providerAcr = ["loa-cao"];
    setAuthConfigForTests(acrCfg);
    const byAcr2 = await signIn("acr@sso.langson.gov.vn");
    expect(byAcr2.result.response!.headers.get("location")).toBe("/people");

    // With the setting off, the provider's word is not enough.
    const cfg = config();
    cfg.twoFactor.acceptProviderMfa = false;
    setAuthConfigForTests(cfg);
    const off = await signIn("mfa@sso.langson.gov.vn");
    expect(off.result.response!.headers.get("location")).toMatch(/^\/account\/two-factor\/setup\?/);
  });

  it("never redirects outside the app after sign-in", async () => {
    for (const evil of ["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)"]) {
      const { flow, back, result } = await signIn("redirect@sso.langson.gov.vn", evil);
      expect(await db.oidcFlow.findFirst({ where: { returnTo: { contains: "evil" } } })).toBeNull();
      expect(result.status, evil).toBe(302);
      expect(result.response!.headers.get("location"), evil).toBe("/learn");
      expect(back.startsWith(CALLBACK)).toBe(true);
      expect(flow.authUrl).not.toContain("evil");
    }
  });
});

describe("OIDC refusals leave nothing behind", () => {
  async function refused(
    run: () => Promise<{ status: number; data: unknown }>,
    status: number,
    reason: string,
  ) {
    const before = await counts();
    const r = await run();
    expect(r.status).toBe(status);
    expect((r.data as { reason: string }).reason).toBe(reason);
    expect(await counts()).toEqual(before);
    return r;
  }

  it("wrong state: the callback's state is not the one this browser was given", async () => {
    const victim = await start();
    const back = await new ProviderBrowser(op.issuer).signIn(victim.authUrl, "replay@sso.langson.gov.vn");
    const attacker = await start();
    await refused(() => callback(back, attacker.cookie), 400, "failed");
    await refused(() => callback(back, ""), 400, "failed");
    const tampered = new URL(back);
    tampered.searchParams.set("state", attacker.state);
    await refused(() => callback(tampered.href, attacker.cookie), 400, "failed");
  });

  it("replayed code: the same callback URL twice signs in once", async () => {
    const { flow, back, result } = await signIn("replay@sso.langson.gov.vn");
    expect(result.status).toBe(302);
    await refused(() => callback(back, flow.cookie), 400, "failed");
  });

  it("wrong nonce: an authorization request with the flow's state and PKCE challenge but another nonce", async () => {
    const flow = await start();
    const injected = new URL(flow.authUrl);
    injected.searchParams.set("nonce", "nonce-cua-ke-tan-cong-0123456789");
    const back = await new ProviderBrowser(op.issuer).signIn(injected.href, "replay@sso.langson.gov.vn");
    await refused(() => callback(back, flow.cookie), 400, "failed");
  });

  it("a token for another audience: a code issued to another client", async () => {
    const flow = await start();
    const injected = new URL(flow.authUrl);
    injected.searchParams.set("client_id", "ung-dung-khac");
    const back = await new ProviderBrowser(op.issuer).signIn(injected.href, "replay@sso.langson.gov.vn");
    expect(new URL(back).searchParams.get("code")).toBeTruthy();
    await refused(() => callback(back, flow.cookie), 400, "failed");
  });

  it("an expired ID token", async () => {
    op.setIdTokenTtl(-600);
    try {
      const flow = await start();
      const back = await new ProviderBrowser(op.issuer).signIn(flow.authUrl, "replay@sso.langson.gov.vn");
      await refused(() => callback(back, flow.cookie), 400, "failed");
    } finally {
      op.setIdTokenTtl(600);
    }
  });

  it("the provider's error answer (the person cancelled)", async () => {
    const flow = await start();
    const url = `${CALLBACK}?error=access_denied&state=${flow.state}&iss=${encodeURIComponent(op.issuer)}`;
    await refused(() => callback(url, flow.cookie), 400, "failed");
  });

  it("a flow older than 10 minutes", async () => {
    const flow = await start();
    const back = await new ProviderBrowser(op.issuer).signIn(flow.authUrl, "replay@sso.langson.gov.vn");
    await db.oidcFlow.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    await refused(() => callback(back, flow.cookie), 400, "failed");
  });

  it("a person outside the provider's agencies: province A asserting a Nghệ An official's email", async () => {
    const r = await refused(async () => (await signIn("binh@nghean.gov.vn")).result, 403, "unknown");
    expect(r.data).toEqual({ reason: "unknown", provider: "Hệ thống xác thực tập trung tỉnh Lạng Sơn" });
  });

  it("an email not in the staff list, and an email the provider has not verified", async () => {
    await refused(async () => (await signIn("nobody@sso.langson.gov.vn")).result, 403, "unknown");
    await refused(async () => (await signIn("unverified@sso.langson.gov.vn")).result, 403, "unknown");
  });

  it("a deactivated person", async () => {
    await refused(async () => (await signIn("off@sso.langson.gov.vn")).result, 403, "inactive");
  });

  it("an unreachable provider: a clear 502 page, no flow", async () => {
    setAuthConfigForTests(config({ issuer: "http://127.0.0.1:9", id: "ls" }));
    const flows = await db.oidcFlow.count();
    const r = await call(startLoader as never, new Request(`${APP}/auth/oidc/ls/start`), {
      providerId: "ls",
    });
    expect(r.status).toBe(502);
    expect(r.data).toMatchObject({ reason: "unreachable" });
    expect(await db.oidcFlow.count()).toBe(flows);
  });

  it("malformed callbacks and start parameters are a 400 page or a clean redirect, never a 500", async () => {
    const flow = await start();
    const weird = ["a%00b%1B%C2%85%7F", "a%C3%28%FF", "y".repeat(5000), "%E0%A4%A", ""];
    for (const v of weird) {
      for (const query of [
        `state=${v}`,
        `code=${v}&state=${flow.state}`,
        `error=${v}&state=${v}`,
        `iss=${v}`,
      ]) {
        for (const cookie of [flow.cookie, `${OIDC_FLOW_COOKIE}=${v}`, ""]) {
          const before = await counts();
          const r = await callback(`${CALLBACK}?${query}`, cookie);
          expect(r.status, `${query} / ${cookie}`).toBe(400);
          expect(await counts()).toEqual(before);
        }
      }
      const s = await call(startLoader as never, new Request(`${APP}/auth/oidc/ls/start?returnTo=${v}`), {
        providerId: "ls",
      });
      expect(s.status).toBe(302);
      expect(s.response!.headers.get("location")!.startsWith(op.issuer)).toBe(true);
    }
  });

  it("an unknown provider id is a 404", async () => {
    for (const loader of [startLoader, callbackLoader]) {
      const r = await call(loader as never, new Request(`${APP}/auth/oidc/nope/start`), {
        providerId: "nope",
      });
      expect(r.status).toBe(404);
    }
  });
});
