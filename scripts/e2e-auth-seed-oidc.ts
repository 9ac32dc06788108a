// Seed step of the auth e2e server for single sign-on (run after prisma/seed.ts by scripts/e2e-auth-server.ts):
// Nghệ An's agency tree, the people who sign in through the two provinces' identity services, and an
// assignment for the Lạng Sơn ones so their "Học tập của tôi" has a course. Idempotent.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeDb, db } from "../app/db.server.ts";
import { importAgencyTree } from "../app/modules/agencies/agencies.server.ts";
import { createAssignment } from "../app/modules/assignments/assignments.server.ts";
import { LANGSON_PEOPLE, NGHEAN_PEOPLE, OIDC_ASSIGNMENT } from "../test/e2e/auth/oidc-people.ts";
import { upsertPerson } from "../test/fixtures/factories.ts";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

try {
  const tree = JSON.parse(readFileSync(path.join(root, "prisma/data/agencies/nghe-an-2025.json"), "utf8"));
  await importAgencyTree(tree, { actorUserId: null });
  const ids: string[] = [];
  for (const p of [...LANGSON_PEOPLE, ...NGHEAN_PEOPLE]) {
    const agency = await db.agency.findUniqueOrThrow({ where: { code: p.agencyCode } });
    const person = await upsertPerson({ email: p.email, fullName: p.fullName, agencyId: agency.id });
    if (LANGSON_PEOPLE.includes(p)) ids.push(person.id);
  }
  if (!(await db.assignment.findFirst({ where: { title: OIDC_ASSIGNMENT.title } }))) {
    const course = await db.course.findUniqueOrThrow({ where: { code: OIDC_ASSIGNMENT.course } });
    const admin = await db.user.findFirstOrThrow({ where: { grants: { some: { role: "ADMIN" } } } });
    await createAssignment(
      "ALL",
      {
        title: OIDC_ASSIGNMENT.title,
        courseId: course.id,
        personIds: ids,
        dueAt: new Date(Date.now() + 30 * 86_400_000),
      },
      admin.id,
    );
  }
  console.log(`SSO e2e: ${LANGSON_PEOPLE.length + NGHEAN_PEOPLE.length} cán bộ, cây đơn vị Nghệ An.`);
} finally {
  await closeDb();
}
