// Demo data: the Lạng Sơn 2025 agency tree, ~3,000 staff with Vietnamese names, one account per role.
// Idempotent: agencies are upserted by code, people by email, accounts by email.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { LONG_TX, db, closeDb } from "../app/db.server.ts";
import { DatabaseLockedError } from "../app/db-lock.server.ts";
import { createAgency, importAgencyTree } from "../app/modules/agencies/agencies.server.ts";
import { makeGrant, makePerson, makeUser, personData } from "../test/fixtures/factories.ts";
import { demoPerson, rng } from "./demo-names.ts";
import { DEMO_ACCOUNTS } from "./demo-accounts.ts";
import { syncContent } from "../app/modules/content/sync.server.ts";
import { seedTargets } from "./seed-targets.ts";
import { seedOfferings } from "./seed-offerings.ts";
import { seedAssignments } from "./seed-assignments.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const DOMAIN = "langson.gov.vn";
const PEOPLE = Number(process.env.DEMO_PEOPLE ?? 3000);

// Units inside two departments, so the demo tree has more than two levels below the province.
const DEMO_UNITS = [
  { parent: "20.SKHCN", code: "20.SKHCN.VP", name: "Văn phòng Sở" },
  { parent: "20.SKHCN", code: "20.SKHCN.CNTT", name: "Phòng Công nghệ thông tin và Chuyển đổi số" },
  { parent: "20.SKHCN", code: "20.SKHCN.TTCNTT", name: "Trung tâm Công nghệ thông tin và Truyền thông" },
  { parent: "20.SNV", code: "20.SNV.CCVC", name: "Phòng Công chức, viên chức" },
  { parent: "20.SNV", code: "20.SNV.VP", name: "Văn phòng Sở" },
];

export async function seedAgencies() {
  const json = JSON.parse(readFileSync(path.join(here, "data/agencies/lang-son-2025.json"), "utf8"));
  const result = await importAgencyTree(json, { actorUserId: null });
  for (const u of DEMO_UNITS) {
    if (await db.agency.findUnique({ where: { code: u.code } })) {
      result.unchanged++;
      continue;
    }
    const parent = await db.agency.findUniqueOrThrow({ where: { code: u.parent } });
    await createAgency({ code: u.code, name: u.name, kind: "UNIT", parentId: parent.id }, null);
    result.created++;
  }
  return result;
}

export async function seedPeople(count = PEOPLE) {
  const agencies = await db.agency.findMany({
    where: { active: true, kind: { in: ["DEPARTMENT", "COMMUNE", "UNIT"] } },
    select: { id: true, kind: true, code: true },
    orderBy: { code: "asc" },
  });
  const rand = rng(20250701);
  const kindOf = new Map(agencies.map((a) => [a.id, a.kind]));
  const generated = [];
  for (let i = 0; i < count; i++) {
    const agency = agencies[Math.floor(rand() * agencies.length)];
    generated.push({ ...demoPerson(rand, i + 1, DOMAIN, agency.kind === "COMMUNE"), agencyId: agency.id });
  }
  // One head of unit per agency: the first generated person there. Set before the derived columns, so the
  // head's search text carries the position they hold.
  const seen = new Set<string>();
  for (const p of generated) {
    if (!seen.has(p.agencyId)) {
      seen.add(p.agencyId);
      p.isHeadOfUnit = true;
      p.position = kindOf.get(p.agencyId) === "COMMUNE" ? "Chủ tịch UBND xã" : "Giám đốc Sở";
    }
  }
  const rows = generated.map((p) => personData(p));
  const existing = new Set((await db.person.findMany({ select: { email: true } })).map((p) => p.email));
  const fresh = rows.filter((r) => !existing.has(r.email));
  await db.$transaction(async (tx) => {
    for (let i = 0; i < fresh.length; i += 1000) {
      await tx.person.createMany({ data: fresh.slice(i, i + 1000), skipDuplicates: true });
    }
    const created = await tx.person.findMany({
      where: { email: { in: fresh.map((f) => f.email) } },
      select: { id: true, agencyId: true },
    });
    for (let i = 0; i < created.length; i += 1000) {
      await tx.membership.createMany({
        data: created
          .slice(i, i + 1000)
          .map((p) => ({ personId: p.id, agencyId: p.agencyId, reason: "SEED" })),
      });
    }
    // 3,000 people in one transaction: seconds on an idle machine, far more under load (P2028 at 5 s).
  }, LONG_TX);
  return fresh.length;
}

