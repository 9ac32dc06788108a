// The coordinator of Sở KH&CN at 1280 and 390 px: the cross-assignment overdue list filtered to one unit,
// a bulk reminder on a selection (flash with the count), the export, and a person's training record.
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { loginAs, shot } from "./helpers";

// The demo world: the seeded coordinator of 20.SKHCN, its units, overdue assignments and staff by name.

const UNIT = "Phòng Công nghệ thông tin và Chuyển đổi số";
const RECORD_PERSON = "Đinh Thị Hồng Nhung";

async function openFilteredList(page: Page) {
  await page.goto("/assignments");
  await page.getByRole("link", { name: "Xem danh sách quá hạn của mọi đợt giao" }).click();
  await expect(page.getByRole("heading", { name: "Quá hạn và sắp đến hạn" })).toBeVisible();
  const unit = page.getByLabel("Đơn vị (gồm đơn vị trực thuộc)");
  const value = await unit.locator("option", { hasText: UNIT }).getAttribute("value");
  await unit.selectOption(value!);
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(/agencyId=/);
}

for (const width of [1280, 390]) {
  test(`coordinator's overdue list, bulk reminder and training record at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await loginAs(page, "daotao.skhcn@langson.gov.vn");

    await openFilteredList(page);
    const rows = page.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(2);
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain("Quá hạn");
      expect(text).toContain("An toàn thông tin cơ bản");
    }
    await expect(page.getByRole("link", { name: RECORD_PERSON })).toBeVisible();
    await page.screenshot({ path: shot(`coordinator-overdue-${width}`), fullPage: true });

    // The export gives the same rows as a real XLSX file.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("a[data-download]", { hasText: "XLSX" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("qua-han.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe((await rows.count()) + 1);

    // Nothing selected: the form says so and sends nothing.
    await page.getByRole("button", { name: "Gửi nhắc nhở" }).click();
    await expect(page.getByRole("alert")).toContainText("Chưa chọn dòng nào");

    // Two rows (different ones at each width, so each run reminds two new people).
    const first = width > 500 ? 0 : 2;
    await rows.nth(first).getByRole("checkbox").check();
    await rows
      .nth(first + 1)
      .getByRole("checkbox")
      .check();
    await page.getByRole("button", { name: "Gửi nhắc nhở" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "Đã gửi nhắc nhở tới 2 người (0 người đã được nhắc hôm nay).",
    );
    await expect(page).toHaveURL(/agencyId=/);
    await page.screenshot({ path: shot(`coordinator-reminded-${width}`), fullPage: true });

    // Export of a selection: the button submits the same form to the CSV resource route.
    await rows.nth(first).getByRole("checkbox").check();
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Xuất CSV" }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe("qua-han.csv");
    const lines = (await readFile(await csv.path(), "utf8")).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("An toàn thông tin cơ bản");

    // The person's training record, reached from the list.
    await page.getByRole("link", { name: RECORD_PERSON }).first().click();
    const record = page.getByTestId("training-record");
    await expect(record.getByRole("heading", { name: "Hồ sơ đào tạo" })).toBeVisible();
    await expect(record).toContainText("An toàn thông tin cơ bản");
    await expect(record).toContainText("Học trực tuyến");
    await expect(record).toContainText("Nhập từ nguồn khác");
    await expect(record).toContainText("Hết hiệu lực");
    await expect(record.getByRole("link", { name: /Giấy chứng nhận/ })).toBeVisible();
    await expect(record).toContainText("Lượt 2");
    await expect(record).toContainText("Chưa đạt");
    await expect(record).toContainText("Diễn tập");
    await page.screenshot({ path: shot(`coordinator-record-${width}`), fullPage: true });
  });
}
