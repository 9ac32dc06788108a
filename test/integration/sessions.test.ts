// "Phiên đăng nhập" (issue 11 §5) and deactivation (§1): a person sees and ends only their own sessions, an
// admin ends all of an account's (audited), lastSeenAt is written at most once a minute, and deactivating a
// person through the people page ends their live session at its next request and kills their emailed links.
// Also the staff code (Mã cán bộ) in the person form, the import and the export.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { requireActor } from "~/modules/auth/guards.server";
import { hashPassword } from "~/modules/auth/password.server";
import { SESSION_COOKIE, createSession, sessionIdFromToken } from "~/modules/auth/session.server";
import { LAST_SEEN_EVERY_MS } from "~/modules/auth/sessions.server";
import { checkToken, issueToken } from "~/modules/auth/tokens.server";
import { action as passwordAction } from "~/routes/account.password";
import { action as sessionsAction, loader as sessionsLoader } from "~/routes/account.sessions";
import {
  action as userSessionsAction,
  loader as userSessionsLoader,
} from "~/routes/admin.users_.$userId.sessions";
import { action as personAction, loader as personLoader } from "~/routes/people.$personId";
import { loader as exportLoader } from "~/routes/people.export";
import { action as importAction } from "~/routes/people.import";
import { action as newPersonAction } from "~/routes/people.new";
import { buildWorld, call, get, signedInAccount, post, upload } from "./helpers/world";

type World = Awaited<ReturnType<typeof buildWorld>>;
let w: World;

const CHROME_WIN =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** A fresh account with a person in agency A, and sessions opened with the given user agents. */
async function accountWithSessions(email: string, agents: string[], method = "password") {
  const account = await signedInAccount({ email: email, grants: [{ role: "LEARNER" }], agencyId: w.a.id });
  const cookies = [account.cookie];
  for (const ua of agents) {
    const { token } = await createSession(account.user.id, { userAgent: ua, ipAddress: "10.0.0.7", method });
    cookies.push(`${SESSION_COOKIE}=${token}`);
  }
  return { ...account, cookies };
}
const idOf = (cookie: string) => sessionIdFromToken(cookie.split("=")[1]!);
type Row = { id: string; current: boolean; browser: string | null; os: string | null; kind: string };
const rowsOf = (d: unknown) => (d as { sessions: Row[] }).sessions;

/** The caller as the guard sees them: their user id, or "signed out" (the guard redirected to /login). */
async function whoIs(cookie: string): Promise<string> {
  try {
    return (await requireActor(get("/learn", cookie))).userId;
  } catch (e) {
    if (e instanceof Response && e.headers.get("location")?.startsWith("/login")) return "signed out";
    throw e;
  }
}

beforeAll(async () => {
  w = await buildWorld();
});

