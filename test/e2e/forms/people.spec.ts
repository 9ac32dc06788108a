// Field errors from the server next to their field, by label, in both locales (issue 12): the people forms
// (the person form, the two imports' upload form). The invite confirmation has hidden fields only, and the
// import's confirm step is a single button: neither takes typed input.
import { test } from "../support/fixtures";
import { expectServerFieldError, type FormErrorCase, withoutFile } from "../support/form-errors";

const peopleUpload = {
  as: "COORDINATOR",
  path: "/people/import",
  submit: { vi: "Kiểm tra tệp", en: "Check file" },
  field: { vi: "Tệp danh sách", en: "Staff file" },
} as const;
const FULL_NAME = { vi: "Họ và tên", en: "Full name" };

const cases: Record<string, FormErrorCase> = {
  "person form: no name": {
    as: "COORDINATOR",
    path: "/people/new",
    fill: async (page) => {
      await page.getByLabel("Email", { exact: true }).fill("khong-ten@langson.gov.vn");
    },
    submit: { vi: "Lưu", en: "Save" },
    field: FULL_NAME,
    message: { vi: "Vui lòng nhập họ và tên", en: "Please enter the full name." },
  },
  "person form: bad email": {
    as: "COORDINATOR",
    path: "/people/new",
    fill: async (page, locale) => {
      await page.getByLabel(FULL_NAME[locale], { exact: true }).fill("Nguyễn Văn Sai");
      await page.getByLabel("Email", { exact: true }).fill("khong-phai-email");
    },
    submit: { vi: "Lưu", en: "Save" },
    field: { vi: "Email", en: "Email" },
    message: { vi: "Email không hợp lệ.", en: "The email address is not valid." },
  },
  "people import: no file": withoutFile(peopleUpload),
  "people import: wrong file type": {
    ...peopleUpload,
    fill: async (page, locale) => {
      await page.getByLabel(peopleUpload.field[locale]).setInputFiles({
        name: "danh-sach.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n"),
      });
    },
    message: {
      vi: "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).",
      en: "Only Excel (.xlsx) or CSV (.csv) files are accepted.",
    },
  },
  "completions import: no file": withoutFile({
    as: "COORDINATOR",
    path: "/targets/completions/import",
    submit: { vi: "Xem trước", en: "Preview" },
    field: { vi: "Tệp kết quả", en: "Records file" },
  }),
};

for (const [name, c] of Object.entries(cases))
  for (const locale of ["vi", "en"] as const)
    test(`${name} (${locale})`, async ({ browser, baseURL, fixtures }) => {
      await expectServerFieldError(browser, baseURL!, fixtures, c, locale);
    });
