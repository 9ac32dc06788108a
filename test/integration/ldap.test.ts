// Sign-in with the official mail directory against a real OpenLDAP server (test/support/slapd.ts): the login
// route's action binds through it, links the entry's DN to the person's account, and refuses everything else.
import net from "node:net";
import { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { dictionaries } from "~/i18n/messages.server";
import { hashPassword } from "~/modules/auth/password.server";
import {
  authConfigSchema,
  checkAuthConfig,
  type LdapDirectoryConfig,
  setAuthConfigForTests,
} from "~/modules/auth/config.server";
import { ldapAuthenticate } from "~/modules/auth/ldap.server";
import { searchFilterFor } from "~/modules/auth/ldap-filter";
import { MAX_FAILURES_PER_ACCOUNT } from "~/modules/auth/rate-limit.server";
import { sessionIdFromToken } from "~/modules/auth/session.server";
import { action as loginAction } from "~/routes/login";
import { freePort } from "../support/net";
import { type DirectoryEntry, type Slapd, slapdAvailable, startSlapd } from "../support/slapd";
import { buildWorld, call, makePerson } from "./helpers/world";

const vi = dictionaries.vi;
const DOMAIN = "mail.thu.vn";
const PW = "MatKhau@Thu2026";
const ENTRIES: DirectoryEntry[] = [
  { uid: "nhung.nth", cn: "Nguyễn Thị Hồng Nhung", mail: `nhung.nth@${DOMAIN}`, password: PW },
  { uid: "binh.tt", cn: "Trần Thị Bình", mail: `binh.tt@${DOMAIN}`, password: PW },
  { uid: "ngoai.pv", cn: "Phạm Văn Ngoài", mail: `ngoai.pv@${DOMAIN}`, password: PW },
  { uid: "nghi.lv", cn: "Lê Văn Nghỉ", mail: `nghi.lv@${DOMAIN}`, password: PW },
  { uid: "cuong.lv", cn: "Lê Văn Cường", mail: `cuong.lv@${DOMAIN}`, password: PW },
  {
    uid: "hoa.dt",
    cn: "Đặng Thị Hoa",
    mail: [`hoa.bidanh@${DOMAIN}`],
    password: PW,
    employeeNumber: "LS-0042",
  },
  // Two entries with one address: the password must not pick between them.
  { uid: "trung1", cn: "Hà Văn Trùng", mail: `trung@${DOMAIN}`, password: PW },
  { uid: "trung2", cn: "Hà Thị Trùng", mail: `trung@${DOMAIN}`, password: "KhacHan@2026" },
  { uid: "khoa.nv", cn: "Nông Văn Khóa", mail: `khoa.nv@${DOMAIN}`, password: PW },
  { uid: "lanhdao", cn: "Hoàng Văn Lãnh Đạo", mail: `lanhdao@${DOMAIN}`, password: "LanhDao@2026" },
  // Named by its full name, as Active Directory does, with a comma that the DN escapes.
  { uid: "phay.nv", cn: "Nguyễn Văn Phẩy, Sở KH&CN", mail: `phay.nv@${DOMAIN}`, password: PW, rdn: "cn" },
];

let slapd: Slapd | null = null;
let world: Awaited<ReturnType<typeof buildWorld>>;
if (!slapdAvailable()) {
  console.warn("ldap.test: /usr/sbin/slapd is not installed (apt-get install slapd ldap-utils): skipped.");
}

function directory(over: Partial<LdapDirectoryConfig> = {}): LdapDirectoryConfig {
  const config = authConfigSchema.parse({
    ldap: [
      {
        id: "thu",
        name: "Thư công vụ tỉnh Thử",
        emailDomains: [DOMAIN],
        agencyCodes: ["P"],
        url: slapd!.url,
        bindDn: slapd!.bindDn,
        bindPassword: slapd!.bindPassword,
        searchBase: slapd!.searchBase,
        searchFilter: "(&(objectClass=inetOrgPerson)(mail={email}))",
        staffCodeAttribute: "employeeNumber",
        timeoutMs: 2000,
        ...over,
      },
    ],
  });
  setAuthConfigForTests(config);
  return config.ldap[0];
}

let ipCounter = 0;
async function signIn(email: string, password: string, ip = `10.20.${++ipCounter}.1`) {
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-forwarded-for": ip,
      "user-agent": "vitest",
    },
  });
  const r = await call(loginAction as never, request);
  return { ...r, form: (r.data as { error?: Record<string, string[]> } | null)?.error?.[""]?.[0] };
}

const counts = async () => ({
  users: await db.user.count(),
  identities: await db.externalIdentity.count(),
  sessions: await db.session.count(),
});

