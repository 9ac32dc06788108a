// Seed step of the auth e2e server (scripts/e2e-auth-server.ts) for the LDAP directory: the staff-list people
// whose @mail.langson.gov.vn addresses the directory signs in. Idempotent; run after prisma/seed.ts.
import { closeDb, db } from "../app/db.server.ts";
import { LDAP_PEOPLE } from "../test/e2e/auth/ldap-directory.ts";
import { upsertPerson } from "../test/fixtures/factories.ts";

for (const p of LDAP_PEOPLE) {
  if (!p.agencyCode) continue;
  const agency = await db.agency.findUniqueOrThrow({ where: { code: p.agencyCode } });
  await upsertPerson({ email: p.email, fullName: p.fullName, agencyId: agency.id, position: p.position });
}
await closeDb();
