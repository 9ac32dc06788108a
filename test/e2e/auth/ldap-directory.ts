// The official mail directory of the auth e2e server (scripts/e2e-auth-server.ts): entries served by a real
// slapd, and the staff-list people (in Lạng Sơn agencies) they sign in as. Read by the harness and the specs.
export const LDAP_DOMAIN = "mail.langson.gov.vn";

export type LdapPerson = {
  uid: string;
  fullName: string;
  email: string;
  password: string;
  /** The agency in the demo tree; null = in the directory but not in the staff list. */
  agencyCode: string | null;
  position: string;
};

export const LDAP_PEOPLE: LdapPerson[] = [
  {
    uid: "nhung.nth",
    fullName: "Nguyễn Thị Hồng Nhung",
    email: `nhung.nth@${LDAP_DOMAIN}`,
    password: "ThuCongVu@2026",
    agencyCode: "20.SKHCN.CNTT",
    position: "Chuyên viên",
  },
  {
    uid: "tuan.lm",
    fullName: "Lục Minh Tuấn",
    email: `tuan.lm@${LDAP_DOMAIN}`,
    password: "ThuCongVu@2026",
    agencyCode: "20.STC",
    position: "Kế toán viên",
  },
  {
    uid: "hai.vt",
    fullName: "Vi Thanh Hải",
    email: `hai.vt@${LDAP_DOMAIN}`,
    password: "ThuCongVu@2026",
    agencyCode: null,
    position: "Cộng tác viên",
  },
];
