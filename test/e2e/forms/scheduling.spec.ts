// Field errors from the server next to their field, by label, in both locales (issue 12): the class and
// drill forms. Forms without a typed field (register, nominate, approve/reject/cancel, attendance ticks,
// open/close/cancel the offering, the calendar link) need no case.
import type { Page } from "@playwright/test";
import { test } from "../support/fixtures";
import {
  expectServerFieldError,
  type FormErrorCase,
  type FormLocale,
  noBrowserChecks,
} from "../support/form-errors";

// The drill of the coordinator's world (test/fixtures/e2e-fixtures-world.ts), with two people confirmed.
const WORLD_DRILL = /^Diễn tập kiểm thử /;

/** The new-offering form with one session filled in; `ends` and `instructors` are what the case varies. */
async function fillOffering(page: Page, locale: FormLocale, ends: string, instructors = "") {
  const en = locale === "en";
  await page
    .getByLabel(en ? "Title" : "Tên lớp / diễn tập", { exact: true })
    .fill("Diễn tập kiểm thử biểu mẫu");
  const s1 = page.getByRole("group", { name: en ? "Session 1" : "Buổi 1" });
  await s1.getByLabel(en ? "Starts (Vietnam time)" : "Bắt đầu (giờ Việt Nam)").fill("12/03/2027 08:00");
  await s1.getByLabel(en ? "Ends (Vietnam time)" : "Kết thúc (giờ Việt Nam)").fill(ends);
  await s1.getByLabel(en ? "Venue" : "Địa điểm").fill("Hội trường");
  await page.getByLabel(en ? "Instructor emails" : "Email giảng viên").fill(instructors);
}

const cases: Record<string, FormErrorCase> = {
  "offering form: a session ending before it starts": {
    as: "COORDINATOR",
    path: "/offerings/new",
    fill: (page, locale) => fillOffering(page, locale, "12/03/2027 07:00"),
    submit: { vi: /^Tạo$/, en: /^Create$/ },
    field: { vi: "Kết thúc (giờ Việt Nam)", en: "Ends (Vietnam time)" },
    message: {
      vi: "Thời gian kết thúc phải sau thời gian bắt đầu.",
      en: "The end time must be after the start time.",
    },
  },
  "offering form: an instructor email nobody has": {
    as: "COORDINATOR",
    path: "/offerings/new",
    fill: (page, locale) => fillOffering(page, locale, "12/03/2027 11:00", "khong-co-ai@langson.gov.vn"),
    submit: { vi: /^Tạo$/, en: /^Create$/ },
    field: { vi: "Email giảng viên", en: "Instructor emails" },
    message: { vi: "khong-co-ai@langson.gov.vn", en: "khong-co-ai@langson.gov.vn" },
  },
  "drill result: a score over 1000": {
    as: { role: "COORDINATOR", world: true },
    path: "/offerings",
    fill: async (page) => {
      await page.getByRole("link", { name: WORLD_DRILL }).first().click();
      await noBrowserChecks(page);
      await page
        .getByLabel(/^(Điểm|Score) (?!danh)/)
        .first()
        .fill("5000");
    },
    submit: { vi: "Lưu kết quả", en: "Save result" },
    field: { vi: /^Điểm (?!danh)/, en: /^Score / },
    message: {
      vi: "Điểm phải là số nguyên từ 0 đến 1000.",
      en: "The score must be a whole number from 0 to 1000.",
    },
  },
};

for (const [name, c] of Object.entries(cases))
  for (const locale of ["vi", "en"] as const)
    test(`${name} (${locale})`, async ({ browser, baseURL, fixtures }) => {
      await expectServerFieldError(browser, baseURL!, fixtures, c, locale);
    });
