// Field errors from the server next to their field, by label, in both locales (issue 12): the assignment
// forms. The progress page's "nhắc lại" and the inbox's buttons post no typed input, so they have no case.
import { test } from "../support/fixtures";
import { expectServerFieldError, type FormErrorCase } from "../support/form-errors";

const PREVIEW = { vi: "Xem trước số người", en: "Preview audience" };

const cases: Record<string, FormErrorCase> = {
  "new assignment: impossible due date": {
    as: "COORDINATOR",
    path: "/assignments/new",
    fill: async (page, locale) => {
      await page.getByLabel(locale === "vi" ? /^Hạn hoàn thành$/ : /^Due date$/).fill("31/02/2027");
    },
    submit: PREVIEW,
    field: { vi: /^Hạn hoàn thành$/, en: /^Due date$/ },
    message: { vi: "Hạn hoàn thành không hợp lệ", en: "The due date is not valid" },
  },
  "new assignment: an email not among the coordinator's people": {
    as: "COORDINATOR",
    path: "/assignments/new",
    fill: async (page, locale) => {
      await page
        .getByLabel(locale === "vi" ? "Email người được giao đích danh" : "Emails of people assigned by name")
        .fill("khong-co-ai@example.vn");
      await page
        .getByLabel(locale === "vi" ? "hoặc số ngày kể từ khi được giao" : "or days after being assigned")
        .fill("30");
    },
    submit: PREVIEW,
    field: { vi: "Email người được giao đích danh", en: "Emails of people assigned by name" },
    message: {
      vi: "Không tìm thấy trong phạm vi của bạn: khong-co-ai@example.vn",
      en: "Not found among your people: khong-co-ai@example.vn",
    },
  },
  "overdue list: reminder with nothing selected": {
    // The world's assignment that is already overdue gives the list a row to (not) select.
    as: { role: "COORDINATOR", world: true },
    path: "/assignments/overdue",
    submit: { vi: "Gửi nhắc nhở", en: "Send reminder" },
    field: { vi: "Áp dụng cho", en: "Apply to" },
    message: { vi: "Chưa chọn dòng nào", en: "Nothing selected" },
  },
};

for (const [name, c] of Object.entries(cases))
  for (const locale of ["vi", "en"] as const)
    test(`${name} (${locale})`, async ({ browser, baseURL, fixtures }) => {
      await expectServerFieldError(browser, baseURL!, fixtures, c, locale);
    });
