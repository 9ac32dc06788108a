// Acceptance (d) of issue 11: "Quên mật khẩu" end to end in Chromium — the demo learner asks for a reset link,
// reads the email the loopback SMTP server received, sets a new password and signs in with it; the old
// password and the used link then fail. Also the sign-in link by email (magicLink.enabled on this server),
// and the same answer, byte for byte, for a known and an unknown address.
import AxeBuilder from "@axe-core/playwright";
import { type Page, expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../../prisma/demo-accounts";
import { shot, submitLogin } from "../helpers";
import { allMail, linkIn, waitForMail } from "./mail";

const learner = DEMO_ACCOUNTS.find((a) => a.role === "LEARNER")!;
const coordinator = DEMO_ACCOUNTS.find((a) => a.role === "COORDINATOR")!;
const NEW_PASSWORD = "MatKhauMoi#2026";

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The login page's link when it has one (the login-page work adds it), else the page's address. */
async function openFromLogin(page: Page, name: RegExp, path: string) {
  await page.goto("/login");
  const link = page.getByRole("link", { name });
  if (await link.count()) await link.first().click();
  else await page.goto(path);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

test("Quên mật khẩu: the emailed link sets a new password, the old one and the used link then fail", async ({
  page,
}) => {
  await openFromLogin(page, /Quên mật khẩu/, "/forgot-password");
  await expect(page.getByRole("heading", { name: "Quên mật khẩu" })).toBeVisible();
  await expectNoAxeViolations(page);
  const since = allMail().length;
  await page.getByLabel("Email công vụ").fill(learner.email);
  await page.getByRole("button", { name: "Gửi liên kết đặt lại mật khẩu" }).click();
  await expect(page.getByRole("status")).toContainText("Nếu địa chỉ này có trong hệ thống");
  await page.screenshot({ path: shot("recovery-forgot-sent"), fullPage: true });

  const mail = await waitForMail(learner.email, /Đặt lại mật khẩu/, since);
  const link = linkIn(mail, /\/reset\/[a-z2-7]{40}$/);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Đặt lại mật khẩu" })).toBeVisible();
  await expect(page.getByText(learner.email)).toBeVisible();
  // Two different passwords: a field error, nothing used up.
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill("KhacHan#2026");
  await page.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
  await expect(page.getByText("Hai mật khẩu mới không khớp.")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: shot("recovery-reset-form"), fullPage: true });
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByText("Đã đặt mật khẩu mới")).toBeVisible();

  // Signed out, the old password fails and the new one works.
  await page.context().clearCookies();
  await submitLogin(page, learner.email, learner.password);
  await expect(page.getByText("Email hoặc mật khẩu không đúng.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await submitLogin(page, learner.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/learn$/);

  // The link has been used: a clear page, and a way to ask for a new one.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Liên kết không còn dùng được" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("đã được dùng");
  await expect(page.getByRole("link", { name: "Yêu cầu liên kết đặt lại mật khẩu mới" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: shot("recovery-link-used"), fullPage: true });

  // Put the demo password back for the other sign-in tests on this server.
  await page.goto("/account/password");
  await page.getByLabel("Mật khẩu hiện tại").fill(NEW_PASSWORD);
  await page.getByLabel("Mật khẩu mới", { exact: true }).fill(learner.password);
  await page.getByLabel("Nhập lại mật khẩu mới").fill(learner.password);
  await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
  await expect(page.getByText("Đã đổi mật khẩu.")).toBeVisible();
});

test("a learner signs in with an emailed link; opening it does not use it, and a staff account gets none", async ({
  page,
}) => {
  await openFromLogin(page, /liên kết đăng nhập/i, "/login/email");
  await expect(page.getByRole("heading", { name: "Nhận liên kết đăng nhập qua email" })).toBeVisible();
  await expectNoAxeViolations(page);
  const since = allMail().length;
  await page.getByLabel("Email công vụ").fill(learner.email);
  await page.getByRole("button", { name: "Gửi liên kết đăng nhập" }).click();
  const notice = await page.getByRole("status").innerText();
  expect(notice).toContain("Nếu địa chỉ này có trong hệ thống");

  const mail = await waitForMail(learner.email, /Liên kết đăng nhập/, since);
  const link = linkIn(mail, /\/magic\/[a-z2-7]{40}$/);
  // A mail scanner's visit: the page only shows a button.
  const scanned = await page.request.get(link);
  expect(scanned.status()).toBe(200);
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Đăng nhập bằng liên kết email" })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: shot("recovery-magic-button"), fullPage: true });
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByRole("heading", { name: "Học tập của tôi" })).toBeVisible();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Liên kết không còn dùng được" })).toBeVisible();

  // A coordinator asks: the same notice, and the email carries no sign-in link.
  await page.context().clearCookies();
  const before = allMail().length;
  await page.goto("/login/email");
  await page.getByLabel("Email công vụ").fill(coordinator.email);
  await page.getByRole("button", { name: "Gửi liên kết đăng nhập" }).click();
  await expect(page.getByRole("status")).toHaveText(notice);
  const staffMail = await waitForMail(coordinator.email, /Liên kết đăng nhập/, before);
  expect(staffMail.text).not.toMatch(/\/magic\//);
  expect(staffMail.text).toContain("quyền quản lý");
});

test("the reset request answers a known and an unknown address with the same bytes", async ({
  request,
  baseURL,
}) => {
  const ask = async (email: string) => {
    const res = await request.post("/forgot-password.data", {
      form: { email },
      headers: { origin: baseURL! },
      maxRedirects: 0,
    });
    return `${res.status()} ${await res.text()}`;
  };
  const known = await ask(coordinator.email);
  const unknown = await ask("khong-co-ai-ten-nay@langson.gov.vn");
  expect(known).toBe(unknown);
  expect(known).toMatch(/^200 /);
  expect(known).toContain("sent"); // the action's answer, not a page or an error
});
