// "Phiên đăng nhập" (issue 11 §5) in Chromium: a learner signed in on two devices sees both sessions, signs the
// other one out, and that device is signed out at its next page; an admin then ends every session of the
// account from the accounts page. Screenshots at 1280 px and 390 px.
import type { Browser, BrowserContext } from "@playwright/test";
import { loginWith, shot } from "./helpers";
import { type E2EAccount, expect, test } from "./support/fixtures";

// The second device: a phone with another browser, so its row is told apart from this desktop's.
const PHONE_UA = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";
const PHONE_LABEL = "Firefox trên Android";

/** A device signed in through the login form, so its session row names its browser and the method. */
async function signedIn(
  browser: Browser,
  who: E2EAccount,
  options: Parameters<Browser["newContext"]>[0] = {},
) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await loginWith(page, who);
  return { context, page };
}

test.describe("sessions page", () => {
  let contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    for (const c of contexts) await c.close();
    contexts = [];
  });

  test("a learner ends the session of another device, which is signed out on its next page", async ({
    browser,
    fixtures,
  }) => {
    const learner = await fixtures.account({ role: "LEARNER", session: false });
    const desktop = await signedIn(browser, learner, { viewport: { width: 1280, height: 900 } });
    const phone = await signedIn(browser, learner, {
      viewport: { width: 390, height: 844 },
      userAgent: PHONE_UA,
    });
    contexts = [desktop.context, phone.context];

    // Reached from the user menu, next to "Đổi mật khẩu".
    const page = desktop.page;
    await page.getByRole("banner").getByText(learner.fullName, { exact: true }).first().click();
    await page.getByRole("link", { name: "Phiên đăng nhập" }).click();
    await expect(page).toHaveURL(/\/account\/sessions$/);
    await expect(page.getByRole("heading", { name: "Phiên đăng nhập" })).toBeVisible();
    const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    // The badge, not the buttons' "Đăng xuất phiên này" (hasText ignores case).
    const current = rows.filter({ has: page.getByText("Phiên này", { exact: true }) });
    await expect(current).toHaveCount(1);
    await expect(current).toContainText("Chrome trên Windows");
    const phoneRow = rows.filter({ hasText: PHONE_LABEL }).first();
    await expect(phoneRow).toContainText("Điện thoại");
    await expect(phoneRow).toContainText("mật khẩu");
    await page.screenshot({ path: shot("sessions-1280"), fullPage: true });

    // At phone width the device and the last activity stay visible; the IP column folds under the device.
    const small = phone.page;
    await small.goto("/account/sessions");
    await expect(small.getByRole("columnheader", { name: "Thiết bị" })).toBeVisible();
    await expect(small.getByRole("columnheader", { name: "Hoạt động gần nhất" })).toBeVisible();
    await expect(small.getByRole("columnheader", { name: "Địa chỉ IP" })).toBeHidden();
    await expect(
      small.getByRole("row").filter({ has: small.getByText("Phiên này", { exact: true }) }),
    ).toContainText(PHONE_LABEL);
    await small.screenshot({ path: shot("sessions-390"), fullPage: true });

    const phoneRows = await rows.filter({ hasText: PHONE_LABEL }).count();
    await phoneRow.getByRole("button", { name: "Đăng xuất phiên này" }).click();
    await expect(page.getByRole("status")).toContainText("Đã đăng xuất phiên đó.");
    await expect(rows.filter({ hasText: PHONE_LABEL })).toHaveCount(phoneRows - 1);

    // The phone's next navigation finds its session gone.
    await small.goto("/learn");
    await expect(small).toHaveURL(/\/login\?/);
    // The desktop is still signed in.
    await page.goto("/learn");
    await expect(page).toHaveURL(/\/learn$/);
  });

  test("an admin ends every session of an account after a confirmation page", async ({
    browser,
    baseURL,
    fixtures,
  }) => {
    const who = await fixtures.account({ role: "LEARNER", session: false });
    const learner = await signedIn(browser, who);
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts = [learner.context, admin];
    const { cookie } = await fixtures.account({ role: "ADMIN" });
    await admin.addCookies([{ ...cookie!, url: baseURL! }]);
    const page = await admin.newPage();
    const email = who.email;
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await page
      .getByRole("row", { name: new RegExp(email) })
      .getByRole("link", { name: "Phiên đăng nhập" })
      .click();
    await expect(page.getByRole("heading", { name: "Phiên đăng nhập của tài khoản" })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await page.screenshot({ path: shot("sessions-admin-1280"), fullPage: true });
    await page.getByRole("button", { name: "Đăng xuất mọi phiên" }).click();
    await expect(page.getByRole("status")).toContainText(`phiên của ${email}`);

    await learner.page.goto("/learn");
    await expect(learner.page).toHaveURL(/\/login\?/);
    // The admin's own session is not one of them.
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/admin\/users$/);
  });
});
