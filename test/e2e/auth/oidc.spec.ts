// Single sign-on in Chromium against the two provinces' real OpenID providers of the auth e2e server
// (scripts/e2e-auth-server.ts): each official is sent to their own province's identity service by their mail
// domain, signs in on its login page and lands on "Học tập của tôi"; logout goes through the provider's
// end-session; an identity from province A asserting a province-B address is refused with a clear page.
import AxeBuilder from "@axe-core/playwright";
import { type Page, expect, test } from "@playwright/test";
import {
  LANGSON,
  LANGSON_IMPOSTOR,
  LANGSON_PEOPLE,
  NGHEAN,
  NGHEAN_PEOPLE,
  OIDC_PASSWORD,
} from "./oidc-people";

const screen = (name: string) => `test-results/screens/oidc-${name}.png`;
const COURSE = "An toàn thông tin cơ bản cho cán bộ, công chức, viên chức";

/** Types the email on our login page; the app sends the browser to that address's identity service. */
async function startAt(page: Page, email: string, providerTitle: string) {
  await page.goto("/login");
  await page.getByLabel("Email công vụ").fill(email);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  await expect(page.getByRole("heading", { name: providerTitle })).toBeVisible();
}

async function signInAtProvider(page: Page, account: string) {
  await page.getByLabel("Account (email)").fill(account);
  await page.getByLabel("Password").fill(OIDC_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a Lạng Sơn official signs in at province A's service, sees the assigned course, and logs out there", async ({
  page,
}) => {
  const official = LANGSON_PEOPLE[0];
  await startAt(page, official.email, LANGSON.title);
  await page.screenshot({ path: screen("provider-a-login"), fullPage: true });
  await signInAtProvider(page, official.email);

  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByRole("heading", { name: "Học tập của tôi" })).toBeVisible();
  await expect(page.getByText(COURSE).first()).toBeVisible();
  await page.screenshot({ path: screen("landing-learn"), fullPage: true });

  // Logout: our session ends, then the provider's end-session page, then back to our login page.
  await page.locator("summary", { hasText: official.fullName }).click();
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/session\/end/);
  await page.screenshot({ path: screen("provider-a-logout"), fullPage: true });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/learn");
  await expect(page).toHaveURL(/\/login\?/);
  // The provider's own session is over too: signing in again asks for the password.
  await startAt(page, official.email, LANGSON.title);
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("an identity from province A asserting a Nghệ An official's address is refused with a clear page", async ({
  page,
}) => {
  // Typed on our page: a Lạng Sơn address, so the browser goes to Lạng Sơn's service…
  await startAt(page, LANGSON_PEOPLE[1].email, LANGSON.title);
  // …where an account asserts the email of a Nghệ An official (outside Lạng Sơn's agency subtree).
  await signInAtProvider(page, LANGSON_IMPOSTOR.email);
  await expect(page.getByRole("heading", { name: "Đăng nhập một lần không thành công" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(
    "Tài khoản chưa có trong danh sách cán bộ của tỉnh; liên hệ cán bộ phụ trách đào tạo.",
  );
  await page.screenshot({ path: screen("refused-cross-province"), fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.getByRole("link", { name: "Quay lại trang đăng nhập" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("a Nghệ An official is sent to province B's service and signs in", async ({ page }) => {
  // The same person whose address the impostor used: their own province's service lets them in.
  const official = NGHEAN_PEOPLE[1];
  await startAt(page, official.email, NGHEAN.title);
  await page.screenshot({ path: screen("provider-b-login"), fullPage: true });
  await signInAtProvider(page, official.email);
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByRole("heading", { name: "Học tập của tôi" })).toBeVisible();
  await expect(page.locator("summary", { hasText: official.fullName })).toBeVisible();
});

test("a stale or forged callback shows the failure page, not an error", async ({ page }) => {
  const response = await page.goto(`/auth/oidc/${LANGSON.id}/callback?code=forged&state=forged`);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("heading", { name: "Đăng nhập một lần không thành công" })).toBeVisible();
  await page.screenshot({ path: screen("failed"), fullPage: true });
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  expect((await page.goto("/auth/oidc/khong-co/start"))?.status()).toBe(404);
});
