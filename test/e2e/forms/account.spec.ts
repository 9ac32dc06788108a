// Field errors from the server next to their field, by label, in both locales (issue 12): the sign-in page,
// the reset request and the signed-in person's own forms (password, two-factor enrolment).
import { test } from "../support/fixtures";
import { EMAIL_LABEL, expectServerFieldError, type FormErrorCase, notAnEmail } from "../support/form-errors";

const cases: Record<string, FormErrorCase> = {
  "login: not an email": notAnEmail("/login", EMAIL_LABEL.work, { vi: /^Đăng nhập$/, en: /^Sign in$/ }),
  "forgot password: not an email": notAnEmail("/forgot-password", EMAIL_LABEL.official, {
    vi: "Gửi liên kết đặt lại mật khẩu",
    en: "Send a password reset link",
  }),
  "password change: the repeat differs": {
    as: "LEARNER",
    path: "/account/password",
    fill: async (page) => {
      await page.getByLabel(/^(Mật khẩu hiện tại|Current password)$/).fill("MatKhauCu2026");
      await page.getByLabel(/^(Mật khẩu mới|New password)$/).fill("MatKhauMoi2026");
      await page.getByLabel(/^(Nhập lại mật khẩu mới|Repeat new password)$/).fill("MatKhauKhac2026");
    },
    submit: { vi: "Lưu mật khẩu mới", en: "Save new password" },
    field: { vi: /^Nhập lại mật khẩu mới$/, en: /^Repeat new password$/ },
    message: { vi: "Hai mật khẩu mới không khớp.", en: "The two new passwords differ." },
  },
  "two-factor enrolment: not six digits": {
    as: "LEARNER",
    path: "/account/two-factor/setup",
    fill: async (page) => {
      await page.getByLabel(/^(Mã 6 chữ số từ ứng dụng|6-digit code from the app)$/).fill("12ab");
    },
    submit: { vi: "Xác nhận và bật", en: "Confirm and turn on" },
    field: { vi: /^Mã 6 chữ số từ ứng dụng$/, en: /^6-digit code from the app$/ },
    message: { vi: "Mã gồm 6 chữ số.", en: "The code has 6 digits." },
  },
};

for (const [name, c] of Object.entries(cases))
  for (const locale of ["vi", "en"] as const)
    test(`${name} (${locale})`, async ({ browser, baseURL, fixtures }) => {
      await expectServerFieldError(browser, baseURL!, fixtures, c, locale);
    });
