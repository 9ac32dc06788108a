// Drill templates: content/phishing → PhishingTemplate with versions (inside the content sync), and the
// template pages' guard and data.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { syncContent } from "~/modules/content/sync.server";
import { syncPhishingTemplates } from "~/modules/phishing/template-sync.server";
import { loader as previewLoader } from "~/routes/phishing.templates.$code";
import { loader as listLoader } from "~/routes/phishing.templates._index";
import { call, get, makeAgency, signedInAccount } from "./helpers/world";

const CONTENT = path.resolve(import.meta.dirname, "../../content");
const ONE = "dich-vu-cong-ho-so";
const TWO = "hop-thu-day";

let dir: string;
const sync = () => db.$transaction((tx) => syncPhishingTemplates(tx, dir));
const versionsOf = (code: string) =>
  db.phishingTemplateVersion.findMany({
    where: { template: { code } },
    orderBy: { version: "asc" },
    select: { id: true, version: true, emailHtml: true, contentHash: true },
  });
const templateOf = (code: string) => db.phishingTemplate.findUniqueOrThrow({ where: { code } });
const auditCount = () => db.auditEvent.count({ where: { action: "phishing.templates.sync" } });
const emailFile = (code: string) => path.join(dir, "phishing", code, "email.html");

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "drill-sync-"));
  await mkdir(path.join(dir, "attt-co-ban"), { recursive: true });
  await writeFile(path.join(dir, "attt-co-ban", "course.yaml"), "code: attt-co-ban\n");
  for (const code of [ONE, TWO])
    await cp(path.join(CONTENT, "phishing", code), path.join(dir, "phishing", code), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("syncPhishingTemplates", () => {
  it("creates each template with version 1 as its current version", async () => {
    const r = await sync();
    expect(r).toEqual({
      ok: true,
      created: [ONE, TWO],
      newVersions: [],
      unchanged: [],
      deactivated: [],
      reactivated: [],
    });
    const t = await templateOf(ONE);
    const [v1] = await versionsOf(ONE);
    expect(v1.version).toBe(1);
    expect(t.currentVersionId).toBe(v1.id);
    expect(t.active).toBe(true);
    const stored = await db.phishingTemplateVersion.findUniqueOrThrow({ where: { id: v1.id } });
    expect(stored).toMatchObject({
      senderAddress: "thongbao@dichvucong-hoso.example",
      difficulty: 1,
      followUpCourseCode: "attt-co-ban",
      emailHtml: await readFile(emailFile(ONE), "utf8"),
    });
    expect((stored.redFlags as { id: string }[]).map((f) => f.id)).toEqual([
      "ten-mien",
      "thoi-han",
      "lien-ket",
      "chung-chung",
    ]);
  });

  it("is idempotent: the same files change nothing and audit nothing", async () => {
    const before = await templateOf(ONE);
    const audits = await auditCount();
    expect(await sync()).toMatchObject({ ok: true, created: [], newVersions: [], unchanged: [ONE, TWO] });
    expect(await templateOf(ONE)).toEqual(before);
    expect(await versionsOf(ONE)).toHaveLength(1);
    expect(await auditCount()).toBe(audits);
  });

  it("a changed file makes version 2 current and keeps version 1 as it was", async () => {
    const original = await readFile(emailFile(ONE), "utf8");
    await writeFile(emailFile(ONE), original.replace("Trân trọng", "Kính thư"));
    expect(await sync()).toMatchObject({ ok: true, newVersions: [ONE], unchanged: [TWO] });
    const [v1, v2] = await versionsOf(ONE);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1.emailHtml).toBe(original);
    expect(v2.emailHtml).toContain("Kính thư");
    expect((await templateOf(ONE)).currentVersionId).toBe(v2.id);
    expect((await templateOf(TWO)).currentVersionId).toBe((await versionsOf(TWO))[0].id);

    // Files back as they were: version 1 is current again, no third copy.
    await writeFile(emailFile(ONE), original);
    expect(await sync()).toMatchObject({ ok: true, newVersions: [ONE] });
    expect(await versionsOf(ONE)).toHaveLength(2);
    expect((await templateOf(ONE)).currentVersionId).toBe(v1.id);
  });

  it("a folder gone makes its template inactive, versions kept; back again, active", async () => {
    const versions = await versionsOf(TWO);
    await rm(path.join(dir, "phishing", TWO), { recursive: true });
    expect(await sync()).toMatchObject({ ok: true, deactivated: [TWO], unchanged: [ONE] });
    const gone = await templateOf(TWO);
    expect(gone.active).toBe(false);
    expect(gone.currentVersionId).toBe(versions[0].id);
    expect(await versionsOf(TWO)).toEqual(versions);
    const last = await db.auditEvent.findFirstOrThrow({
      where: { action: "phishing.templates.sync" },
      orderBy: { id: "desc" },
    });
    expect(last.data).toMatchObject({ deactivated: [TWO] });

    await cp(path.join(CONTENT, "phishing", TWO), path.join(dir, "phishing", TWO), { recursive: true });
    expect(await sync()).toMatchObject({ ok: true, reactivated: [TWO], unchanged: [ONE, TWO] });
    expect((await templateOf(TWO)).active).toBe(true);
  });

  it("a folder with a problem refuses the whole sync and writes nothing", async () => {
    const original = await readFile(emailFile(ONE), "utf8");
    await writeFile(
      emailFile(ONE),
      original.replace('data-flag="thoi-han"', "").replace("Trân", "Kính Trân"),
    );
    const before = await versionsOf(ONE);
    const r = await sync();
    expect(r).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ file: `phishing/${ONE}/email.html`, field: 'data-flag="thoi-han"' }),
      ],
    });
    expect(await versionsOf(ONE)).toEqual(before);
    await writeFile(emailFile(ONE), original);
  });
});

