import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { adminResetPassword, changePassword, login } from "~/modules/auth/auth.server";
import { requireActor, requireRole } from "~/modules/auth/guards.server";
import { hashPassword } from "~/modules/auth/password.server";
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP } from "~/modules/auth/rate-limit.server";
import {
  SESSION_COOKIE,
  SESSION_TTL_MS,
  createSession,
  invalidateSession,
  sessionCookie,
  sessionIdFromToken,
  validateSessionToken,
} from "~/modules/auth/session.server";
import { action as loginAction } from "~/routes/login";

let agencyId: string;
async function makeUser(email: string, password = "MatKhau123", active = true) {
  const person = await db.person.create({
    data: { fullName: "Thử Nghiệm", email, agencyId, staffCategory: "CONG_CHUC", active },
  });
  return db.user.create({ data: { email, personId: person.id, passwordHash: await hashPassword(password) } });
}
const req = (token: string, path = "/people") =>
  new Request(`http://localhost${path}`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } });

async function thrown(p: Promise<unknown>): Promise<Response> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Response) return e;
    const d = e as { type?: string; init?: { status?: number } };
    if (d?.type === "DataWithResponseInit") return new Response(null, { status: d.init?.status ?? 500 });
    throw e;
  }
  throw new Error("expected a thrown response");
}

beforeAll(async () => {
  const a = await db.agency.create({
    data: { code: "T", name: "Tỉnh thử", kind: "PROVINCE", path: "/x/", depth: 0 },
  });
  agencyId = a.id;
  await db.agency.update({ where: { id: a.id }, data: { path: `/${a.id}/` } });
});

