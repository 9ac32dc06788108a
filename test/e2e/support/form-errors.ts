// The check every form gets (issue 12): invalid input posted to the server comes back as an error next to
// the field, found by the field's label, in Vietnamese and in English. JavaScript is off, so what shows is
// the server's conform reply (the browser's own checks are skipped too), not the client-side validation.
import { type Browser, expect, type Page } from "@playwright/test";
import type { FixtureClient } from "./fixtures";

export type FormLocale = "vi" | "en";
type Role = "ADMIN" | "COORDINATOR" | "REVIEWER" | "LEARNER";

export type FormErrorCase = {
  /** Who fills the form: a fresh account of this role (made by the fixtures, in a new agency unless
   * `agencyCode` names a seeded one); `world` adds the data its pages need (an overdue assignment, a drill
   * with a roster: test/fixtures/e2e-fixtures-world.ts). Omit for pages that need no sign-in. */
  as?: Role | { role: Role; agencyCode?: string; world?: boolean };
  path: string;
  /** Fills the form with something the server must refuse. */
  fill?: (page: Page, locale: FormLocale) => Promise<void>;
  /** The submit button's name in each locale. */
  submit: Record<FormLocale, string | RegExp>;
  /** The label of the field whose error is expected, in each locale. */
  field: Record<FormLocale, string | RegExp>;
  /** The error message (or a part of it) in each locale. */
  message: Record<FormLocale, string | RegExp>;
};

/** Turns the browser's own required/pattern checks off on every form of the page, so the post is sent. */
export const noBrowserChecks = (page: Page) =>
  page.evaluate(() => document.querySelectorAll("form").forEach((f) => (f.noValidate = true)));

/** Opens the first item linked from the page's table (an agency, a plan) and turns the checks off there. */
export async function openFirstOfTable(page: Page, url: RegExp) {
  await page.getByRole("table").getByRole("link").first().click();
  await page.waitForURL(url);
  await noBrowserChecks(page);
}

/** The labels of the email fields, by the words each form uses. */
export const EMAIL_LABEL = {
  work: { vi: /^Email công vụ$/, en: /^Work email$/ },
  official: { vi: /^Email công vụ$/, en: /^Official email$/ },
  plain: { vi: /^Email$/, en: /^Email$/ },
};

/** An email field given "khong-phai-email" (the sign-in, reset and sign-in-link forms, the new account). */
export const notAnEmail = (
  path: string,
  label: Record<FormLocale, RegExp>,
  submit: FormErrorCase["submit"],
  as?: FormErrorCase["as"],
): FormErrorCase => ({
  as,
  path,
  fill: (page, locale) => page.getByLabel(label[locale]).fill("khong-phai-email"),
  submit,
  field: label,
  message: { vi: "Email không hợp lệ.", en: "The email address is not valid." },
});

/** An upload form posted without a file (the staff and the completions imports share the message). */
export const withoutFile = (c: Omit<FormErrorCase, "message" | "fill">): FormErrorCase => ({
  ...c,
  message: {
    vi: "Vui lòng chọn tệp .xlsx hoặc .csv có dữ liệu.",
    en: "Please choose an .xlsx or .csv file with data.",
  },
});

async function signIn(fixtures: FixtureClient, who: NonNullable<FormErrorCase["as"]>, locale: FormLocale) {
  const { world, ...request } = typeof who === "string" ? { role: who } : who;
  const account = await fixtures.account({ ...request, locale, session: true });
  if (world) await fixtures.world(account);
  return account.cookie!;
}

/** Runs the case in one locale with JavaScript off and checks the field's error by its label. */
export async function expectServerFieldError(
  browser: Browser,
  baseURL: string,
  fixtures: FixtureClient,
  c: FormErrorCase,
  locale: FormLocale,
) {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    baseURL,
    locale: locale === "en" ? "en-GB" : "vi-VN",
  });
  try {
    await context.addCookies([{ name: "hoc_lang", value: locale, url: baseURL }]);
    if (c.as) await context.addCookies([{ ...(await signIn(fixtures, c.as, locale)), url: baseURL }]);
    const page = await context.newPage();
    await page.goto(c.path);
    await noBrowserChecks(page);
    await c.fill?.(page, locale);
    await page.getByRole("button", { name: c.submit[locale] }).first().click();
    const field = page.getByLabel(c.field[locale]).first();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    // The accessible description is the text of what aria-describedby names: the error must be in it.
    await expect(field, "the field names its error with aria-describedby").toHaveAccessibleDescription(
      c.message[locale] instanceof RegExp
        ? c.message[locale]
        : new RegExp(escape(c.message[locale] as string)),
    );
  } finally {
    await context.close();
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