describe("a person's own sessions", () => {
  it("lists only the caller's sessions, the current first, with device, method and pending marks", async () => {
    const me = await accountWithSessions("toi@a.vn", [CHROME_WIN, SAFARI_IPHONE], "oidc:langson");
    const other = await accountWithSessions("nguoi-khac@a.vn", [CHROME_WIN]);
    const pending = await createSession(me.user.id, { userAgent: CHROME_WIN, pendingSecondFactor: true });
    const res = await call(sessionsLoader, get("/account/sessions", me.cookies[1]!));
    expect(res.status).toBe(200);
    const rows = rowsOf(res.data);
    expect(rows.map((r) => r.id).sort()).toEqual(
      [...me.cookies.map(idOf), sessionIdFromToken(pending.token)].sort(),
    );
    for (const c of other.cookies) expect(rows.map((r) => r.id)).not.toContain(idOf(c));
    expect(rows[0]).toMatchObject({
      id: idOf(me.cookies[1]!),
      current: true,
      browser: "Chrome",
      os: "Windows",
    });
    expect(rows.filter((r) => r.current)).toHaveLength(1);
    expect(rows.find((r) => r.id === idOf(me.cookies[2]!))).toMatchObject({
      browser: "Safari",
      os: "iPhone",
      kind: "phone",
      method: "sso",
    });
    expect(rows.find((r) => r.id === sessionIdFromToken(pending.token))).toMatchObject({
      pendingSecondFactor: true,
    });
  });

  it("cannot end another user's session: the id is 'not found' and that session lives on", async () => {
    const me = await accountWithSessions("toi2@a.vn", []);
    const other = await accountWithSessions("nan-nhan@a.vn", [CHROME_WIN]);
    const victim = idOf(other.cookies[1]!);
    const res = await call(
      sessionsAction,
      post("/account/sessions", me.cookie, { intent: "end", sessionId: victim }),
    );
    expect(res.status).toBe(404);
    expect(await db.session.findUnique({ where: { id: victim } })).not.toBeNull();
    expect(await whoIs(other.cookies[1]!)).toBe(other.user.id);
  });

  it("ends one own session: the other device is signed out on its next request", async () => {
    const me = await accountWithSessions("toi3@a.vn", [SAFARI_IPHONE]);
    const res = await call(
      sessionsAction,
      post("/account/sessions", me.cookies[0]!, { intent: "end", sessionId: idOf(me.cookies[1]!) }),
    );
    expect(res.status).toBe(302);
    expect(await whoIs(me.cookies[1]!)).toBe("signed out");
    expect(await whoIs(me.cookies[0]!)).toBe(me.user.id);
  });

  it("ends every other session and keeps the current one (audited)", async () => {
    const me = await accountWithSessions("toi4@a.vn", [CHROME_WIN, SAFARI_IPHONE, CHROME_WIN]);
    const other = await accountWithSessions("ben-canh@a.vn", [CHROME_WIN]);
    const res = await call(
      sessionsAction,
      post("/account/sessions", me.cookies[2]!, { intent: "endOthers" }),
    );
    expect(res.status).toBe(302);
    expect((await db.session.findMany({ where: { userId: me.user.id } })).map((s) => s.id)).toEqual([
      idOf(me.cookies[2]!),
    ]);
    expect(await db.session.count({ where: { userId: other.user.id } })).toBe(2);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.sessions.endOthers", entityId: me.user.id },
    });
    expect(event.data).toEqual({ count: 3 });
  });

  it("refuses a malformed session id with 400 and ends nothing", async () => {
    const me = await accountWithSessions("toi5@a.vn", [CHROME_WIN]);
    for (const sessionId of ["", "x", "' OR 1=1 --", idOf(me.cookies[1]!).toUpperCase() + "0"]) {
      const res = await call(
        sessionsAction,
        post("/account/sessions", me.cookie, { intent: "end", sessionId }),
      );
      expect(res.status).toBe(400);
    }
    expect(await db.session.count({ where: { userId: me.user.id } })).toBe(2);
  });
});

describe("an admin ends all sessions of an account", () => {
  it("ends them all, writes user.sessions.end, and only for admins", async () => {
    const target = await accountWithSessions("bi-dang-xuat@a.vn", [CHROME_WIN, SAFARI_IPHONE]);
    const url = `/admin/users/${target.user.id}/sessions`;
    const params = { userId: target.user.id };
    const page = await call(userSessionsLoader, get(url, w.admin.cookie), params);
    expect(rowsOf(page.data)).toHaveLength(3);
    // A coordinator is no admin; a form naming another account than the URL is refused.
    const fields = { intent: "endAll", userId: target.user.id };
    expect((await call(userSessionsAction, post(url, w.coordA.cookie, fields), params)).status).toBe(403);
    const mismatch = { intent: "endAll", userId: w.learner.user.id };
    expect((await call(userSessionsAction, post(url, w.admin.cookie, mismatch), params)).status).toBe(400);
    expect(await db.session.count({ where: { userId: target.user.id } })).toBe(3);

    const res = await call(userSessionsAction, post(url, w.admin.cookie, fields), params);
    expect(res.status).toBe(302);
    expect(await db.session.count({ where: { userId: target.user.id } })).toBe(0);
    for (const c of target.cookies) expect(await whoIs(c)).toBe("signed out");
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "user.sessions.end", entityId: target.user.id },
    });
    expect(event).toMatchObject({ actorUserId: w.admin.user.id, data: { count: 3 } });
    // The admin's own session is untouched.
    expect(await whoIs(w.admin.cookie)).toBe(w.admin.user.id);
  });

  it("answers 404 for an unknown or malformed account id", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const a = await call(userSessionsLoader, get(`/admin/users/${unknown}/sessions`, w.admin.cookie), {
      userId: unknown,
    });
    expect(a.status).toBe(404);
    const b = await call(userSessionsLoader, get(`/admin/users/x/sessions`, w.admin.cookie), { userId: "x" });
    expect(b.status).toBe(404);
  });
});

