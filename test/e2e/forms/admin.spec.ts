// Field errors from the server next to their field, by label, in both locales (issue 12): the admin forms
// (agencies, accounts and role grants). Move and merge have no typed field (two selects and a checkbox).
import { test } from "../support/fixtures";
import {
  EMAIL_LABEL,
  expectServerFieldError,
  type FormErrorCase,
  notAnEmail,
  openFirstOfTable,
} from "../support/form-errors";

const cases: Record<string, FormErrorCase> = {
  "new agency: no code": {
    as: "ADMIN",
    path: "/admin/agencies",
    fill: async (page) => {
      await page.getByLabel(/^(Tên đơn vị|Agency name)$/).fill("Phòng Thử Nghiệm");
    },
    submit: { vi: "Thêm đơn vị", en: "Add agency" },
    field: { vi: /^Mã$/, en: /^Code$/ },
    message: { vi: "Vui lòng nhập mã đơn vị.", en: "Please enter the agency code." },
  },
  "agency rename: no name": {
    as: "ADMIN",
    path: "/admin/agencies",
    fill: async (page) => {
      // The first agency of the list (the seeded tree): the rename is refused, nothing changes.
      await openFirstOfTable(page, /\/admin\/agencies\/[0-9a-f-]{36}$/);
      await page.getByLabel(/^(Tên đơn vị|Agency name)$/).fill("");
    },
    submit: { vi: "Lưu", en: "Save" },
    field: { vi: /^Tên đơn vị$/, en: /^Agency name$/ },
    message: { vi: "Vui lòng nhập tên đơn vị.", en: "Please enter the agency name." },
  },
  "role grant: a coordinator without an agency": {
    as: "ADMIN",
    path: "/admin/users",
    submit: { vi: "Cấp quyền", en: "Grant" },
    field: { vi: "Phạm vi (đơn vị)", en: "Scope (agency)" },
    message: {
      vi: "Vai trò này cần mã đơn vị làm phạm vi.",
      en: "This role needs an agency code as its scope.",
    },
  },
  "password reset: too short": {
    as: "ADMIN",
    path: "/admin/users",
    fill: async (page) => {
      await page
        .getByLabel(/^(Mật khẩu tạm thời|Temporary password)$/)
        .first()
        .fill("ngan");
    },
    submit: { vi: /^Đặt lại mật khẩu$/, en: /^Reset password$/ },
    field: { vi: /^Mật khẩu tạm thời$/, en: /^Temporary password$/ },
    message: { vi: "ít nhất 10 ký tự", en: "at least 10 characters" },
  },
  "new account: not an email": notAnEmail(
    "/admin/users",
    EMAIL_LABEL.plain,
    { vi: "Tạo tài khoản cho cán bộ", en: "Create an account for a staff member" },
    "ADMIN",
  ),
};

for (const [name, c] of Object.entries(cases))
  for (const locale of ["vi", "en"] as const)
    test(`${name} (${locale})`, async ({ browser, baseURL, fixtures }) => {
      await expectServerFieldError(browser, baseURL!, fixtures, c, locale);
    });
