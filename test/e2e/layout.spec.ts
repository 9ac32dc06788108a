// Defect 8 of issue 10, on a phone (390 px): the menu closes on navigation, outside taps and Escape; error
// pages keep the navigation; a session that expires under a form explains itself and comes back to the form.
import type { Page } from "@playwright/test";
import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";

test.use({ viewport: { width: 390, height: 844 } });

const menu = (page: Page) => page.locator("header details");

test("the phone menu closes after navigating, on an outside tap and on Escape", async ({ page, signIn }) => {
  await signIn({ role: "COORDINATOR" });
  await page.goto("/");
  await page.getByText("Menu", { exact: true }).click();
  await expect(menu(page)).toHaveAttribute("open", "");
  await page.screenshot({ path: shot("layout-390-menu-open") });
  await menu(page).getByRole("link", { name: "Giao khóa học" }).click();
  await expect(page).toHaveURL(/\/assignments$/);
  await expect(menu(page)).not.toHaveAttribute("open");
  await page.screenshot({ path: shot("layout-390-after-navigation") });

  await page.getByText("Menu", { exact: true }).click();
  await expect(menu(page)).toHaveAttribute("open", "");
  await page.mouse.click(20, 700); // the page below the header, outside the menu
  await expect(menu(page)).not.toHaveAttribute("open");

  await page.getByText("Menu", { exact: true }).click();
  await expect(menu(page)).toHaveAttribute("open", "");
  await page.keyboard.press("Escape");
  await expect(menu(page)).not.toHaveAttribute("open");
});

test("a 404 page keeps the header and its navigation", async ({ page, signIn }) => {
  await signIn({ role: "COORDINATOR" });
  const res = await page.goto("/khong-co-trang-nay");
  expect(res?.status()).toBe(404);
  await expect(page.getByText("404")).toBeVisible();
  await expect(page.getByRole("link", { name: "Học ATTT" })).toBeVisible();
  await page.getByText("Menu", { exact: true }).click();
  await menu(page).getByRole("link", { name: "Cán bộ", exact: true }).click();
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole("heading", { name: "Cán bộ, công chức, viên chức" })).toBeVisible();
});

test("a 403 page keeps the navigation too", async ({ page, signIn }) => {
  await signIn({ role: "LEARNER" });
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(403);
  await page.getByText("Menu", { exact: true }).click();
  await expect(menu(page).getByRole("link", { name: "Học tập của tôi" })).toBeVisible();
  await page.screenshot({ path: shot("layout-390-403-with-menu") });
});

test("an expired session under a form explains itself and returns to the form after signing in", async ({
  page,
  context,
  signIn,
}) => {
  const a = await signIn({ role: "COORDINATOR" });
  await page.goto("/people/new");
  await page.getByLabel("Họ và tên").fill("Nguyễn Thị Hết Hạn");
  await page.getByLabel("Chức vụ").fill("Chuyên viên phòng Tổ chức");
  // The form checks itself in the browser (conform) before sending, so it must be complete to be sent.
  await page.getByLabel("Email", { exact: true }).fill("het.han@langson.gov.vn");
  await context.clearCookies({ name: "hoc_session" });
  await page.getByRole("button", { name: "Lưu" }).click();

  await expect(page).toHaveURL(/\/login\?.*reason=expired/);
  await expect(page.getByText("Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.")).toBeVisible();
  await page.screenshot({ path: shot("layout-390-session-expired") });
  await page.getByLabel("Email công vụ").fill(a.email);
  await page.getByLabel("Mật khẩu").fill(a.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();

  await expect(page).toHaveURL(/\/people\/new$/);
  // What was typed is put back (sessionStorage), so the coordinator only presses Lưu again.
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Thị Hết Hạn");
  await expect(page.getByLabel("Chức vụ")).toHaveValue("Chuyên viên phòng Tổ chức");
});