beforeAll(async () => {
  slapd = await startSlapd({ entries: ENTRIES, tls: true, allowUnauthenticatedBind: true });
  if (!slapd) return;
  world = await buildWorld();
  await makePerson({
    fullName: "Nguyễn Thị Hồng Nhung",
    email: `nhung.nth@${DOMAIN}`,
    agencyId: world.a1.id,
  });
  await makePerson({ fullName: "Lê Văn Cường", email: `cuong.lv@${DOMAIN}`, agencyId: world.b.id });
  const nghi = await makePerson({
    fullName: "Lê Văn Nghỉ",
    email: `nghi.lv@${DOMAIN}`,
    agencyId: world.a.id,
  });
  await db.person.update({ where: { id: nghi.id }, data: { active: false } });
  const hoa = await makePerson({ fullName: "Đặng Thị Hoa", email: "hoa.dt@a.vn", agencyId: world.a.id });
  await db.person.update({ where: { id: hoa.id }, data: { staffCode: "LS-0042" } });
  await makePerson({ fullName: "Hà Văn Trùng", email: `trung@${DOMAIN}`, agencyId: world.a.id });
  await makePerson({ fullName: "Nông Văn Khóa", email: `khoa.nv@${DOMAIN}`, agencyId: world.a.id });
  await makePerson({ fullName: "Hoàng Văn Lãnh Đạo", email: `lanhdao@${DOMAIN}`, agencyId: world.a.id });
  // Trần Thị Bình already has an account (with a local password) under her directory address.
  const binh = await makePerson({
    fullName: "Trần Thị Bình",
    email: `binh.tt@${DOMAIN}`,
    agencyId: world.a.id,
  });
  await db.user.create({
    data: { email: binh.email, personId: binh.id, passwordHash: await hashPassword("CuMatKhau123") },
  });
});

afterAll(async () => {
  setAuthConfigForTests(undefined);
  await slapd?.close();
});

