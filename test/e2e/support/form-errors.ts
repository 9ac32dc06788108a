// The check every form gets (issue 12): invalid input posted to the server comes back as an error next to
// the field, found by the field's label, in Vietnamese and in English. JavaScript is off, so what shows is
// the server's conform reply (the browser's own checks are skipped too), not the client-side validation.
import { type Browser, expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../../prisma/demo-accounts";

export type FormLocale = "vi" | "en";

export type FormErrorCase = {
  /** A demo account email or role; omit for pages that need no sign-in. */
  as?: (typeof DEMO_ACCOUNTS)[number]["role"] | `${string}@${string}`;
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

async function signIn(page: Page, who: NonNullable<FormErrorCase["as"]>) {
  const a = who.includes("@")
    ? DEMO_ACCOUNTS.find((x) => x.email === who)!
    : DEMO_ACCOUNTS.find((x) => x.role === who)!;
  await page.goto("/login");
  await page.getByLabel(/Email công vụ|Work email/).fill(a.email);
  await page.getByLabel(/Mật khẩu|Password/).fill(a.password);
  await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Runs the case in one locale with JavaScript off and checks the field's error by its label. */
export async function expectServerFieldError(
  browser: Browser,
  baseURL: string,
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
    const page = await context.newPage();
    if (c.as) await signIn(page, c.as);
    await page.goto(c.path);
    // The browser's own required/pattern checks would stop the post: turn them off for every form.
    await page.$$eval("form", (forms) => forms.forEach((f) => f.setAttribute("novalidate", "")));
    await c.fill?.(page, locale);
    await page.getByRole("button", { name: c.submit[locale] }).first().click();
    const field = page.getByLabel(c.field[locale]).first();
    await expect(field).toHaveAttribute("aria-invalid", "true");
    const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
    const ids = describedBy.split(/\s+/).filter(Boolean);
    expect(ids.length, "the field names its error with aria-describedby").toBeGreaterThan(0);
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
    expect(texts.join("\n")).toMatch(
      c.message[locale] instanceof RegExp
        ? c.message[locale]
        : new RegExp(escape(c.message[locale] as string)),
    );
  } finally {
    await context.close();
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
