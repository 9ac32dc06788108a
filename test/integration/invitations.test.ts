// Invitations to sign in (issue 11 §2, acceptance c): who may be invited (scope even with forged ids, skipped
// people), single-use links (re-invite revokes, reuse / expiry / tampering / someone else's / deactivated all
// refused), the account status in the list and the export, and the email really delivered through the outbox
// to a loopback SMTP server, whose link then sets the password and signs in.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createAssignment } from "~/modules/assignments/assignments.server";
import { login } from "~/modules/auth/auth.server";
import { authConfigSchema, setAuthConfigForTests } from "~/modules/auth/config.server";
import { requireActor } from "~/modules/auth/guards.server";
import { sendInvitations, type InviteSource } from "~/modules/auth/invitations.server";
import { SESSION_COOKIE } from "~/modules/auth/session.server";
import { issueToken } from "~/modules/auth/tokens.server";
import type { Actor } from "~/modules/auth/scope";
import { processOutbox } from "~/modules/notifications/outbox.server";
import { schedulerTick } from "~/modules/notifications/scheduler.server";
import { loader as acceptLoader, action as acceptAction } from "~/routes/invite.$token";
import { loader as inviteLoader, action as inviteAction } from "~/routes/people.invite";
import { loader as peopleLoader } from "~/routes/people._index";
import { loader as peopleExport } from "~/routes/people.export";
import { loader as importLoader, action as importAction } from "~/routes/people.import";
import { makeCourseVersion } from "../fixtures/courses";
import { buildWorld, call, get, signedInAccount, makePerson, post, upload } from "./helpers/world";
import { startSmtp, type TestSmtp } from "./helpers/smtp";

type World = Awaited<ReturnType<typeof buildWorld>>;
let w: World;
let smtp: TestSmtp;
const PASSWORD = "MatKhauMoi2026";
const LINK_RE = /http:\/\/[^\s]+\/invite\/([a-z2-7]{40})/;

/** An account of the world as the modules see it. */
function actorOf(account: { cookie: string }): Promise<Actor> {
  return requireActor(get("/people", account.cookie));
}

/** The secret of the newest invitation email queued for an address. */
async function queuedLink(to: string): Promise<string> {
  const mail = await db.outboxEmail.findFirstOrThrow({
    where: { to, dedupeKey: { startsWith: "invite:" } },
    orderBy: { createdAt: "desc" },
  });
  return LINK_RE.exec(mail.text)![1]!;
}

function invitePost(cookie: string, fields: [string, string][]) {
  return new Request("http://localhost/people/invite", {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
    body: new URLSearchParams(fields),
  });
}

const setPassword = (secret: string, password = PASSWORD, confirm = password) =>
  call(acceptAction, post(`/invite/${secret}`, "", { password, confirmPassword: confirm }), {
    token: secret,
  });
const openLink = (secret: string) => call(acceptLoader, get(`/invite/${secret}`, ""), { token: secret });

async function tokensOf(personId: string) {
  return db.authToken.findMany({ where: { personId, kind: "INVITE" }, orderBy: { createdAt: "asc" } });
}

beforeAll(async () => {
  setAuthConfigForTests(authConfigSchema.parse({ provinceName: "Tỉnh Thử" }));
  w = await buildWorld();
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
  setAuthConfigForTests(undefined);
});
beforeEach(async () => {
  await db.outboxEmail.deleteMany();
});

