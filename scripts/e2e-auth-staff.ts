// A step of the auth e2e server (scripts/e2e-auth-server.ts), after the seed: the demo ADMIN, COORDINATOR
// and REVIEWER get TOTP with the fixed test keys of test/e2e/auth/totp-keys.ts, so signInStaff can compute
// their codes; and one more coordinator is created WITHOUT a second factor, for the enrolment test.
import { closeDb, db } from "../app/db.server.ts";
import { hashPassword } from "../app/modules/auth/password.server.ts";
import {
  STAFF_ROLES,
  UNENROLLED_COORDINATOR as C,
  staffAccount,
  staffTotpKey,
} from "../test/e2e/auth/totp-keys.ts";
import { upsertPerson } from "../test/fixtures/factories.ts";

for (const role of STAFF_ROLES) {
  await db.user.update({
    where: { email: staffAccount(role).email },
    data: { totpKey: staffTotpKey(role), totpEnabledAt: new Date(), totpLastStep: null },
  });
}

const agency = await db.agency.findUniqueOrThrow({ where: { code: C.agencyCode } });
const person = await upsertPerson({
  email: C.email,
  fullName: C.fullName,
  agencyId: agency.id,
  position: "Chuyên viên phụ trách đào tạo",
});
const user = await db.user.upsert({
  where: { email: C.email },
  update: {},
  create: { email: C.email, personId: person.id, passwordHash: await hashPassword(C.password) },
});
for (const [role, agencyId] of [
  ["COORDINATOR", agency.id],
  ["LEARNER", null],
] as const) {
  if (!(await db.roleGrant.findFirst({ where: { userId: user.id, role, agencyId } })))
    await db.roleGrant.create({ data: { userId: user.id, role, agencyId } });
}
console.log(`e2e auth: TOTP for ${STAFF_ROLES.join(", ")}; ${C.email} must enrol at first sign-in.`);
await closeDb();
