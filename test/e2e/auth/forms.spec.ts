// Field errors from the server next to their field, by label, in both locales (issue 12): the sign-in forms
// that need the auth server (sign-in links, the second factor) and the security page of an enrolled account.
import { test } from "../support/fixtures";
import {
  EMAIL_LABEL,
  expectServerFieldError,
  type FormErrorCase,
  noBrowserChecks,
  notAnEmail,
} from "../support/form-errors";
import { passwordStep, signInStaff } from "./staff";

const cases: Record<string, FormErrorCase> = {
  "sign-in link request: not an email": notAnEmail("/login/email", EMAIL_LABEL.official, {
    vi: "Gửi liên kết đăng nhập",
    en: "Send a sign-in link",
  }),
  // The password step only (of the demo staff account: the sign-in forms keep their own accounts, see
  // docs/decisions/011-e2e-fixtures.md): the sign-in waits on the second step.
  "second step: no code": {
    path: "/login",
    fill: async (page) => {
      await passwordStep(page, "ADMIN");
      await noBrowserChecks(page);
    },
    submit: { vi: /^Xác nhận$/, en: /^Verify$/ },
    field: { vi: /^Mã xác thực hoặc mã khôi phục$/, en: /^Verification code or recovery code$/ },
    message: { vi: "Nhập mã xác thực.", en: "Enter the verification code." },
  },
  // Signed in with both factors (one account per locale: a TOTP code is good once per 30 s).
  "security page: no current code": {
    path: "/login",
    fill: async (page, locale) => {
      await signInStaff(page, locale === "vi" ? "COORDINATOR" : "REVIEWER");
      await page.goto("/account/security");
      await noBrowserChecks(page);
    },
    submit: { vi: "Tạo bộ mã khôi phục mới", en: "Create new recovery codes" },
    field: { vi: /^Mã hiện tại trong ứng dụng$/, en: /^Current code from the app$/ },
    message: { vi: "Nhập mã xác thực.", en: "Enter the verification code." },
  },
};

for (const [name, c] of Object.entries(cases))
  for (const locale of ["vi", "en"] as const)
    test(`${name} (${locale})`, async ({ browser, baseURL, fixtures }) => {
      await expectServerFieldError(browser, baseURL!, fixtures, c, locale);
    });