describe("who may be invited", () => {
  it("a coordinator cannot invite outside their subtree, even with forged ids", async () => {
    const outsider = await makePerson({ fullName: "Lê Thị Ngoài", email: "ngoai@b.vn", agencyId: w.b.id });
    // The confirmation counts only the coordinator's own people.
    const page = await call(
      inviteLoader,
      get(`/people/invite?mode=selected&id=${outsider.id}&id=${w.personB.id}`, w.coordA.cookie),
    );
    expect(page.status).toBe(200);
    expect((page.data as { count: number }).count).toBe(0);
    // Posting the forged ids sends nothing.
    const forged = await call(
      inviteAction,
      invitePost(w.coordA.cookie, [
        ["mode", "selected"],
        ["id", outsider.id],
        ["id", w.personB.id],
      ]),
    );
    expect(forged.status).toBe(400);
    // Mixed with one of their own: only theirs is invited.
    const mixed = await call(
      inviteAction,
      invitePost(w.coordA.cookie, [
        ["mode", "selected"],
        ["id", outsider.id],
        ["id", w.personA1.id],
      ]),
    );
    expect(mixed.status).toBe(302);
    expect(await tokensOf(outsider.id)).toHaveLength(0);
    expect(await tokensOf(w.personA1.id)).toHaveLength(1);
    // Another agency's subtree or filter: nothing.
    for (const fields of [
      [
        ["mode", "subtree"],
        ["agency", w.b.id],
      ],
      [
        ["mode", "filter"],
        ["agency", w.b.id],
      ],
      [
        ["mode", "filter"],
        ["q", "ngoai"],
      ],
    ] as [string, string][][]) {
      const res = await call(inviteAction, invitePost(w.coordA.cookie, fields));
      expect(res.status).toBe(400);
    }
    expect(await tokensOf(outsider.id)).toHaveLength(0);
    expect(await tokensOf(w.personB.id)).toHaveLength(0);
    // Reviewers and learners cannot invite at all.
    for (const cookie of [w.reviewer.cookie, w.learner.cookie]) {
      const res = await call(
        inviteAction,
        invitePost(cookie, [
          ["mode", "subtree"],
          ["agency", w.a.id],
        ]),
      );
      expect(res.status).toBe(403);
    }
    expect(await tokensOf(w.personA.id)).toHaveLength(0);
  });

  it("skips people who have signed in, who left, and whose address signs in through the province's SSO", async () => {
    const a2 = await makePerson({ fullName: "Phạm Văn Đã", email: "da-dang-nhap@a1.vn", agencyId: w.a1.id });
    await db.user.create({ data: { email: a2.email, personId: a2.id, lastLoginAt: new Date() } });
    const left = await makePerson({ fullName: "Vũ Thị Nghỉ", email: "nghi@a1.vn", agencyId: w.a1.id });
    await db.person.update({ where: { id: left.id }, data: { active: false } });
    const sso = await makePerson({ fullName: "Đỗ Văn Sso", email: "sso@sso.a1.vn", agencyId: w.a1.id });
    setAuthConfigForTests(
      authConfigSchema.parse({
        provinceName: "Tỉnh Thử",
        oidc: [
          {
            id: "thu",
            name: "SSO tỉnh Thử",
            emailDomains: ["sso.a1.vn"],
            issuer: "https://sso.example.vn/realms/thu",
            clientId: "hoc-attt",
          },
        ],
      }),
    );
    try {
      const page = await call(
        inviteLoader,
        get(`/people/invite?mode=subtree&agency=${w.a1.id}&status=all`, w.coordA.cookie),
      );
      const d = page.data as { count: number; activated: number; inactive: number; external: number };
      expect(d).toMatchObject({ activated: 1, inactive: 1, external: 1 });
      const before = d.count;
      const res = await call(
        inviteAction,
        invitePost(w.coordA.cookie, [
          ["mode", "subtree"],
          ["agency", w.a1.id],
        ]),
      );
      expect(res.status).toBe(302);
      for (const p of [a2, left, sso]) expect(await tokensOf(p.id)).toHaveLength(0);
      expect(await db.outboxEmail.count({ where: { dedupeKey: { startsWith: "invite:" } } })).toBe(before);
    } finally {
      setAuthConfigForTests(authConfigSchema.parse({ provinceName: "Tỉnh Thử" }));
    }
  });
});

