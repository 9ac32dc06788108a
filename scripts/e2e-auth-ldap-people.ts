// Seed step of the auth e2e server (scripts/e2e-auth-server.ts) for the LDAP directory: the staff-list people
// whose @mail.langson.gov.vn addresses the directory signs in. Idempotent; run after prisma/seed.ts.
import { closeDb, db } from "../app/db.server.ts";
import { foldVietnamese, personSortKey } from "../app/utils/text.ts";
import { LDAP_PEOPLE } from "../test/e2e/auth/ldap-directory.ts";

for (const p of LDAP_PEOPLE) {
  if (!p.agencyCode) continue;
  const agency = await db.agency.findUniqueOrThrow({ where: { code: p.agencyCode } });
  await db.person.upsert({
    where: { email: p.email },
    update: {},
    create: {
      email: p.email,
      fullName: p.fullName,
      agencyId: agency.id,
      staffCategory: "CONG_CHUC",
      position: p.position,
      searchText: foldVietnamese(`${p.fullName} ${p.email} ${p.position}`),
      sortKey: personSortKey(p.fullName),
      memberships: { create: { agencyId: agency.id, reason: "SEED" } },
    },
  });
}
await closeDb();
