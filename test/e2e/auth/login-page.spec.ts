import { expect, test } from "@playwright/test";

test("the sign-in server shows the province's login page", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
});