describe("lastSeenAt", () => {
  it("is written at most once a minute per session", async () => {
    const me = await accountWithSessions("nhip@a.vn", []);
    const id = idOf(me.cookie);
    const seen = async () => (await db.session.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime();
    const setSeen = (msAgo: number) =>
      db.session.update({ where: { id }, data: { lastSeenAt: new Date(Date.now() - msAgo) } });

    // Seen 30 s ago: requests within the minute write nothing.
    await setSeen(30_000);
    const before = await seen();
    for (let i = 0; i < 3; i++) expect(await whoIs(me.cookie)).toBe(me.user.id);
    expect(await seen()).toBe(before);

    // Seen just over a minute ago: the next request writes it once, the one after does not.
    await setSeen(LAST_SEEN_EVERY_MS + 1_000);
    const t0 = Date.now();
    await whoIs(me.cookie);
    const first = await seen();
    expect(first).toBeGreaterThanOrEqual(t0 - 5);
    await whoIs(me.cookie);
    expect(await seen()).toBe(first);
  });
});

describe("deactivating a person", () => {
  it("ends their live session on the next request and their invite and reset links stop working", async () => {
    const me = await accountWithSessions("ngung@a.vn", [SAFARI_IPHONE]);
    const personId = me.user.personId!;
    const invite = await issueToken({ kind: "INVITE", personId, email: "ngung@a.vn", ttlMs: 86_400_000 });
    const reset = await issueToken({ kind: "RESET", personId, email: "ngung@a.vn", ttlMs: 3_600_000 });
    expect((await checkToken("INVITE", invite)).ok).toBe(true);
    expect(await whoIs(me.cookies[1]!)).toBe(me.user.id);
    // Someone else's session and links are untouched.
    const bystander = await accountWithSessions("dong-nghiep@a.vn", []);
    const theirs = await issueToken({
      kind: "INVITE",
      personId: bystander.user.personId!,
      email: "dong-nghiep@a.vn",
      ttlMs: 86_400_000,
    });

    const res = await call(
      personAction,
      post(`/people/${personId}`, w.coordA.cookie, { intent: "deactivate" }),
      { personId },
    );
    expect(res.status).toBe(302);
    for (const c of me.cookies) expect(await whoIs(c)).toBe("signed out");
    expect(await db.session.count({ where: { userId: me.user.id } })).toBe(0);
    expect(await checkToken("INVITE", invite)).toEqual({ ok: false, reason: "used" });
    expect(await checkToken("RESET", reset)).toEqual({ ok: false, reason: "used" });
    expect(await whoIs(bystander.cookie)).toBe(bystander.user.id);
    expect((await checkToken("INVITE", theirs)).ok).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { action: "person.deactivate", entityId: personId },
    });
    expect(event.data).toEqual({ sessions: 2, tokens: 2 });
  });
});

describe("changing one's password", () => {
  it("ends every other session and keeps the one that changed it", async () => {
    const me = await accountWithSessions("doi-mk@a.vn", [CHROME_WIN, SAFARI_IPHONE]);
    await db.user.update({
      where: { id: me.user.id },
      data: { passwordHash: await hashPassword("MatKhauCu#2026-dai") },
    });
    const res = await call(
      passwordAction,
      post("/account/password", me.cookies[1]!, {
        currentPassword: "MatKhauCu#2026-dai",
        newPassword: "MatKhauMoi#2026-dai",
        confirmPassword: "MatKhauMoi#2026-dai",
      }),
    );
    expect(res.status).toBe(302);
    expect(await whoIs(me.cookies[1]!)).toBe(me.user.id);
    expect(await whoIs(me.cookies[0]!)).toBe("signed out");
    expect(await whoIs(me.cookies[2]!)).toBe("signed out");
  });
});

