import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";

// A fresh account of each role (fixtures) must land on its home page. The demo logins printed by npm start
// sign in through the login form, which has its own tests (test/e2e/auth).

test.describe("each role lands on its own home page", () => {
  test("learner sees Học tập của tôi", async ({ page, signIn }) => {
    const learner = await signIn({ role: "LEARNER" });
    await page.goto("/");
    await expect(page).toHaveURL(/\/learn$/);
    await expect(page.getByRole("heading", { name: "Học tập của tôi" })).toBeVisible();
    await expect(page.getByText(learner.agency.name)).toBeVisible();
    // A learner sees no coordinator or admin navigation, and is refused those pages.
    await expect(page.getByRole("link", { name: "Cán bộ", exact: true })).toHaveCount(0);
    await page.screenshot({ path: shot("learner-home"), fullPage: true });
    const res = await page.goto("/people");
    expect(res?.status()).toBe(403);
    await expect(page.getByText("Bạn không có quyền truy cập trang này.")).toBeVisible();
  });

  test("coordinator sees the staff of their department", async ({ page, signIn }) => {
    await signIn({ role: "COORDINATOR" });
    await page.goto("/");
    await expect(page).toHaveURL(/\/people$/);
    await expect(page.getByRole("heading", { name: "Cán bộ, công chức, viên chức" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nhập danh sách" })).toBeVisible();
    // No admin navigation (the list itself may link a person's "Tài khoản": the coordinator's own row).
    await expect(page.getByRole("banner").getByRole("link", { name: "Tài khoản" })).toHaveCount(0);
    await page.screenshot({ path: shot("coordinator-home"), fullPage: true });
  });

  test("reviewer sees reports for the province and cannot change people", async ({ page, signIn }) => {
    await signIn({ role: "REVIEWER", agencyCode: "20" });
    await page.goto("/");
    await expect(page).toHaveURL(/\/reports$/);
    await expect(page.getByRole("heading", { name: "Báo cáo" })).toBeVisible();
    await expect(page.getByText("UBND tỉnh Lạng Sơn")).toBeVisible();
    await page.screenshot({ path: shot("reviewer-home"), fullPage: true });
    await page.goto("/people");
    await expect(page.getByRole("link", { name: "Thêm cán bộ" })).toHaveCount(0);
    const res = await page.goto("/people/import");
    expect(res?.status()).toBe(403);
  });

  test("drill manager sees the drills of their department and cannot change people", async ({
    page,
    signIn,
  }) => {
    await signIn({ role: "PHISHING_MANAGER", agencyCode: "20.SKHCN" });
    await page.goto("/");
    await expect(page).toHaveURL(/\/phishing$/);
    await expect(page.getByRole("heading", { name: "Diễn tập thư giả mạo" })).toBeVisible();
    await expect(
      page.getByRole("banner").getByRole("link", { name: "Thư giả lập", exact: true }),
    ).toBeVisible();
    await page.getByRole("link", { name: "Tạo đợt diễn tập" }).click();
    await expect(page.getByRole("heading", { name: "Tạo đợt diễn tập" })).toBeVisible();
    await expect(page.getByLabel("Đơn vị", { exact: true })).toContainText("Sở Khoa học và Công nghệ");
    await page.screenshot({ path: shot("drill-manager-new-campaign"), fullPage: true });
    const res = await page.goto("/people/import");
    expect(res?.status()).toBe(403);
  });

  test("admin sees the administration page", async ({ page, signIn }) => {
    await signIn({ role: "ADMIN" });
    await page.goto("/");
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { name: "Quản trị hệ thống" })).toBeVisible();
    await page.screenshot({ path: shot("admin-home"), fullPage: true });
    await page.getByRole("link", { name: "Cơ quan, đơn vị" }).first().click();
    await expect(page.getByRole("heading", { name: "Cơ quan, đơn vị" })).toBeVisible();
    await page.screenshot({ path: shot("admin-agencies"), fullPage: true });
  });

  test("works on a phone-sized screen", async ({ page, signIn }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn({ role: "COORDINATOR" });
    await page.goto("/");
    await page.getByText("Menu").click();
    await expect(page.getByRole("link", { name: "Nhập danh sách" }).last()).toBeVisible();
    await page.screenshot({ path: shot("coordinator-phone"), fullPage: true });
  });

  test("switches to English and back", async ({ page, signIn }) => {
    await signIn({ role: "LEARNER" });
    await page.goto("/");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "My learning" })).toBeVisible();
    await page.getByRole("button", { name: "Tiếng Việt" }).click();
    await expect(page.getByRole("heading", { name: "Học tập của tôi" })).toBeVisible();
  });

  test("an unknown page shows the friendly 404", async ({ page }) => {
    const res = await page.goto("/khong-co-trang-nay");
    expect(res?.status()).toBe(404);
    await expect(page.getByText("Không tìm thấy trang bạn yêu cầu.")).toBeVisible();
  });
});
