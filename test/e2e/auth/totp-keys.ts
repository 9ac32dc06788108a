// Fixed TOTP keys of the demo staff accounts on the auth e2e server (FOR TESTS ONLY): the harness enrols
// the accounts with them (scripts/e2e-auth-staff.ts) and signInStaff computes their codes (staff.ts).
// Also the coordinator who has no second factor yet, for the enrolment test (two-factor.spec.ts).
import { DEMO_ACCOUNTS } from "../../../prisma/demo-accounts";

export type StaffRole = "ADMIN" | "COORDINATOR" | "REVIEWER";

const KEYS_HEX: Record<StaffRole, string> = {
  ADMIN: "2a90094b4baf2c6a897643505fe0b240579b67b3",
  COORDINATOR: "cfd9d4256253b320ce3683192be13cd500a2f74a",
  REVIEWER: "1cedefde56d45bbddcbd9a630642e4a2f1d4a5c3",
};

export const STAFF_ROLES = Object.keys(KEYS_HEX) as StaffRole[];

export function staffTotpKey(role: StaffRole): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(KEYS_HEX[role], "hex"));
}

/** The demo account that signInStaff uses for a role (the first of that role in prisma/demo-accounts.ts). */
export function staffAccount(role: StaffRole) {
  return DEMO_ACCOUNTS.find((a) => a.role === role)!;
}

/** A coordinator of Sở KH&CN with a password and no second factor: must enrol at first sign-in. */
export const UNENROLLED_COORDINATOR = {
  email: "thao.dieuphoi@langson.gov.vn",
  password: "DieuPhoi@2026",
  fullName: "Đinh Thị Phương Thảo",
  agencyCode: "20.SKHCN",
};