describe("the invitation link", () => {
  it("re-inviting revokes the old link and withdraws its unsent email", async () => {
    const p = await makePerson({ fullName: "Hoàng Văn Lại", email: "lai@a.vn", agencyId: w.a.id });
    const coord = await actorOf(w.coordA);
    const source: InviteSource = { mode: "selected", id: [p.id] };
    await sendInvitations(coord, source);
    const first = await queuedLink(p.email);
    await sendInvitations(coord, source);
    const second = await queuedLink(p.email);
    expect(second).not.toBe(first);
    const tokens = await tokensOf(p.id);
    expect(tokens).toHaveLength(2);
    expect(tokens.filter((t) => !t.revokedAt && !t.usedAt)).toHaveLength(1);
    // Only the newer email is still waiting.
    expect(await db.outboxEmail.count({ where: { to: p.email } })).toBe(1);
    expect((await openLink(first)).status).toBe(410);
    expect((await setPassword(first)).status).toBe(410);
    expect(await db.user.findUnique({ where: { email: p.email } })).toBeNull();
    expect((await openLink(second)).status).toBe(200);
  });

  it("sets a password, signs in, and works once", async () => {
    const p = await makePerson({ fullName: "Nguyễn Thị Mới", email: "moi@a.vn", agencyId: w.a.id });
    await sendInvitations(await actorOf(w.coordA), { mode: "selected", id: [p.id] });
    const secret = await queuedLink(p.email);
    const page = await openLink(secret);
    expect(page.data).toMatchObject({ live: true, fullName: p.fullName, email: p.email });

    // A mismatched repeat is a 400 next to the field, and uses nothing.
    const mismatch = await setPassword(secret, PASSWORD, "KhacHan2026");
    expect(mismatch.status).toBe(400);
    expect((await openLink(secret)).status).toBe(200);

    const done = await setPassword(secret);
    expect(done.status).toBe(302);
    expect(done.response!.headers.get("Location")).toBe("/learn");
    const cookie = done.response!.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    const actor = await requireActor(get("/learn", cookie));
    expect(actor.personId).toBe(p.id);
    expect((await db.user.findUniqueOrThrow({ where: { email: p.email } })).lastLoginAt).not.toBeNull();
    expect((await login(p.email, PASSWORD, { ip: "10.0.0.9" })).ok).toBe(true);

    // The link then fails with the clear message.
    const again = await openLink(secret);
    expect(again.status).toBe(410);
    expect(again.data).toMatchObject({ live: false, message: "invite.dead" });
    const reuse = await setPassword(secret, "MatKhauKhac2027");
    expect(reuse.status).toBe(410);
    expect((await login(p.email, "MatKhauKhac2027", { ip: "10.0.0.9" })).ok).toBe(false);
  });

  it("a coordinator's account goes on to the second-factor step", async () => {
    // A coordinator of A1 whose account has never signed in (setting the password ends its other sessions).
    const coord = await signedInAccount({
      email: "coord-a1@test.vn",
      grants: [{ role: "COORDINATOR", agencyId: w.a1.id }],
      agencyId: w.a1.id,
    });
    await sendInvitations(await actorOf(w.admin), { mode: "selected", id: [coord.user.personId!] });
    const done = await setPassword(await queuedLink("coord-a1@test.vn"));
    expect(done.status).toBe(302);
    expect(done.response!.headers.get("Location")).toMatch(/^\/account\/two-factor\/setup\?redirectTo=/);
    expect((await call(peopleLoader, get("/people", coord.cookie))).status).toBe(302);
  });

  it("refuses an expired link", async () => {
    const p = await makePerson({ fullName: "Trịnh Văn Muộn", email: "muon@a.vn", agencyId: w.a.id });
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await sendInvitations(await actorOf(w.coordA), { mode: "selected", id: [p.id] }, { now: eightDaysAgo });
    const secret = await queuedLink(p.email);
    expect((await openLink(secret)).status).toBe(410);
    expect((await setPassword(secret)).status).toBe(410);
    expect(await db.user.findUnique({ where: { email: p.email } })).toBeNull();
  });

  it("refuses a tampered link, another kind of link, and a link whose person changed address", async () => {
    const p = await makePerson({ fullName: "Lý Văn Sửa", email: "sua@a.vn", agencyId: w.a.id });
    await sendInvitations(await actorOf(w.coordA), { mode: "selected", id: [p.id] });
    const secret = await queuedLink(p.email);
    const tampered = secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a");
    for (const bad of [tampered, "khong-phai-lien-ket", secret.toUpperCase(), `${secret}a`]) {
      expect((await openLink(bad)).status).toBe(404);
      expect((await setPassword(bad)).status).toBe(404);
    }
    // A password-reset link of the same person is not an invitation.
    const reset = await issueToken({ kind: "RESET", personId: p.id, email: p.email, ttlMs: 3_600_000 });
    expect((await setPassword(reset)).status).toBe(404);
    // The address changed after the invitation: the link went to whoever had the old one.
    await db.person.update({ where: { id: p.id }, data: { email: "sua-moi@a.vn" } });
    expect((await openLink(secret)).status).toBe(404);
    expect((await setPassword(secret)).status).toBe(404);
    expect(await db.user.count({ where: { email: { in: ["sua@a.vn", "sua-moi@a.vn"] } } })).toBe(0);
    expect((await tokensOf(p.id)).every((t) => t.usedAt === null)).toBe(true);
  });

  it("never takes over an account of another person under the same address", async () => {
    const p = await makePerson({ fullName: "Mai Văn Trùng", email: "trung@a.vn", agencyId: w.a.id });
    await sendInvitations(await actorOf(w.coordA), { mode: "selected", id: [p.id] });
    const secret = await queuedLink(p.email);
    // An account with that address already belongs to someone else's record.
    await db.user.create({ data: { email: "trung@a.vn", personId: w.personB.id } });
    expect((await setPassword(secret)).status).toBe(404);
    const u = await db.user.findUniqueOrThrow({ where: { email: "trung@a.vn" } });
    expect(u.passwordHash).toBeNull();
    expect(u.personId).toBe(w.personB.id);
    await db.user.delete({ where: { id: u.id } });
  });

  it("refuses the link of a person deactivated after the invitation", async () => {
    const p = await makePerson({ fullName: "Cao Thị Nghỉ", email: "cao-nghi@a.vn", agencyId: w.a.id });
    await sendInvitations(await actorOf(w.coordA), { mode: "selected", id: [p.id] });
    const secret = await queuedLink(p.email);
    await db.person.update({ where: { id: p.id }, data: { active: false } });
    const page = await openLink(secret);
    expect(page.status).toBe(410);
    expect(page.data).toMatchObject({ message: "invite.inactive" });
    expect((await setPassword(secret)).status).toBe(410);
    expect(await db.user.findUnique({ where: { email: p.email } })).toBeNull();
  });
});

