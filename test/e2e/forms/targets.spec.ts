// Field errors from the server next to their field, by label, in both locales (issue 12): the plan, target
// and snapshot forms. The toggle buttons of the plan page have no typed field (no case).
import { test } from "../support/fixtures";
import { expectServerFieldError, type FormErrorCase, openFirstOfTable } from "../support/form-errors";

// A reviewer of the province: the seeded plans (reference data) are in its scope.
const REVIEWER = { role: "REVIEWER", agencyCode: "20" } as const;

const cases: Record<string, FormErrorCase> = {
  "plan form: a year out of range": {
    as: REVIEWER,
    path: "/targets/plans/new",
    fill: async (page) => {
      await page.getByLabel(/^(Tên kế hoạch|Plan title)$/).fill("Kế hoạch thử");
      await page.getByLabel(/^(Năm|Year)$/).fill("1999");
    },
    submit: { vi: "Lưu kế hoạch", en: "Save plan" },
    field: { vi: /^Năm$/, en: /^Year$/ },
    message: { vi: "Năm không hợp lệ.", en: "The year is not valid." },
  },
  "target form: a percent over 100": {
    as: REVIEWER,
    path: "/targets/plans",
    fill: async (page) => {
      // The first plan of the list, then its target form (the new page needs the same switch-off).
      await openFirstOfTable(page, /\/targets\/plans\/[0-9a-f-]{36}/);
      await page.getByLabel(/^(Chỉ tiêu \(%\)|Target \(%\))$/).fill("120");
    },
    submit: { vi: "Lưu chỉ tiêu", en: "Save target" },
    field: { vi: /^Chỉ tiêu \(%\)$/, en: /^Target \(%\)$/ },
    message: { vi: "Chỉ tiêu phải từ 1 đến 100 (%).", en: "The target must be from 1 to 100 (%)." },
  },
  "snapshot form: a date that is not a date": {
    as: REVIEWER,
    path: "/targets/snapshots",
    fill: async (page) => {
      await page.getByLabel(/^(Kỳ báo cáo|Reporting period)$/).selectOption("CUSTOM");
      await page.getByLabel(/^(Ngày|Date) \(dd\/mm\/yyyy\)$/).fill("hôm qua");
    },
    submit: { vi: "Chốt số liệu", en: "Take snapshot" },
    field: { vi: /^Ngày \(dd\/mm\/yyyy\)$/, en: /^Date \(dd\/mm\/yyyy\)$/ },
    message: { vi: "Nhập ngày theo dạng dd/mm/yyyy", en: "Type the date as dd/mm/yyyy" },
  },
};

for (const [name, c] of Object.entries(cases))
  for (const locale of ["vi", "en"] as const)
    test(`${name} (${locale})`, async ({ browser, baseURL, fixtures }) => {
      await expectServerFieldError(browser, baseURL!, fixtures, c, locale);
    });
