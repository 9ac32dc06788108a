// TOTP two-factor through the real routes and database: required at a coordinator's first sign-in,
// enrolment with a code computed here, verification, one use per 30-s step (also under concurrency), the
// throttle, single-use recovery codes, the admin's audited reset, optional for learners, and the identity
// provider's MFA standing in for it.
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { SESSION_COOKIE } from "~/modules/auth/session.server";
import { completeSignIn } from "~/modules/auth/sign-in.server";
import { totpCodeAt, totpStep } from "~/modules/auth/two-factor";
import { MAX_TOTP_FAILURES, verifySecondFactor } from "~/modules/auth/two-factor.server";
import { action as securityAction } from "~/routes/account.security";
import { loader as codesTxt } from "~/routes/account.two-factor.recovery-codes[.]txt";
import { loader as codesLoader } from "~/routes/account.two-factor.recovery-codes";
import { action as setupAction, loader as setupLoader } from "~/routes/account.two-factor.setup";
import { action as verifyAction, loader as verifyLoader } from "~/routes/account.two-factor.verify";
import { action as resetAction } from "~/routes/admin.users_.$userId.two-factor";
import { action as loginAction } from "~/routes/login";
import { loader as peopleLoader } from "~/routes/people._index";
import { buildWorld, call } from "./helpers/world";

type World = Awaited<ReturnType<typeof buildWorld>>;
let w: World;
const PASSWORD = "MatKhau#2026-dai";

