// The guard's one-query lookup (sessionWithUser): the caller's account, person, grants and unread count come
// with the session, and nothing is cached between requests (a revocation or a grant change holds at once).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { getAuth, getPendingSession } from "~/modules/auth/guards.server";
import {
  SESSION_COOKIE,
  SESSION_TTL_MS,
  createSession,
  invalidateSession,
  sessionIdFromToken,
} from "~/modules/auth/session.server";

let province: { id: string; path: string };
let closed: { id: string; path: string };
const req = (token: string) =>
  new Request("http://localhost/learn", { headers: { cookie: `${SESSION_COOKIE}=${token}` } });

async function agency(code: string, active = true) {
  const a = await db.agency.create({
    data: { code, name: `Đơn vị ${code}`, kind: "PROVINCE", path: `/${code}/`, depth: 0, active },
  });
  return db.agency.update({
    where: { id: a.id },
    data: { path: `/${a.id}/` },
    select: { id: true, path: true },
  });
}

async function person(email: string) {
  const p = await db.person.create({
    data: { fullName: "Lê Thị Tra", email, agencyId: province.id, staffCategory: "CONG_CHUC" },
  });
  const user = await db.user.create({ data: { email, personId: p.id, locale: "en" } });
  return { person: p, user };
}

beforeAll(async () => {
  province = await agency("LK1");
  closed = await agency("LK2", false);
});

describe("the guard's session lookup", () => {
  it("reads the actor, its grants (not those of a closed agency) and the unread count in one go", async () => {
    const { person: p, user } = await person("tra.lookup@test.vn");
    await db.roleGrant.createMany({
      data: [
        { userId: user.id, role: "REVIEWER", agencyId: province.id },
        { userId: user.id, role: "COORDINATOR", agencyId: closed.id },
      ],
    });
    await db.notification.createMany({
      data: [
        { personId: p.id, kind: "info", title: "Một", dedupeKey: "lookup-1" },
        { personId: p.id, kind: "info", title: "Hai", dedupeKey: "lookup-2" },
        { personId: p.id, kind: "info", title: "Đã đọc", dedupeKey: "lookup-3", readAt: new Date() },
      ],
    });
    const { token } = await createSession(user.id);
    const auth = await getAuth(req(token));
    expect(auth).toEqual({
      sessionId: sessionIdFromToken(token),
      unreadNotifications: 2,
      actor: {
        userId: user.id,
        email: "tra.lookup@test.vn",
        personId: p.id,
        fullName: "Lê Thị Tra",
        locale: "en",
        mustChangePassword: false,
        grants: [{ role: "REVIEWER", agencyId: province.id, agencyPath: province.path }],
      },
    });
  });

  it("an account without a person: its email as the name, admin grants without agency, no unread count", async () => {
    const user = await db.user.create({ data: { email: "admin.lookup@test.vn" } });
    await db.roleGrant.create({ data: { userId: user.id, role: "ADMIN" } });
    const { token } = await createSession(user.id);
    const auth = await getAuth(req(token));
    expect(auth?.actor).toMatchObject({ personId: null, fullName: "admin.lookup@test.vn", locale: "vi" });
    expect(auth?.actor.grants).toEqual([{ role: "ADMIN", agencyId: null, agencyPath: null }]);
    expect(auth?.unreadNotifications).toBeNull();
  });

  it("holds nothing between requests: revocation, a removed grant and deactivation count at once", async () => {
    const { person: p, user } = await person("revoke.lookup@test.vn");
    const grant = await db.roleGrant.create({
      data: { userId: user.id, role: "REVIEWER", agencyId: province.id },
    });
    const a = await createSession(user.id);
    const b = await createSession(user.id);
    expect((await getAuth(req(a.token)))?.actor.grants).toHaveLength(1);

    await db.roleGrant.delete({ where: { id: grant.id } });
    expect((await getAuth(req(a.token)))?.actor.grants).toEqual([]);

    await invalidateSession(sessionIdFromToken(a.token));
    expect(await getAuth(req(a.token))).toBeNull();
    expect(await getAuth(req(b.token))).not.toBeNull();

    await db.person.update({ where: { id: p.id }, data: { active: false } });
    expect(await getAuth(req(b.token))).toBeNull();
  });

  it("an expired session is deleted; one past half its life slides to 30 days", async () => {
    const { user } = await person("expiry.lookup@test.vn");
    const old = await createSession(user.id);
    const half = await createSession(user.id);
    await db.session.update({
      where: { id: sessionIdFromToken(old.token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await db.session.update({
      where: { id: sessionIdFromToken(half.token) },
      data: { expiresAt: new Date(Date.now() + 86_400_000) },
    });
    expect(await getAuth(req(old.token))).toBeNull();
    expect(await db.session.findUnique({ where: { id: sessionIdFromToken(old.token) } })).toBeNull();
    expect(await getAuth(req(half.token))).not.toBeNull();
    const slid = await db.session.findUniqueOrThrow({ where: { id: sessionIdFromToken(half.token) } });
    expect(slid.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000);
  });

  it("a session waiting for its second factor opens no page and says whether the person is enrolled", async () => {
    const { user } = await person("pending.lookup@test.vn");
    await db.user.update({ where: { id: user.id }, data: { totpEnabledAt: new Date() } });
    const { token } = await createSession(user.id, { pendingSecondFactor: true });
    expect(await getAuth(req(token))).toBeNull();
    expect(await getPendingSession(req(token))).toEqual({
      sessionId: sessionIdFromToken(token),
      userId: user.id,
      enrolled: true,
    });
  });

  it("a malformed or unknown token is nobody, without an error", async () => {
    expect(await getAuth(req("'; drop table users; --"))).toBeNull();
    expect(await getAuth(req("a".repeat(32)))).toBeNull();
  });
});
