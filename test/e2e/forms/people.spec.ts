// Field errors from the server next to their field, by label, in both locales (issue 12): the people forms.
import { test } from "@playwright/test";
import { expectServerFieldError, type FormErrorCase } from "../support/form-errors";

const cases: Record<string, FormErrorCase> = {
  "person form: no name": {
    as: "COORDINATOR",
    path: "/people/new",
    fill: async (page) => {
      await page.locator("#email").fill("khong-ten@langson.gov.vn");
    },
    submit: { vi: "Lưu", en: "Save" },
    field: { vi: "Họ và tên", en: "Full name" },
    message: { vi: "Vui lòng nhập họ và tên", en: "Please enter the full name." },
  },
};

for (const [name, c] of Object.entries(cases))
  for (const locale of ["vi", "en"] as const)
    test(`${name} (${locale})`, async ({ browser, baseURL }) => {
      await expectServerFieldError(browser, baseURL!, c, locale);
    });
