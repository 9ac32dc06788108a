// Who signs in through the two OpenID providers of the auth e2e server (scripts/e2e-auth-server.ts): the
// staff-list people its seed step adds, and the accounts each provider knows. Shared by the harness, its
// seed step (scripts/e2e-auth-seed-oidc.ts) and test/e2e/auth/oidc.spec.ts.
export const OIDC_PASSWORD = "MatKhau-SSO-2026";

/** Province A: Lạng Sơn's identity service, for @sso.langson.gov.vn, bound to the province's root agency. */
export const LANGSON = {
  id: "langson",
  name: "Hệ thống xác thực tập trung tỉnh Lạng Sơn",
  title: "Lang Son provincial identity service",
  agencyCode: "20",
  domain: "sso.langson.gov.vn",
  clientId: "hoc-attt-langson",
  clientSecret: "e2e-secret-langson",
};

/** Province B: Nghệ An's identity service, for @nghean.gov.vn, bound to Nghệ An's root agency. */
export const NGHEAN = {
  id: "nghean",
  name: "Hệ thống xác thực tập trung tỉnh Nghệ An",
  title: "Nghe An provincial identity service",
  agencyCode: "40",
  domain: "nghean.gov.vn",
  clientId: "hoc-attt-nghean",
  clientSecret: "e2e-secret-nghean",
};

export type OidcPerson = { sub: string; email: string; fullName: string; agencyCode: string };

export const LANGSON_PEOPLE: OidcPerson[] = [
  {
    sub: "ls-0001",
    email: "hoang.thimai@sso.langson.gov.vn",
    fullName: "Hoàng Thị Mai",
    agencyCode: "20.SKHCN.CNTT",
  },
  {
    sub: "ls-0002",
    email: "ly.vantuan@sso.langson.gov.vn",
    fullName: "Lý Văn Tuấn",
    agencyCode: "20.SKHCN.CNTT",
  },
];

export const NGHEAN_PEOPLE: OidcPerson[] = [
  { sub: "na-0001", email: "tran.vanhung@nghean.gov.vn", fullName: "Trần Văn Hùng", agencyCode: "40.VPUBND" },
  {
    sub: "na-0002",
    email: "nguyen.thilan@nghean.gov.vn",
    fullName: "Nguyễn Thị Lan",
    agencyCode: "40.VPUBND",
  },
];

/** Lạng Sơn's provider also has an account whose address is a Nghệ An official's: it must not get in. */
export const LANGSON_IMPOSTOR = {
  sub: "ls-9999",
  email: NGHEAN_PEOPLE[1].email,
  fullName: "Tài khoản mạo danh",
};

/** The course assigned to the Lạng Sơn people in the seed step, shown on their "Học tập của tôi". */
export const OIDC_ASSIGNMENT = { title: "Đợt SSO: ATTT cơ bản 2026", course: "attt-co-ban" };
