// The one-button form (app/components/intent-form.tsx) and the GET filter forms go through conform too
// (issue 12). A refused intent comes back as an error next to its button, named by the button's
// aria-describedby, in both locales with JavaScript off (the page the server answers) and with it on (the
// action's reply, fetched: no schema in the browser, decision 009); a filter form still makes the same URL
// and works without JavaScript.
import type { Browser, Page } from "@playwright/test";
import type { FormLocale } from "../support/form-errors";
import { type E2EAccount, expect, test } from "../support/fixtures";

const TOGGLE = /^(Ngừng áp dụng|Áp dụng lại|Deactivate|Reactivate)$/;
const INVALID: Record<FormLocale, string> = { vi: "Giá trị không hợp lệ.", en: "The value is not valid." };

async function openAs(browser: Browser, baseURL: string, a: E2EAccount, locale: FormLocale, js: boolean) {
  const context = await browser.newContext({
    javaScriptEnabled: js,
    baseURL,
    locale: locale === "en" ? "en-GB" : "vi-VN",
  });
  await context.addCookies([
    { ...a.cookie!, url: baseURL },
    { name: "hoc_lang", value: locale, url: baseURL },
  ]);
  return { context, page: await context.newPage() };
}

/** The error a button names with aria-describedby (once the action's reply has come back). */
async function describedError(page: Page, button: ReturnType<Page["getByRole"]>) {
  await expect(button, "the button names its error").toHaveAttribute("aria-describedby", /.+/);
  const id = await button.getAttribute("aria-describedby");
  expect(id, "the button names its error").toBeTruthy();
  return page.locator(`[id="${id}"]`);
}

for (const locale of ["vi", "en"] as const)
  for (const js of [false, true])
    test(`one-button form: a refused intent shows next to its button (${locale}, JS ${js ? "on" : "off"})`, async ({
      browser,
      baseURL,
      fixtures,
    }) => {
      // An admin manages every plan: the seeded plan's first target has a stop/resume button.
      const admin = await fixtures.account({ role: "ADMIN", locale, session: true });
      const { context, page } = await openAs(browser, baseURL!, admin, locale, js);
      try {
        await page.goto("/targets/plans");
        await page.locator('table a[href^="/targets/plans/"]').first().click();
        await expect(page).toHaveURL(/\/targets\/plans\/[0-9a-f-]{36}$/);
        const button = page.getByRole("button", { name: TOGGLE }).first();
        const before = await button.innerText();
        // A forged post: the row's `active` is not a value the intent schema takes.
        await button
          .locator("xpath=ancestor::form")
          .locator('input[name="active"]')
          .evaluate((input: HTMLInputElement) => (input.value = "maybe"));
        await button.click();
        const error = await describedError(page, button);
        await expect(error).toHaveText(INVALID[locale]);
        await expect(error).toHaveAttribute("role", "alert");
        // Only that row's form shows it, and nothing changed.
        await expect(page.getByRole("alert")).toHaveCount(1);
        await expect(button).toHaveText(before);
      } finally {
        await context.close();
      }
    });

for (const js of [false, true])
  test(`a GET filter form keeps its URL and works (JS ${js ? "on" : "off"})`, async ({
    browser,
    baseURL,
    fixtures,
  }) => {
    const coordinator = await fixtures.account({ role: "COORDINATOR", session: true });
    const tag = `${Date.now().toString(36)}${js ? "j" : "n"}`;
    const wanted = await fixtures.person({ agencyId: coordinator.agency.id, fullName: `Lọc Tìm ${tag}` });
    const other = await fixtures.person({ agencyId: coordinator.agency.id, fullName: `Người Khác ${tag}` });
    const { context, page } = await openAs(browser, baseURL!, coordinator, "vi", js);
    try {
      await page.goto("/people");
      const search = page.getByRole("search");
      await search.getByLabel("Tìm kiếm", { exact: true }).fill(`Lọc Tìm ${tag}`);
      await search.getByLabel("Trạng thái", { exact: true }).selectOption("all");
      await search.getByRole("button", { name: "Tìm kiếm" }).click();
      await expect(page).toHaveURL(
        (url) => url.searchParams.get("q") === `Lọc Tìm ${tag}` && url.searchParams.get("status") === "all",
      );
      await expect(page.getByRole("link", { name: wanted.fullName })).toBeVisible();
      await expect(page.getByRole("link", { name: other.fullName })).toHaveCount(0);
      await expect(search.getByLabel("Tìm kiếm", { exact: true })).toHaveValue(`Lọc Tìm ${tag}`);
      if (js) {
        // The loader's schema checks the box in the browser: too long a search says so next to the box.
        const box = search.getByLabel("Tìm kiếm", { exact: true });
        await box.fill("x".repeat(101));
        await search.getByRole("button", { name: "Tìm kiếm" }).click();
        await expect(box).toHaveAttribute("aria-invalid", "true");
        await expect(box).toHaveAccessibleDescription(INVALID.vi);
        await expect(page).toHaveURL((url) => url.searchParams.get("q") === `Lọc Tìm ${tag}`);
      }
    } finally {
      await context.close();
    }
  });