describe("account status", () => {
  it("the list filters on chưa mời / đã mời / đã kích hoạt, and the export shows it", async () => {
    const agency = await db.agency.create({
      data: { code: "ST", name: "Phòng Trạng thái", kind: "UNIT", parentId: w.a.id, path: "/", depth: 2 },
    });
    await db.agency.update({ where: { id: agency.id }, data: { path: `${w.a.path}${agency.id}/` } });
    const none = await makePerson({ fullName: "Âu Văn Chưa", email: "chua@st.vn", agencyId: agency.id });
    const invited = await makePerson({ fullName: "Bùi Thị Mời", email: "moi@st.vn", agencyId: agency.id });
    const activated = await makePerson({ fullName: "Cù Văn Xong", email: "xong@st.vn", agencyId: agency.id });
    const coord = await actorOf(w.coordA);
    await sendInvitations(coord, { mode: "selected", id: [invited.id, activated.id] });
    expect((await setPassword(await queuedLink(activated.email))).status).toBe(302);

    const list = async (account: string) => {
      const res = await call(
        peopleLoader,
        get(`/people?agency=${agency.id}&account=${account}`, w.coordA.cookie),
      );
      return (res.data as { rows: { email: string; activated: boolean; invitedAt: Date | null }[] }).rows;
    };
    expect((await list("none")).map((r) => r.email)).toEqual([none.email]);
    expect((await list("invited")).map((r) => r.email)).toEqual([invited.email]);
    expect((await list("activated")).map((r) => r.email)).toEqual([activated.email]);
    expect(await list("")).toHaveLength(3);

    const res = await call(peopleExport, get(`/people/export?agency=${agency.id}`, w.coordA.cookie));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.response!.arrayBuffer()) as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf("Tài khoản");
    expect(col).toBeGreaterThan(0);
    const byEmail = new Map<string, string>();
    sheet.eachRow((row, n) => {
      if (n > 1) byEmail.set(String(row.getCell(3).value), String(row.getCell(col).value));
    });
    expect(byEmail.get(none.email)).toBe("Chưa mời");
    expect(byEmail.get(invited.email)).toMatch(/^Đã mời \d{2}\/\d{2}\/\d{4}$/);
    expect(byEmail.get(activated.email)).toBe("Đã kích hoạt");
  });
});