describe("sessions (Lucia scheme)", () => {
  it("stores only the token's SHA-256, validates, slides and revokes", async () => {
    const user = await makeUser("phien@test.vn");
    const { token } = await createSession(user.id);
    expect(await db.session.findUnique({ where: { id: token } })).toBeNull();
    const row = await db.session.findUniqueOrThrow({ where: { id: sessionIdFromToken(token) } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);

    // Past half its life: validation extends it to a full 30 days again.
    await db.session.update({
      where: { id: row.id },
      data: { expiresAt: new Date(Date.now() + 3 * 86400_000) },
    });
    const slid = await validateSessionToken(token);
    expect(slid?.refreshed).toBe(true);
    expect(slid!.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);

    await invalidateSession(row.id);
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("rejects and deletes expired sessions, and garbage tokens", async () => {
    const user = await makeUser("hethan@test.vn");
    const { token } = await createSession(user.id);
    await db.session.update({
      where: { id: sessionIdFromToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db.session.count({ where: { id: sessionIdFromToken(token) } })).toBe(0);
    expect(await validateSessionToken("'; drop table users; --")).toBeNull();
  });

  it("sets an HttpOnly SameSite=Lax cookie, Secure in production", () => {
    const expires = new Date();
    expect(sessionCookie("abc", expires)).toMatch(/HttpOnly; SameSite=Lax/);
    const old = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    expect(sessionCookie("abc", expires)).toMatch(/; Secure$/);
    process.env.NODE_ENV = old;
  });
});

describe("login", () => {
  it("signs in with the right password, case-insensitively by email", async () => {
    await makeUser("dangnhap@test.vn", "DungMatKhau1");
    const ok = await login("DangNhap@Test.VN", "DungMatKhau1", { ip: "10.0.0.1" });
    expect(ok.ok).toBe(true);
    const bad = await login("dangnhap@test.vn", "sai", { ip: "10.0.0.1" });
    expect(bad).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles an account after repeated failures, even with the right password", async () => {
    await makeUser("khoa@test.vn", "DungMatKhau1");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      expect((await login("khoa@test.vn", "sai" + i, { ip: `10.1.0.${i}` })).ok).toBe(false);
    }
    expect(await login("khoa@test.vn", "DungMatKhau1", { ip: "10.1.1.1" })).toEqual({
      ok: false,
      reason: "throttled",
    });
  });

  it("throttles an IP that guesses many accounts", async () => {
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) await login(`khongco${i}@test.vn`, "x", { ip: "10.9.9.9" });
    await makeUser("nannhan@test.vn", "DungMatKhau1");
    expect(await login("nannhan@test.vn", "DungMatKhau1", { ip: "10.9.9.9" })).toEqual({
      ok: false,
      reason: "throttled",
    });
    expect((await login("nannhan@test.vn", "DungMatKhau1", { ip: "10.9.9.10" })).ok).toBe(true);
  });

  it("refuses a deactivated person", async () => {
    await makeUser("nghiviec@test.vn", "DungMatKhau1", false);
    expect((await login("nghiviec@test.vn", "DungMatKhau1", { ip: "10.2.0.1" })).ok).toBe(false);
  });

  it("the login route answers in Vietnamese and sets the session cookie", async () => {
    await makeUser("route@test.vn", "DungMatKhau1");
    const post = (body: Record<string, string>) =>
      loginAction({
        request: new Request("http://localhost/login", {
          method: "POST",
          body: new URLSearchParams(body),
          headers: { "x-forwarded-for": "10.3.0.1" },
        }),
        params: {},
        context: {},
      });
    // A conform reply: form-level errors under "", field errors by name; the password never comes back.
    type Reply = {
      data: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
      init: { status: number };
    };
    const bad = (await post({ email: "route@test.vn", password: "sai" })) as unknown as Reply;
    expect(bad.init.status).toBe(400);
    expect(bad.data.error[""]).toEqual(["Email hoặc mật khẩu không đúng."]);
    expect(bad.data.initialValue).toMatchObject({ email: "route@test.vn" });
    expect(bad.data.initialValue).not.toHaveProperty("password");
    const unknown = (await post({ email: "khongco@test.vn", password: "sai" })) as unknown as Reply;
    expect([unknown.init.status, unknown.data.error]).toEqual([bad.init.status, bad.data.error]);
    const invalid = (await post({ email: "khong-phai-email", password: "x" })) as unknown as Reply;
    expect(invalid.init.status).toBe(400);
    expect(invalid.data.error.email).toEqual(["Email không hợp lệ."]);
    const noPassword = (await post({ email: "route@test.vn" })) as unknown as Reply;
    expect(noPassword.data.error.password).toEqual(["Vui lòng nhập mật khẩu."]);
    const ok = (await post({ email: "route@test.vn", password: "DungMatKhau1" })) as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("set-cookie")).toMatch(
      /^hoc_session=[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax/,
    );
  });
});

describe("passwords", () => {
  it("changing the password signs out other sessions but keeps the current one", async () => {
    const user = await makeUser("doimk@test.vn", "CuMatKhau1");
    const a = await createSession(user.id);
    const b = await createSession(user.id);
    const res = await changePassword(user.id, sessionIdFromToken(a.token), "CuMatKhau1", "MoiMatKhau2");
    expect(res.ok).toBe(true);
    expect(await validateSessionToken(a.token)).not.toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
    expect((await login("doimk@test.vn", "MoiMatKhau2", { ip: "10.4.0.1" })).ok).toBe(true);
  });

  it("an admin reset signs the user out, forces a change, and is audited", async () => {
    const admin = await makeUser("admin-reset@test.vn");
    const user = await makeUser("bireset@test.vn", "CuMatKhau1");
    const s = await createSession(user.id);
    await adminResetPassword(admin.id, user.id, "TamThoi12345");
    expect(await validateSessionToken(s.token)).toBeNull();
    const r = await login("bireset@test.vn", "TamThoi12345", { ip: "10.5.0.1" });
    if (!r.ok) throw new Error("login failed");
    const redirect = await thrown(requireActor(req(r.token)));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("location")).toBe("/account/password");
    expect(await db.auditEvent.count({ where: { action: "user.password.reset", entityId: user.id } })).toBe(
      1,
    );
  });
});

describe("guards", () => {
  it("redirects anonymous callers to login and refuses missing roles with 403", async () => {
    const anon = await thrown(requireActor(new Request("http://localhost/people?q=a")));
    expect(anon.headers.get("location")).toBe("/login?redirectTo=%2Fpeople%3Fq%3Da");
    const user = await makeUser("hocvien@test.vn");
    const { token } = await createSession(user.id);
    const denied = await thrown(requireRole(req(token), ["COORDINATOR"]));
    expect(denied.status).toBe(403);
  });
});
