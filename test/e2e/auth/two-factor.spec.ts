// Acceptance (e) of issue 11: staff sign in with a second factor; a coordinator without one enrols first.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { type Page, expect, test } from "@playwright/test";
import { totpCodeAt, totpStep } from "../../../app/modules/auth/two-factor";
import { shot, submitLogin } from "../helpers";
import { enterTotpCode, signInStaff } from "./staff";
import { UNENROLLED_COORDINATOR } from "./totp-keys";

test("signInStaff passes the second step for each demo staff role, twice in a row", async ({ page }) => {
  for (const [role, home] of [
    ["ADMIN", /\/admin/],
    ["COORDINATOR", /\/people/],
    ["REVIEWER", /\/reports/],
  ] as const) {
    await signInStaff(page, role);
    await expect(page).toHaveURL(home);
    await page.context().clearCookies();
  }
  // The same account again within the same 30-s step: signInStaff waits for a fresh code.
  await signInStaff(page, "ADMIN");
  await expect(page).toHaveURL(/\/admin/);
});

test("a coordinator without a second factor enrols at first sign-in, then must enter a code", async ({
  page,
}) => {
  const c = UNENROLLED_COORDINATOR;
  const signIn = () => submitLogin(page, c.email, c.password);
  await signIn();
  await expect(page).toHaveURL(/\/account\/two-factor\/setup/);
  await expect(page.getByRole("heading", { name: "Bật xác thực hai bước" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Mã QR để thêm tài khoản/ })).toBeVisible();
  // The pending sign-in cannot open a page of the app yet.
  await page.goto("/people");
  await expect(page).toHaveURL(/\/account\/two-factor\/setup\?redirectTo=%2Fpeople/);
  for (const [name, width, height] of [
    ["twofactor-setup-1280", 1280, 900],
    ["twofactor-setup-390", 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: shot(name), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAxeClean(page);
  // The test is the authenticator app: it reads the secret shown for manual entry.
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  const key = decodeBase32IgnorePadding(secret);
  await page.getByLabel("Mã 6 chữ số từ ứng dụng").fill(totpCodeAt(key, totpStep()));
  await page.getByRole("button", { name: "Xác nhận và bật" }).click();
  await expect(page).toHaveURL(/\/account\/two-factor\/recovery-codes/);
  const codes = page.getByRole("list", { name: "Mã khôi phục" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveText(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await page.screenshot({ path: shot("twofactor-recovery-codes"), fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải mã khôi phục (.txt)" }).click(),
  ]);
  const file = await download.path();
  expect(readFileSync(file, "utf8")).toContain((await codes.first().textContent())!);
  await expectAxeClean(page);
  await page.getByRole("button", { name: "Tôi đã lưu các mã, tiếp tục" }).click();
  await expect(page).toHaveURL(/\/people/);
  await expect(page.getByText("Đã bật xác thực hai bước.")).toBeVisible();

  // Signs out; the next sign-in asks for a code (computed here) before anything else.
  // The account menu opens from the person's name in the banner.
  await page.getByRole("banner").getByText(c.fullName, { exact: true }).first().click();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn();
  await expect(page).toHaveURL(/\/account\/two-factor\/verify/);
  await page.screenshot({ path: shot("twofactor-verify") });
  await expectAxeClean(page);
  await enterTotpCode(page, key, c.email);
  await expect(page).toHaveURL(/\/people/);
});

async function expectAxeClean(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}