describe("content sync hook", () => {
  it("syncContent writes courses and drill templates in one go, and refuses both on a template problem", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "drill-content-"));
    try {
      await cp(path.join(CONTENT, "attt-co-ban"), path.join(root, "attt-co-ban"), { recursive: true });
      await cp(path.join(CONTENT, "citations.yaml"), path.join(root, "citations.yaml"));
      await cp(path.join(CONTENT, "phishing", "hoa-don-qr"), path.join(root, "phishing", "hoa-don-qr"), {
        recursive: true,
      });
      const landing = path.join(root, "phishing", "hoa-don-qr", "landing.html");
      const good = await readFile(landing, "utf8");
      await writeFile(landing, good.replace('name="so_the"', 'name="password"'));
      const refused = await syncContent(root);
      expect(refused).toEqual({
        ok: false,
        problems: [
          expect.objectContaining({ file: "phishing/hoa-don-qr/landing.html", field: "<input> name" }),
        ],
      });
      expect(await db.phishingTemplate.count({ where: { code: "hoa-don-qr" } })).toBe(0);

      await writeFile(landing, good);
      const r = await syncContent(root);
      expect(r).toMatchObject({ ok: true, phishing: { ok: true, created: ["hoa-don-qr"] } });
      expect(await db.course.count({ where: { code: "attt-co-ban" } })).toBe(1);
      expect((await templateOf("hoa-don-qr")).currentVersionId).not.toBeNull();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("template pages", () => {
  let manager: { cookie: string };
  let admin: { cookie: string };
  let learner: { cookie: string };
  let coordinator: { cookie: string };

  beforeAll(async () => {
    await db.$transaction((tx) => syncPhishingTemplates(tx, CONTENT));
    const province = await makeAgency({ code: "PT", name: "Tỉnh Thử", kind: "PROVINCE" });
    manager = await signedInAccount({
      email: "drill-manager@tinh.test",
      person: { fullName: "Phạm Thị Diễn" },
      grants: [{ role: "PHISHING_MANAGER", agencyId: province.id }],
      agencyId: province.id,
    });
    admin = await signedInAccount({ email: "admin-drill@tinh.test", grants: [{ role: "ADMIN" }] });
    learner = await signedInAccount({
      email: "learner-drill@tinh.test",
      grants: [{ role: "LEARNER" }],
      agencyId: province.id,
    });
    coordinator = await signedInAccount({
      email: "coord-drill@tinh.test",
      grants: [{ role: "COORDINATOR", agencyId: province.id }],
      agencyId: province.id,
    });
  });

  it("a learner or a coordinator without drill powers gets 403 on the list and the preview", async () => {
    for (const who of [learner, coordinator]) {
      expect((await call(listLoader, get("/phishing/templates", who.cookie))).status).toBe(403);
      expect(
        (await call(previewLoader, get(`/phishing/templates/${ONE}`, who.cookie), { code: ONE })).status,
      ).toBe(403);
    }
  });

  it("a drill manager and an admin see the active templates with their current version", async () => {
    for (const who of [manager, admin]) {
      const res = await call(listLoader, get("/phishing/templates", who.cookie));
      expect(res.status).toBe(200);
      const { templates } = res.data as {
        templates: { code: string; redFlagCount: number; version: number }[];
      };
      const codes = templates.map((t) => t.code);
      expect(codes).toEqual(expect.arrayContaining([ONE, TWO, "van-ban-ky-so", "bang-luong-dinh-kem"]));
      expect(templates.length).toBeGreaterThanOrEqual(8);
      expect(templates.find((t) => t.code === ONE)).toMatchObject({ redFlagCount: 4, version: 1 });
    }
  });

  it("the preview fills the email with the viewer's details and lists the red flags; unknown codes are 404", async () => {
    const res = await call(previewLoader, get(`/phishing/templates/${ONE}`, manager.cookie), { code: ONE });
    expect(res.status).toBe(200);
    const { template } = res.data as {
      template: {
        emailHtml: string;
        landingHtml: string;
        redFlags: { id: string }[];
        renderedSubject: string;
      };
    };
    expect(template.emailHtml).toContain("Phạm Thị Diễn");
    expect(template.emailHtml).not.toMatch(/\{\{/);
    expect(template.renderedSubject).toContain("Phạm Thị Diễn");
    expect(template.landingHtml).toContain('action="#"');
    expect(template.redFlags).toHaveLength(4);
    for (const code of ["khong-co-mau", "Bad Code"])
      expect(
        (
          await call(previewLoader, get(`/phishing/templates/${encodeURIComponent(code)}`, manager.cookie), {
            code,
          })
        ).status,
      ).toBe(404);
  });
});