async function seedAccounts() {
  for (const a of DEMO_ACCOUNTS) {
    const agency = await db.agency.findUniqueOrThrow({ where: { code: a.agencyCode } });
    const person =
      (await db.person.findUnique({ where: { email: a.email } })) ??
      (await makePerson(
        {
          email: a.email,
          fullName: a.fullName,
          agencyId: agency.id,
          position: a.position,
          itRole: a.role === "ADMIN" ? "FULL_TIME" : "NONE",
        },
        db,
        "SEED",
      ));
    const user =
      (await db.user.findUnique({ where: { email: a.email } })) ??
      (await makeUser({ email: a.email, personId: person.id, password: a.password }));
    const scopeCode = a.scopeCode;
    const scopeAgency = scopeCode ? await db.agency.findUniqueOrThrow({ where: { code: scopeCode } }) : null;
    for (const role of new Set([a.role, "LEARNER"] as const)) {
      const agencyId = role === a.role ? (scopeAgency?.id ?? null) : null;
      const has = await db.roleGrant.findFirst({ where: { userId: user.id, role, agencyId } });
      if (!has) await makeGrant(user.id, { role, agencyId });
    }
  }
}

async function main() {
  const agencies = await seedAgencies();
  const people = await seedPeople();
  await seedAccounts();
  const content = await syncContent(process.env.CONTENT_DIR ?? path.join(here, "../content"));
  if (!content.ok) {
    for (const p of content.problems) console.error(`  ${p.file} › ${p.field}: ${p.message}`);
    throw new Error("Nội dung khóa học có lỗi (xem trên); chạy npm run content:check để biết chi tiết.");
  }
  const offerings = await seedOfferings();
  const targets = await seedTargets();
  const assignments = await seedAssignments();
  const total = await db.person.count();
  console.log(
    `Dữ liệu mẫu: ${agencies.created} đơn vị mới (${agencies.unchanged} không đổi), ${people} cán bộ mới, tổng ${total} cán bộ.`,
  );
  console.log(
    `Khóa học: ${content.created.length} mới, ${content.newVersions.length} phiên bản mới, ${content.unchanged.length} không đổi.`,
  );
  if (content.phishing)
    console.log(
      `Mẫu thư diễn tập: ${content.phishing.created.length} mới, ${content.phishing.newVersions.length} phiên bản mới, ${content.phishing.unchanged.length} không đổi.`,
    );
  if (offerings) console.log(offerings);
  if (targets) console.log(targets);
  if (assignments) console.log(assignments);
  // No URL here: the port is the server's to choose (PORT), and server.js prints the one it bound.
  console.log("\nTài khoản demo (đăng nhập tại /login, địa chỉ in ra khi ứng dụng chạy):");
  for (const a of DEMO_ACCOUNTS)
    console.log(`  ${a.role.padEnd(11)} ${a.email.padEnd(30)} mật khẩu: ${a.password}`);
  console.log("");
}

// Run as a script (npm run db:seed); imported by tests for its parts.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  let failed = false;
  main()
    .catch((e) => {
      console.error(e instanceof DatabaseLockedError ? e.message : e);
      failed = true;
    })
    .finally(async () => {
      await closeDb();
      // PGlite's close() resets process.exitCode: set it after, so `npm start` stops on a failed seed.
      if (failed) process.exitCode = 1;
    });
}
