// Defect 14 of issue 10: the page where roles are granted says what each role may do.
import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";

test("the accounts page describes every role", async ({ page, signIn }) => {
  await signIn({ role: "ADMIN" });
  await page.goto("/admin/users");
  const table = page.getByRole("region", { name: "Mỗi vai trò được làm gì" });
  const rows: [string, string][] = [
    ["Học viên", "Không xem được dữ liệu của người khác."],
    ["Cán bộ phụ trách đào tạo", "Giao khóa học, theo dõi tiến độ"],
    ["Quản lý diễn tập thư giả mạo", "nguyên tắc hai người"],
    ["Sở Nội vụ (kế hoạch, báo cáo)", "Tạo, sửa kế hoạch và chỉ tiêu, chốt số liệu"],
    ["Quản trị hệ thống", "Tạo tài khoản, cấp và thu hồi quyền"],
  ];
  for (const [label, text] of rows) {
    const row = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(text);
  }
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("admin-users-roles"), fullPage: true });
});