describe.skipIf(!slapdAvailable())("LDAP sign-in through a real slapd", () => {
  it("the right password signs in, creating and linking the account on first use", async () => {
    directory();
    const before = await counts();
    const r = await signIn(`Nhung.NTH@${DOMAIN}`, PW);
    expect(r.status).toBe(302);
    expect(r.response!.headers.get("location")).toBe("/learn");
    const token = r.response!.headers.get("set-cookie")!.match(/^hoc_session=([a-z2-7]+);/)![1];
    const session = await db.session.findUniqueOrThrow({ where: { id: sessionIdFromToken(token) } });
    expect(session.method).toBe("ldap:thu");
    expect(session.pendingSecondFactor).toBe(false);
    const user = await db.user.findUniqueOrThrow({
      where: { id: session.userId },
      include: { person: true, identities: true },
    });
    expect(user.person?.fullName).toBe("Nguyễn Thị Hồng Nhung");
    expect(user.passwordHash).toBeNull();
    expect(user.identities.map((i) => [i.provider, i.subject])).toEqual([
      ["ldap:thu", slapd!.dnOf("nhung.nth")],
    ]);
    const afterFirst = await counts();
    expect(afterFirst).toEqual({
      users: before.users + 1,
      identities: before.identities + 1,
      sessions: before.sessions + 1,
    });
    // An entry whose DN is the Vietnamese full name (with an escaped comma) binds and links the same way.
    await makePerson({ fullName: "Nguyễn Văn Phẩy", email: `phay.nv@${DOMAIN}`, agencyId: world.a.id });
    expect((await signIn(`phay.nv@${DOMAIN}`, PW)).status).toBe(302);
    const phay = await db.externalIdentity.findFirstOrThrow({
      where: { user: { email: `phay.nv@${DOMAIN}` } },
    });
    // The subject is the DN as the directory spells it (slapd writes the comma as \2C).
    expect(phay.subject).toBe("cn=Nguyễn Văn Phẩy\\2C Sở KH&CN,ou=people,dc=langson,dc=gov,dc=vn");
    // The second time: the same account, no second identity.
    const again = await signIn(`nhung.nth@${DOMAIN}`, PW);
    expect(again.status).toBe(302);
    expect((await counts()).identities).toBe(afterFirst.identities + 1);
    expect((await counts()).users).toBe(afterFirst.users + 1);
  });

  it("links to the account a person already has, and by staff code when the address is an alias", async () => {
    directory();
    const binh = await db.user.findUniqueOrThrow({ where: { email: `binh.tt@${DOMAIN}` } });
    const r = await signIn(`binh.tt@${DOMAIN}`, PW);
    expect(r.status).toBe(302);
    expect(await db.externalIdentity.findMany({ where: { userId: binh.id } })).toMatchObject([
      { provider: "ldap:thu", subject: slapd!.dnOf("binh.tt") },
    ]);
    // Her old local password is not what the directory login checks.
    expect((await signIn(`binh.tt@${DOMAIN}`, "CuMatKhau123")).form).toBe(vi["login.invalid"]);

    const hoa = await signIn(`hoa.bidanh@${DOMAIN}`, PW);
    expect(hoa.status).toBe(302);
    const user = await db.user.findFirstOrThrow({
      where: { identities: { some: { subject: slapd!.dnOf("hoa.dt") } } },
    });
    expect(user.email).toBe("hoa.dt@a.vn");
  });

  it("a wrong password and an address the directory does not have both answer 'wrong email or password'", async () => {
    directory();
    const before = await counts();
    const wrong = await signIn(`nhung.nth@${DOMAIN}`, "SaiMatKhau@1");
    expect([wrong.status, wrong.form]).toEqual([400, vi["login.invalid"]]);
    const unknown = await signIn(`khong-co-ai@${DOMAIN}`, PW);
    expect([unknown.status, unknown.form]).toEqual([400, vi["login.invalid"]]);
    // Two entries with that address: refused even with the right password of one of them.
    const twice = await signIn(`trung@${DOMAIN}`, PW);
    expect([twice.status, twice.form]).toEqual([400, vi["login.invalid"]]);
    expect(await counts()).toEqual(before);
  });

  it("a directory account that is not in the staff list (or outside the directory's agencies) gets nothing", async () => {
    directory();
    const before = await counts();
    const r = await signIn(`ngoai.pv@${DOMAIN}`, PW);
    expect([r.status, r.form]).toEqual([400, vi["login.notInStaffList"]]);
    expect(await counts()).toEqual(before);
    // Lê Văn Cường is in the staff list, but in Sở Tài chính (B); this directory signs in only Sở KH&CN (A).
    expect((await signIn(`cuong.lv@${DOMAIN}`, PW)).status).toBe(302);
    directory({ id: "thu-a", agencyCodes: ["A"] });
    const outside = await signIn(`cuong.lv@${DOMAIN}`, PW);
    expect([outside.status, outside.form]).toEqual([400, vi["login.notInStaffList"]]);
  });

  it("refuses a deactivated person", async () => {
    directory();
    const before = await counts();
    const r = await signIn(`nghi.lv@${DOMAIN}`, PW);
    expect([r.status, r.form]).toEqual([400, vi["login.invalid"]]);
    expect(await counts()).toEqual(before);
  });

  it("a directory that is down, silent or refuses the service account answers 503 quickly", async () => {
    const closedPort = await freePort();
    const silent = net.createServer(() => undefined); // accepts the connection, never answers
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const stopped = await startSlapd({ entries: ENTRIES.slice(0, 1) });
    await stopped!.close();
    const cases: [string, Partial<LdapDirectoryConfig>][] = [
      ["closed port", { url: `ldap://127.0.0.1:${closedPort}` }],
      ["stopped server", { url: stopped!.url }],
      [
        "silent server",
        { url: `ldap://127.0.0.1:${(silent.address() as net.AddressInfo).port}`, timeoutMs: 300 },
      ],
      ["wrong service password", { bindPassword: "sai" }],
      ["search base that does not exist", { searchBase: "ou=khong-co,dc=langson,dc=gov,dc=vn" }],
      // Never an empty service password: that would be an anonymous bind, not the service account.
      ["service account without its password", { bindPassword: undefined }],
    ];
    try {
      for (const [name, over] of cases) {
        directory(over);
        const started = Date.now();
        const r = await signIn(`nhung.nth@${DOMAIN}`, PW, "10.21.0.1");
        expect([name, r.status, r.form]).toEqual([name, 503, vi["login.directoryUnreachable"]]);
        expect(Date.now() - started, name).toBeLessThan(2000);
      }
    } finally {
      silent.close();
    }
    // An unreachable directory is not a failed guess: the person is not locked out by it.
    expect(await db.loginAttempt.count({ where: { key: "ip:10.21.0.1" } })).toBe(0);
  });

  it("filter injection in the email is refused before the directory, and escaped inside it", async () => {
    const dir = directory();
    const before = await counts();
    for (const email of [
      `*)(uid=*)@${DOMAIN}`,
      `*@${DOMAIN}`,
      "*",
      `nhung.nth@${DOMAIN})(uid=*`,
      `(lanhdao)@${DOMAIN}`,
    ])
      expect((await signIn(email, "LanhDao@2026")).status, email).toBe(400);
    for (const email of [
      "*",
      `*@${DOMAIN}`,
      `*)(uid=lanhdao`,
      `lanhdao@${DOMAIN}\0`,
      `\\2a@${DOMAIN}`,
      `lanh(dao)@${DOMAIN}`,
    ])
      expect(await ldapAuthenticate(dir, email, "LanhDao@2026"), JSON.stringify(email)).toEqual({
        ok: false,
        reason: "invalid",
      });
    expect(await counts()).toEqual(before);

    // Inside the directory: the escaped filter matches nothing where the raw text would pick an entry.
    const client = new Client({ url: slapd!.url });
    await client.bind(slapd!.bindDn, slapd!.bindPassword);
    const find = async (filter: string) =>
      (await client.search(slapd!.searchBase, { filter, attributes: ["uid"] })).searchEntries.map(
        (e) => e.uid,
      );
    const raw = (value: string) => dir.searchFilter.replace("{email}", value);
    try {
      expect(await find(raw("*)(uid=lanhdao"))).toEqual(["lanhdao"]);
      expect(await find(searchFilterFor(dir.searchFilter, "*)(uid=lanhdao"))).toEqual([]);
      expect((await find(raw("*"))).length).toBe(ENTRIES.length);
      expect(await find(searchFilterFor(dir.searchFilter, "*"))).toEqual([]);
      // The escaped NUL reaches slapd intact, yet slapd ends the value there and matches the entry without it:
      // escaping alone does not make "lanhdao@…\0" another address, which is why it is refused before the search.
      expect(await find(searchFilterFor(dir.searchFilter, "lanhdao@mail.thu.vn\0"))).toEqual(["lanhdao"]);
      expect(await find(searchFilterFor(dir.searchFilter, "lanhdao@mail.thu.vn"))).toEqual(["lanhdao"]);
    } finally {
      await client.unbind();
    }
  });

  it("never sends an empty password (the directory would take it as an unauthenticated bind)", async () => {
    const dir = directory();
    // This directory accepts a DN with an empty password (like some Active Directory setups do)...
    const client = new Client({ url: slapd!.url });
    await client.bind(slapd!.dnOf("lanhdao"), "");
    await client.unbind();
    // ...but the app refuses before binding.
    expect(await ldapAuthenticate(dir, `lanhdao@${DOMAIN}`, "")).toEqual({ ok: false, reason: "invalid" });
    const before = await counts();
    const r = await signIn(`lanhdao@${DOMAIN}`, "");
    expect(r.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("ldaps:// and StartTLS verify the directory's certificate against caFile", async () => {
    directory();
    const ok = { ok: true, dn: slapd!.dnOf("lanhdao"), email: `lanhdao@${DOMAIN}`, staffCode: null };
    const unreachable = { ok: false, reason: "unreachable" };
    const tryWith = (over: Partial<LdapDirectoryConfig>) =>
      ldapAuthenticate(directory(over), `lanhdao@${DOMAIN}`, "LanhDao@2026");
    expect(await tryWith({ url: slapd!.ldapsUrl!, caFile: slapd!.caFile })).toEqual(ok);
    expect(await tryWith({ url: slapd!.ldapsUrl! })).toEqual(unreachable);
    expect(await tryWith({ url: slapd!.url, startTls: true, caFile: slapd!.caFile })).toEqual(ok);
    expect(await tryWith({ url: slapd!.url, startTls: true })).toEqual(unreachable);
    expect(await tryWith({ url: slapd!.ldapsUrl!, caFile: "/khong/co/ca.pem" })).toEqual(unreachable);
    // Through the login page too.
    directory({ url: slapd!.ldapsUrl!, caFile: slapd!.caFile });
    expect((await signIn(`lanhdao@${DOMAIN}`, "LanhDao@2026")).status).toBe(302);
    directory({ url: slapd!.ldapsUrl! });
    expect((await signIn(`lanhdao@${DOMAIN}`, "LanhDao@2026")).status).toBe(503);
  });

  it("is throttled like a local password: after repeated failures even the right password waits", async () => {
    directory();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++)
      expect((await signIn(`khoa.nv@${DOMAIN}`, `Sai@${i}`)).status).toBe(400);
    const r = await signIn(`khoa.nv@${DOMAIN}`, PW);
    expect([r.status, r.form]).toEqual([429, vi["login.throttled"]]);
  });
});

describe.skipIf(!slapdAvailable())("the boot check of a directory's settings", () => {
  it("refuses a service account without its password and a caFile that is not there", async () => {
    directory({ bindPassword: undefined });
    await expect(checkAuthConfig()).rejects.toThrow(/thiếu bindPassword/);
    directory({ url: slapd!.ldapsUrl!, caFile: "/khong/co/ca.pem" });
    await expect(checkAuthConfig()).rejects.toThrow(/caFile không tồn tại/);
    directory({ url: slapd!.ldapsUrl!, caFile: slapd!.caFile });
    await expect(checkAuthConfig()).resolves.toMatchObject({ ldap: [{ id: "thu" }] });
  });
});
