import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";
import { IMPORT_NAMES, staffCsv } from "./support/staff-csv";

test("a coordinator imports a CSV of 20 staff and finds one by an unaccented search", async ({
  page,
  signIn,
}) => {
  // A coordinator of a new, empty agency: the import and the search see only this test's people.
  const { agency } = await signIn({ role: "COORDINATOR" });
  const csv = staffCsv(
    IMPORT_NAMES.map((fullName, i) => ({
      fullName,
      email: `e2e.nhap.${i + 1}@langson.gov.vn`,
      agencyCode: agency.code,
      category: i % 3 === 0 ? "Viên chức" : "Công chức",
      itRole: i === 4 ? "Kiêm nhiệm" : "Không",
    })),
  );

  await page.goto("/");
  await page.getByRole("link", { name: "Nhập danh sách" }).first().click();
  await expect(page.getByRole("heading", { name: "Nhập danh sách cán bộ từ tệp" })).toBeVisible();
  await page.getByLabel("Tệp danh sách").setInputFiles({
    name: "danh-sach-20.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByRole("heading", { name: /Kết quả kiểm tra tệp danh-sach-20.csv/ })).toBeVisible();
  await page.screenshot({ path: shot("import-preview"), fullPage: true });
  await page.getByRole("button", { name: "Xác nhận nhập 20 dòng" }).click();
  await expect(page.getByRole("status")).toContainText("20 thêm mới");

  await page.goto("/people");
  await page.getByRole("searchbox", { name: "Tìm kiếm" }).fill("duong thi yen");
  await page.getByRole("button", { name: "Tìm kiếm" }).click();
  await expect(page.getByRole("link", { name: "Dương Thị Yến" })).toBeVisible();
  await expect(page.getByText("1 kết quả")).toBeVisible();
  await page.screenshot({ path: shot("people-search"), fullPage: true });
});

test("a broken file is refused with the row and column, and nothing is written", async ({ page, signIn }) => {
  const { agency } = await signIn({ role: "COORDINATOR" });
  const csv = `Họ và tên,Email,Mã đơn vị,Đối tượng\nNguyễn Văn Lỗi,khong-phai-email,${agency.code},Công chức\n`;
  await page.goto("/people/import");
  await page
    .getByLabel("Tệp danh sách")
    .setInputFiles({ name: "loi.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByText("Vui lòng sửa các lỗi trong tệp")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Email", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: /Xác nhận nhập/ })).toHaveCount(0);
  await page.screenshot({ path: shot("import-errors"), fullPage: true });
});