describe("invitations from the import and the assignment pages", () => {
  it("after an import is applied, its people can be invited from the confirmation", async () => {
    const csv =
      "Họ và tên,Email,Mã đơn vị,Đối tượng\n" +
      "Đặng Văn Nhập,nhap1@a1.vn,A1,Công chức\nĐặng Thị Nhập,nhap2@a1.vn,A1,Viên chức\n";
    const preview = await call(importAction, upload("/people/import", w.coordA.cookie, "moi.csv", csv));
    const importId = (preview.data as { preview: { id: string } }).preview.id;
    const applied = await call(
      importAction,
      post("/people/import", w.coordA.cookie, { intent: "apply", importId }),
    );
    expect(applied.response!.headers.get("Location")).toBe(`/people/import?done=${importId}`);
    const page = await call(importLoader, get(`/people/import?done=${importId}`, w.coordA.cookie));
    expect((page.data as { done: { count: number } }).done.count).toBe(2);
    // Someone else's import offers nothing and cannot be used.
    const other = await call(importLoader, get(`/people/import?done=${importId}`, w.coordB.cookie));
    expect((other.data as { done: unknown }).done).toBeNull();
    const stolen = await call(
      inviteAction,
      invitePost(w.coordB.cookie, [
        ["mode", "import"],
        ["importId", importId],
      ]),
    );
    expect(stolen.status).toBe(404);

    const sent = await call(
      inviteAction,
      invitePost(w.coordA.cookie, [
        ["mode", "import"],
        ["importId", importId],
      ]),
    );
    expect(sent.status).toBe(302);
    expect(await db.outboxEmail.count({ where: { to: { in: ["nhap1@a1.vn", "nhap2@a1.vn"] } } })).toBe(2);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "people.invite", entityId: importId },
    });
    expect(audit.data).toMatchObject({ mode: "import", invited: 2 });
  });

  it("an assignment's members without an account are offered on its page", async () => {
    const fx = await makeCourseVersion({ questionCount: 1, bankSize: 1 });
    const assignment = await createAssignment(
      [w.a.path],
      { courseId: fx.course.id, agencyId: w.a1.id, dueDays: 30 },
      w.coordA.user.id,
    );
    const page = await call(
      inviteLoader,
      get(`/people/invite?mode=assignment&assignmentId=${assignment.id}`, w.coordA.cookie),
    );
    const count = (page.data as { count: number }).count;
    expect(count).toBeGreaterThan(0);
    const sent = await call(
      inviteAction,
      invitePost(w.coordA.cookie, [
        ["mode", "assignment"],
        ["assignmentId", assignment.id],
      ]),
    );
    expect(sent.response!.headers.get("Location")).toBe(`/assignments/${assignment.id}`);
    expect(await db.outboxEmail.count({ where: { dedupeKey: { startsWith: "invite:" } } })).toBe(count);
  });
});

describe("delivery", () => {
  it("the email goes through the outbox to the SMTP server, in Vietnamese, and its link works", async () => {
    const p = await makePerson({ fullName: "Quách Thị Thư", email: "thu@a.vn", agencyId: w.a.id });
    await sendInvitations(await actorOf(w.coordA), { mode: "selected", id: [p.id] });
    smtp.inbox.length = 0;
    const r = await processOutbox({ transport: smtp.transport(), workerId: "test" });
    expect(r.sent).toBe(1);
    const mail = smtp.inbox.find((m) => m.to.includes(p.email))!;
    expect(mail.subject).toBe("Mời đăng nhập hệ thống Học ATTT — Tỉnh Thử");
    expect(mail.text).toContain(`Kính gửi ${p.fullName}`);
    expect(mail.text).toMatch(/hết hạn lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)/);
    expect(mail.text).toContain("coord-a@test.vn");
    const secret = LINK_RE.exec(mail.text)![1]!;
    const done = await setPassword(secret);
    expect(done.status).toBe(302);
    expect(done.response!.headers.get("Location")).toBe("/learn");
  });

  it("OUTBOX_MAX_PER_MINUTE caps what a tick sends, across ticks within the minute", async () => {
    const agency = await db.agency.create({
      data: { code: "RL", name: "Phòng Giới hạn", kind: "UNIT", parentId: w.a.id, path: "/", depth: 2 },
    });
    await db.agency.update({ where: { id: agency.id }, data: { path: `${w.a.path}${agency.id}/` } });
    for (let i = 0; i < 7; i++)
      await makePerson({ fullName: `Người Thứ ${i}`, email: `gioi-han-${i}@rl.vn`, agencyId: agency.id });
    await sendInvitations(await actorOf(w.coordA), { mode: "subtree", agency: agency.id });
    // Emails sent by earlier tests in the last minute count against the limit too.
    await db.outboxEmail.updateMany({ where: { status: "SENT" }, data: { sentAt: new Date(0) } });
    const tick = schedulerTick({
      loadRows: async () => [],
      transport: smtp.transport(),
      workerId: "rate",
      batchSize: 2,
      maxPerMinute: 5,
    });
    expect((await tick()).outbox.sent).toBe(5);
    expect((await tick()).outbox.sent).toBe(0);
    expect(await db.outboxEmail.count({ where: { status: "PENDING" } })).toBe(2);
    // A batch claims at most its size (the claim used to take 2 or 3 rows for a batch of 1 on PGlite).
    await db.outboxEmail.updateMany({ where: { status: "SENT" }, data: { sentAt: new Date(0) } });
    const one = await processOutbox({ transport: smtp.transport(), workerId: "one", batchSize: 1 });
    expect(one.claimed).toBe(1);
  });
});