describe("staff code (Mã cán bộ)", () => {
  const HEADER = ["Họ và tên", "Email", "Mã đơn vị", "Đối tượng", "Mã cán bộ"];
  const csv = (rows: string[][]) => [HEADER, ...rows].map((r) => r.join(",")).join("\r\n") + "\r\n";
  type Preview = { id: string; summary: { toCreate: number; toUpdate: number; errors: unknown[] } };
  const previewOf = async (content: string) => {
    const res = await call(importAction, upload("/people/import", w.coordA.cookie, "ds.csv", content));
    return (res.data as { preview: Preview }).preview;
  };
  const personForm = (over: Record<string, string>) => ({
    intent: "save",
    fullName: "Đặng Thị Mã",
    email: "ma@a.vn",
    agencyId: w.a.id,
    staffCategory: "CONG_CHUC",
    position: "",
    itRole: "NONE",
    tags: "",
    staffCode: "",
    ...over,
  });
  const fieldError = (d: unknown, field: string) =>
    (d as { error?: Record<string, string[] | null> }).error?.[field]?.[0];

  it("is set in the person form; a duplicate is a field error; clearing it leaves no code", async () => {
    const created = await call(
      newPersonAction,
      post("/people/new", w.coordA.cookie, personForm({ staffCode: "LS-0001" })),
    );
    expect(created.status).toBe(302);
    const person = await db.person.findUniqueOrThrow({ where: { email: "ma@a.vn" } });
    expect(person.staffCode).toBe("LS-0001");

    const dup = await call(
      newPersonAction,
      post("/people/new", w.coordA.cookie, personForm({ email: "ma2@a.vn", staffCode: " LS-0001 " })),
    );
    expect(dup.status).toBe(400);
    expect(fieldError(dup.data, "staffCode")).toBe("Mã cán bộ LS-0001 đã được dùng cho một người khác.");
    expect(await db.person.findUnique({ where: { email: "ma2@a.vn" } })).toBeNull();

    const bad = await call(
      newPersonAction,
      post("/people/new", w.coordA.cookie, personForm({ email: "ma3@a.vn", staffCode: "LS 01; drop" })),
    );
    expect(bad.status).toBe(400);
    expect(fieldError(bad.data, "staffCode")).toMatch(/chỉ gồm chữ, số/);

    const page = await call(personLoader, get(`/people/${person.id}`, w.coordA.cookie), {
      personId: person.id,
    });
    expect((page.data as { person: { staffCode: string } }).person.staffCode).toBe("LS-0001");
    const cleared = await call(
      personAction,
      post(`/people/${person.id}`, w.coordA.cookie, personForm({ staffCode: "" })),
      { personId: person.id },
    );
    expect(cleared.status).toBe(302);
    expect((await db.person.findUniqueOrThrow({ where: { id: person.id } })).staffCode).toBeNull();
  });

  it("imports the column, refuses a repeated or taken code by line and column, and the export has it", async () => {
    await db.person.update({ where: { id: w.personB.id }, data: { staffCode: "NB-7" } });
    const refused = await previewOf(
      csv([
        ["Người Một", "mot@a.vn", "A", "Công chức", "LS-1001"],
        ["Người Hai", "hai@a.vn", "A", "Công chức", "LS-1001"],
        ["Người Ba", "ba@a.vn", "A", "Công chức", "NB-7"],
      ]),
    );
    expect(refused.summary.errors).toEqual([
      { line: 3, column: "Mã cán bộ", message: "Mã cán bộ LS-1001 trùng với dòng 2 (dòng 3)." },
      { line: 4, column: "Mã cán bộ", message: "Mã cán bộ NB-7 đã được dùng cho một người khác." },
    ]);

    const good = await previewOf(
      csv([
        ["Người Một", "mot@a.vn", "A", "Công chức", "LS-1001"],
        ["Người Hai", "hai@a.vn", "A", "Công chức", "LS-1002"],
        [w.personA.fullName, w.personA.email, "A", "Công chức", "LS-1003"],
      ]),
    );
    expect(good.summary).toMatchObject({ toCreate: 2, toUpdate: 1, errors: [] });
    const applied = await call(
      importAction,
      post("/people/import", w.coordA.cookie, { intent: "apply", importId: good.id }),
    );
    expect(applied.status).toBe(302);
    const codes = await db.person.findMany({
      where: { email: { in: ["mot@a.vn", "hai@a.vn", w.personA.email] } },
      select: { email: true, staffCode: true },
      orderBy: { email: "asc" },
    });
    expect(codes).toEqual([
      { email: w.personA.email, staffCode: "LS-1003" },
      { email: "hai@a.vn", staffCode: "LS-1002" },
      { email: "mot@a.vn", staffCode: "LS-1001" },
    ]);

    // A file without the column changes no code.
    const without = await previewOf(
      ["Họ và tên,Email,Mã đơn vị,Đối tượng", "Người Một Đổi Tên,mot@a.vn,A,Công chức"].join("\r\n"),
    );
    await call(
      importAction,
      post("/people/import", w.coordA.cookie, { intent: "apply", importId: without.id }),
    );
    expect((await db.person.findUniqueOrThrow({ where: { email: "mot@a.vn" } })).staffCode).toBe("LS-1001");

    const res = await call(exportLoader, get(`/people/export?agency=${w.a.id}`, w.coordA.cookie));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.response!.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = header.indexOf("Mã cán bộ") + 1;
    const emailCol = header.indexOf("Email") + 1;
    expect(col).toBeGreaterThan(0);
    const byEmail = new Map<string, unknown>();
    ws.eachRow((r, n) => {
      if (n > 1) byEmail.set(String(r.getCell(emailCol).value), r.getCell(col).value);
    });
    expect(byEmail.get("hai@a.vn")).toBe("LS-1002");
    expect(byEmail.get(w.personA.email)).toBe("LS-1003");
  });
});