/** A browser's cookies: what Set-Cookie headers set (Max-Age=0 removes). */
class Jar {
  private cookies = new Map<string, string>();
  take(headers: Headers | undefined | null) {
    for (const line of headers?.getSetCookie() ?? []) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (attrs.some((a) => a.trim().toLowerCase() === "max-age=0")) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
  }
  get header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

function request(jar: Jar, url: string, form?: Record<string, string>) {
  return new Request(`http://localhost${url}`, {
    method: form ? "POST" : "GET",
    headers: {
      cookie: jar.header,
      ...(form ? { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" } : {}),
    },
    body: form ? new URLSearchParams(form) : undefined,
  });
}

type Out = Awaited<ReturnType<typeof call>>;
/** Calls a route and keeps the cookies it sets, whether it answered a Response or data() with headers. */
async function send(jar: Jar, fn: Parameters<typeof call>[0], req: Request, params = {}): Promise<Out> {
  let raw: unknown;
  try {
    raw = await fn({ request: req, params, context: {} });
  } catch (e) {
    raw = e;
  }
  const init = (raw as { init?: { headers?: HeadersInit } })?.init;
  jar.take(raw instanceof Response ? raw.headers : init?.headers ? new Headers(init.headers) : null);
  return call(() => raw, req);
}
const location = (o: Out) => o.response?.headers.get("location") ?? null;
const formErrors = (o: Out) => JSON.stringify(o.data);

async function signInWithPassword(email: string, redirectTo = ""): Promise<{ jar: Jar; out: Out }> {
  const jar = new Jar();
  const out = await send(jar, loginAction, request(jar, "/login", { email, password: PASSWORD, redirectTo }));
  return { jar, out };
}

/** The key shown on the setup page (base32 in groups), decoded as an authenticator app would. */
const keyFromSecret = (secret: string) => decodeBase32IgnorePadding(secret.replace(/\s+/g, ""));

async function enrol(jar: Jar, redirectTo: string) {
  const page = await send(
    jar,
    setupLoader,
    request(jar, `/account/two-factor/setup?redirectTo=${redirectTo}`),
  );
  expect(page.status).toBe(200);
  const key = keyFromSecret((page.data as { secret: string }).secret);
  const done = await send(
    jar,
    setupAction,
    request(jar, "/account/two-factor/setup", { code: totpCodeAt(key, totpStep()), redirectTo }),
  );
  return { key, done };
}

beforeAll(async () => {
  // Only the Date is faked, so codes of later 30-s steps can be tested without waiting.
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  w = await buildWorld();
  const passwordHash = await hashPassword(PASSWORD);
  await db.user.updateMany({ data: { passwordHash } });
});
afterAll(() => {
  vi.useRealTimers();
});
const nextStep = () => vi.setSystemTime(Date.now() + 30_000);

describe("a coordinator's first sign-in", () => {
  let key: Uint8Array;

  /** A full sign-in (password, then the current code) a step after the last one; returns its cookie jar. */
  async function signInWithCode(email: string) {
    nextStep();
    const { jar } = await signInWithPassword(email);
    await send(
      jar,
      verifyAction,
      request(jar, "/account/two-factor/verify", { code: totpCodeAt(key, totpStep()) }),
    );
    return jar;
  }

  it("must enrol: the pending session cannot open /people and is sent to the setup step", async () => {
    const { jar, out } = await signInWithPassword("coord-a@test.vn", "/people");
    expect(location(out)).toBe("/account/two-factor/setup?redirectTo=%2Fpeople");
    const people = await send(jar, peopleLoader, request(jar, "/people"));
    expect(people.status).toBe(302);
    expect(location(people)).toBe("/account/two-factor/setup?redirectTo=%2Fpeople");
    // Nor the verify page: there is no key to verify yet.
    expect(location(await send(jar, verifyLoader, request(jar, "/account/two-factor/verify")))).toMatch(
      /^\/account\/two-factor\/setup/,
    );
  });

  it("enrols with a code computed from the shown secret, gets 10 recovery codes once, then opens /people", async () => {
    const { jar } = await signInWithPassword("coord-a@test.vn", "/people");
    // A wrong first code is refused and enables nothing.
    const wrong = await send(
      jar,
      setupAction,
      request(jar, "/account/two-factor/setup", { code: "000000", redirectTo: "/people" }),
    );
    expect(wrong.status).toBe(400);
    const enrolled = await enrol(jar, "/people");
    key = enrolled.key;
    expect(location(enrolled.done)).toBe("/account/two-factor/recovery-codes?redirectTo=%2Fpeople");
    const user = await db.user.findUniqueOrThrow({ where: { email: "coord-a@test.vn" } });
    expect(user.totpEnabledAt).not.toBeNull();
    expect(Buffer.from(user.totpKey!).equals(Buffer.from(key))).toBe(true);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(10);
    const codes = await send(jar, codesLoader, request(jar, "/account/two-factor/recovery-codes"));
    const shown = (codes.data as { codes: string[] }).codes;
    expect(shown).toHaveLength(10);
    const stored = await db.recoveryCode.findMany({ where: { userId: user.id }, select: { codeHash: true } });
    expect(stored.map((s) => s.codeHash)).not.toContain(shown[0]); // only hashes are kept
    const txt = await send(jar, codesTxt, request(jar, "/account/two-factor/recovery-codes.txt"));
    expect(await txt.response!.text()).toContain(shown[9]);
    expect((await send(jar, peopleLoader, request(jar, "/people"))).status).toBe(200);
    // The codes are not readable from another session of the same account.
    const other = await signInWithPassword("coord-a@test.vn");
    nextStep();
    await send(
      other.jar,
      verifyAction,
      request(other.jar, "/account/two-factor/verify", { code: totpCodeAt(key, totpStep()) }),
    );
    expect(
      (await send(other.jar, codesLoader, request(other.jar, "/account/two-factor/recovery-codes"))).data,
    ).toMatchObject({ codes: null });
  });

  it("signs in again with a code; the same code is refused within its window", async () => {
    nextStep();
    const { jar, out } = await signInWithPassword("coord-a@test.vn", "/people");
    expect(location(out)).toBe("/account/two-factor/verify?redirectTo=%2Fpeople");
    const code = totpCodeAt(key, totpStep());
    const ok = await send(
      jar,
      verifyAction,
      request(jar, "/account/two-factor/verify", { code, redirectTo: "/people" }),
    );
    expect(location(ok)).toBe("/people");
    const again = await signInWithPassword("coord-a@test.vn");
    const reused = await send(
      again.jar,
      verifyAction,
      request(again.jar, "/account/two-factor/verify", { code }),
    );
    expect(reused.status).toBe(400);
    expect(formErrors(reused)).toContain("vừa được dùng");
    expect((await send(again.jar, peopleLoader, request(again.jar, "/people"))).status).toBe(302);
  });

  it("two concurrent uses of one fresh code: exactly one passes", async () => {
    nextStep();
    const user = await db.user.findUniqueOrThrow({ where: { email: "coord-a@test.vn" } });
    const a = await signInWithPassword("coord-a@test.vn");
    const b = await signInWithPassword("coord-a@test.vn");
    const sessions = await db.session.findMany({
      where: { userId: user.id, pendingSecondFactor: true },
      orderBy: { createdAt: "desc" },
      take: 2,
    });
    expect(sessions).toHaveLength(2);
    const code = totpCodeAt(key, totpStep());
    const results = await Promise.allSettled(sessions.map((s) => verifySecondFactor(user.id, s.id, code)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const stillPending = await db.session.count({
      where: { id: { in: sessions.map((s) => s.id) }, pendingSecondFactor: true },
    });
    expect(stillPending).toBe(1);
    void a;
    void b;
  });

  it("a recovery code works once", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "coord-a@test.vn" } });
    // New codes (needs a current code), shown on the codes page.
    const jar = await signInWithCode("coord-a@test.vn");
    nextStep();
    const regen = await send(
      jar,
      securityAction,
      request(jar, "/account/security", { intent: "regenerate", code: totpCodeAt(key, totpStep()) }),
    );
    expect(location(regen)).toMatch(/^\/account\/two-factor\/recovery-codes/);
    const codes = (await send(jar, codesLoader, request(jar, "/account/two-factor/recovery-codes"))).data as {
      codes: string[];
    };
    const first = await signInWithPassword("coord-a@test.vn");
    const used = await send(
      first.jar,
      verifyAction,
      request(first.jar, "/account/two-factor/verify", { code: codes.codes[0]!.toUpperCase() }),
    );
    expect(location(used)).toBe("/people");
    const second = await signInWithPassword("coord-a@test.vn");
    const again = await send(
      second.jar,
      verifyAction,
      request(second.jar, "/account/two-factor/verify", { code: codes.codes[0]! }),
    );
    expect(again.status).toBe(400);
    expect(await db.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(9);
    expect(
      await db.auditEvent.count({ where: { entityId: user.id, action: "user.twofactor.recoveryUsed" } }),
    ).toBe(1);
  });

  it("cannot turn it off: the role requires it", async () => {
    const jar = await signInWithCode("coord-a@test.vn");
    nextStep();
    const off = await send(
      jar,
      securityAction,
      request(jar, "/account/security", { intent: "disable", code: totpCodeAt(key, totpStep()) }),
    );
    expect(off.status).toBe(403);
    expect(
      (await db.user.findUniqueOrThrow({ where: { email: "coord-a@test.vn" } })).totpEnabledAt,
    ).not.toBeNull();
  });

  it("wrong codes are rate-limited: after 5 failures even the right code is refused with 'thử lại sau'", async () => {
    nextStep();
    const { jar } = await signInWithPassword("coord-a@test.vn");
    for (let i = 0; i < MAX_TOTP_FAILURES; i++) {
      const bad = await send(
        jar,
        verifyAction,
        request(jar, "/account/two-factor/verify", { code: String(100000 + i) }),
      );
      expect(bad.status).toBe(400);
    }
    const right = await send(
      jar,
      verifyAction,
      request(jar, "/account/two-factor/verify", { code: totpCodeAt(key, totpStep()) }),
    );
    expect(right.status).toBe(429);
    expect(formErrors(right)).toContain("thử lại sau");
    expect(
      await db.session.count({ where: { user: { email: "coord-a@test.vn" }, pendingSecondFactor: true } }),
    ).toBeGreaterThan(0);
  });

  it("an admin resets it: audited, every session of the person ends, the next sign-in enrols again", async () => {
    const user = await db.user.findUniqueOrThrow({ where: { email: "coord-a@test.vn" } });
    const url = `/admin/users/${user.id}/two-factor`;
    const admin = new Jar();
    admin.take(new Headers({ "set-cookie": `${w.admin.cookie}; Path=/` }));
    const byCoordinator = new Jar();
    byCoordinator.take(new Headers({ "set-cookie": `${w.coordB.cookie}; Path=/` }));
    expect(
      (
        await send(byCoordinator, resetAction, request(byCoordinator, url, { intent: "reset" }), {
          userId: user.id,
        })
      ).status,
    ).toBe(403);
    expect(await db.session.count({ where: { userId: user.id } })).toBeGreaterThan(0);
    const done = await send(admin, resetAction, request(admin, url, { intent: "reset" }), {
      userId: user.id,
    });
    expect(done.status).toBe(302);
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([after.totpKey, after.totpEnabledAt]).toEqual([null, null]);
    expect(await db.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.twofactor.reset", entityId: user.id },
    });
    expect(event.actorUserId).toBe(w.admin.user.id);
    nextStep();
    const { out } = await signInWithPassword("coord-a@test.vn");
    expect(location(out)).toMatch(/^\/account\/two-factor\/setup/);
  });
});

describe("learners and identity providers", () => {
  it("optional for a learner: no second step until they turn it on themselves, then one every time", async () => {
    const { jar, out } = await signInWithPassword("learner@test.vn", "/learn");
    expect(location(out)).toBe("/learn");
    const { key, done } = await enrol(jar, "/learn");
    expect(location(done)).toBe("/account/two-factor/recovery-codes?redirectTo=%2Faccount%2Fsecurity");
    nextStep();
    const next = await signInWithPassword("learner@test.vn", "/learn");
    expect(location(next.out)).toBe("/account/two-factor/verify?redirectTo=%2Flearn");
    await send(
      next.jar,
      verifyAction,
      request(next.jar, "/account/two-factor/verify", { code: totpCodeAt(key, totpStep()) }),
    );
    // A learner may turn it off again, with a current code.
    nextStep();
    const off = await send(
      next.jar,
      securityAction,
      request(next.jar, "/account/security", { intent: "disable", code: totpCodeAt(key, totpStep()) }),
    );
    expect(off.status).toBe(302);
    expect(location((await signInWithPassword("learner@test.vn", "/learn")).out)).toBe("/learn");
  });

  it("the identity provider's MFA satisfies it: no pending session", async () => {
    const res = await completeSignIn(w.coordB.user.id, {
      method: "oidc:test",
      meta: { ip: "127.0.0.1" },
      providerMfa: true,
    });
    expect(res.headers.get("location")).toBe("/people");
    const token = /hoc_session=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1];
    const jar = new Jar();
    jar.take(new Headers({ "set-cookie": `${SESSION_COOKIE}=${token}; Path=/` }));
    expect((await send(jar, peopleLoader, request(jar, "/people"))).status).toBe(200);
    // Without it, the same coordinator is sent to enrol.
    const plain = await completeSignIn(w.coordB.user.id, { method: "password", meta: { ip: "127.0.0.1" } });
    expect(plain.headers.get("location")).toMatch(/^\/account\/two-factor\/setup/);
  });

  it("a pending sign-in expires after 30 minutes", async () => {
    const { jar } = await signInWithPassword("coord-b@test.vn");
    vi.setSystemTime(Date.now() + 31 * 60_000);
    const people = await send(jar, peopleLoader, request(jar, "/people"));
    expect(location(people)).toMatch(/^\/login/);
  });
});
