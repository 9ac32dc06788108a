// Defect 14 of issue 10: the page where roles are granted says what each role may do.
import { expect, test } from "@playwright/test";
import { loginAs, shot } from "./helpers";

test("the accounts page describes every role", async ({ page }) => {
  await loginAs(page, "ADMIN");
  await page.goto("/admin/users");
  const table = page.getByRole("region", { name: "Mỗi vai trò được làm gì" });
  const rows: [string, string, string][] = [
    ["LEARNER", "Học viên", "Không xem được dữ liệu của người khác."],
    ["COORDINATOR", "Cán bộ phụ trách đào tạo", "Giao khóa học, theo dõi tiến độ"],
    ["REVIEWER", "Sở Nội vụ (kế hoạch, báo cáo)", "Tạo, sửa kế hoạch và chỉ tiêu, chốt số liệu"],
    ["ADMIN", "Quản trị hệ thống", "Tạo tài khoản, cấp và thu hồi quyền"],
  ];
  for (const [role, label, text] of rows) {
    const row = table.locator(`tr[data-role="${role}"]`);
    await expect(row.getByRole("rowheader")).toHaveText(label);
    await expect(row).toContainText(text);
  }
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("admin-users-roles"), fullPage: true });
});
