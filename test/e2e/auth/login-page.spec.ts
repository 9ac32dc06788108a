// The login page on the sign-in server (every method switched on): the province's name; as the email is typed,
// the hint says where it signs in and the password goes away for single sign-on; the same form without
// JavaScript; failures that never tell whether an account exists; the recovery links; notices; axe and 390 px.
// Which provider binds which mail domain is read from the configuration the harness wrote
// (test-results/e2e-auth/auth.yaml; common mail domains: sso.langson.gov.vn → OIDC provider A,
// mail.langson.gov.vn → the LDAP directory, langson.gov.vn → local passwords).
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import YAML from "yaml";
import { DEMO_ACCOUNTS } from "../../../prisma/demo-accounts";
import { shot } from "../helpers";

type Bound = { id: string; name: string; emailDomains: string[] };
type Harness = { provinceName: string; oidc?: Bound[]; ldap?: Bound[] };
// Read when a test runs: the file is written by the server Playwright starts after collecting the tests.
const harness = () =>
  YAML.parse(readFileSync(path.resolve("test-results/e2e-auth/auth.yaml"), "utf8")) as Harness;
const boundTo = (list: Bound[] | undefined, domain: string) =>
  list?.find((p) => p.emailDomains.includes(domain));
const learner = DEMO_ACCOUNTS.find((a) => a.role === "LEARNER")!;

const email = (page: Page) => page.getByLabel("Email công vụ");
const password = (page: Page) => page.getByLabel("Mật khẩu", { exact: true });
const submit = (page: Page) => page.getByRole("button", { name: "Đăng nhập", exact: true });

async function axe(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the province's name is on the login page, with the recovery links", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByText(harness().provinceName, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Quên mật khẩu?" })).toHaveAttribute(
    "href",
    "/forgot-password",
  );
  // The harness switches the magic link on.
  await expect(page.getByRole("link", { name: "Nhận liên kết đăng nhập qua email" })).toHaveAttribute(
    "href",
    "/login/email",
  );
  await axe(page);
});

test("a @langson.gov.vn email (local password) keeps the password field and shows no hint", async ({
  page,
}) => {
  await page.goto("/login");
  await email(page).pressSequentially("hocvien@langson.gov.vn");
  await expect(password(page)).toBeVisible();
  // The field's hint (its accessible description) says nothing.
  await expect(email(page)).toHaveAccessibleDescription("");
});

test("an @sso.langson.gov.vn email shows where it goes and needs no password", async ({ page }) => {
  const providerA = boundTo(harness().oidc, "sso.langson.gov.vn");
  test.skip(!providerA, "OIDC provider A (sso.langson.gov.vn) is not in the harness configuration yet");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/login");
  await expect(password(page)).toBeVisible();
  await email(page).pressSequentially("can.bo@sso.langson.gov.vn");
  // The hint is the field's accessible description (tied to it by aria-describedby).
  await expect(email(page)).toHaveAccessibleDescription(`Bạn sẽ được chuyển tới ${providerA!.name}.`);
  await expect(password(page)).toHaveCount(0);
  await expect(page.getByRole("link", { name: `Đăng nhập bằng ${providerA!.name}` })).toHaveAttribute(
    "href",
    `/auth/oidc/${providerA!.id}/start`,
  );
  await page.screenshot({ path: shot("login-page-sso-390"), fullPage: true });
  await axe(page);
  // Back to a password domain: the field comes back.
  await email(page).fill("hocvien@langson.gov.vn");
  await expect(password(page)).toBeVisible();
});

test("an @mail.langson.gov.vn email is told to use the official mail password", async ({ page }) => {
  const directory = boundTo(harness().ldap, "mail.langson.gov.vn");
  test.skip(!directory, "the LDAP directory (mail.langson.gov.vn) is not in the harness configuration yet");
  await page.goto("/login");
  await email(page).pressSequentially("can.bo@mail.langson.gov.vn");
  await expect(email(page)).toHaveAccessibleDescription(`Dùng mật khẩu thư công vụ (${directory!.name}).`);
  await expect(password(page)).toBeVisible();
});

test("at 390 px the form fits the screen; a wrong password and an unknown email read the same", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/login?redirectTo=/courses");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "no sideways scrolling").toBeLessThanOrEqual(390);
  await email(page).fill(learner.email);
  await password(page).fill("sai-mat-khau-1");
  await page.screenshot({ path: shot("login-page-390"), fullPage: true });
  await submit(page).click();
  const alert = page.getByRole("alert");
  await expect(alert).toHaveText("Email hoặc mật khẩu không đúng.");
  await expect(password(page), "the typed password is cleared").toHaveValue("");
  await expect(email(page)).toHaveValue(learner.email);
  await email(page).fill("khong.co.ai@langson.gov.vn");
  await password(page).fill("sai-mat-khau-1");
  await submit(page).click();
  await expect(email(page)).toHaveValue("khong.co.ai@langson.gov.vn");
  await expect(alert).toHaveText("Email hoặc mật khẩu không đúng.");
  await page.screenshot({ path: shot("login-page-failed-390"), fullPage: true });
  // Then the right password, and the page asked for comes next.
  await email(page).fill(learner.email);
  await password(page).fill(learner.password);
  await submit(page).click();
  await expect(page).toHaveURL(/\/courses$/);
});

test("an empty email is refused next to the field, before anything is sent", async ({ page }) => {
  await page.goto("/login");
  await submit(page).click();
  await expect(page.getByText("Vui lòng nhập email.")).toBeVisible();
  await expect(email(page)).toHaveAttribute("aria-invalid", "true");
});

test("notices from other pages: reset, invited, logged out, used link; unknown ones show nothing", async ({
  page,
}) => {
  const notices: [string, string][] = [
    ["reset", "Đã đặt lại mật khẩu."],
    ["invited", "Tài khoản của bạn đã sẵn sàng."],
    ["logged-out", "Bạn đã đăng xuất."],
    ["link-used", "Liên kết này đã được dùng hoặc đã hết hạn."],
  ];
  for (const [notice, text] of notices) {
    await page.goto(`/login?notice=${notice}`);
    await expect(page.getByRole("main").getByRole("status")).toContainText(text);
  }
  const res = await page.goto("/login?notice=%3Cscript%3E");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("main").getByRole("status")).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same form signs a password account in", async ({ page }) => {
    await page.goto("/login?redirectTo=/courses");
    await email(page).fill(learner.email);
    await password(page).fill(learner.password);
    await submit(page).click();
    await expect(page).toHaveURL(/\/courses$/);
  });

  test("an SSO email with the password field left empty goes to its provider", async ({ page }) => {
    const providerA = boundTo(harness().oidc, "sso.langson.gov.vn");
    test.skip(!providerA, "OIDC provider A (sso.langson.gov.vn) is not in the harness configuration yet");
    await page.goto("/login");
    await email(page).fill("can.bo@sso.langson.gov.vn");
    const start = page.waitForRequest((r) => r.url().includes(`/auth/oidc/${providerA!.id}/start`));
    await submit(page).click();
    await start;
  });
});
