// A coordinator at 1280 and 390 px: the cross-assignment overdue list filtered to one unit, a bulk reminder
// on a selection (flash with the count), the export, and a person's training record.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { shot } from "./helpers";
import { type FixtureClient, expect, test } from "./support/fixtures";

const UNIT = "Phòng Công nghệ thông tin và Chuyển đổi số";
const RECORD_PERSON = "Đinh Thị Hồng Nhung";

/** A coordinator's own sở: two units, each with an overdue assignment, and one person with a full record. */
async function overdueWorld(fixtures: FixtureClient, agencyId: string, coordinatorId: string) {
  const unit = await fixtures.make({ kind: "agency", parentId: agencyId, name: UNIT });
  const office = await fixtures.make({ kind: "agency", parentId: agencyId, name: "Văn phòng Sở" });
  await fixtures.make({ kind: "people", agencyId: unit.id, count: 3 });
  const record = await fixtures.person({ agencyId: unit.id, fullName: RECORD_PERSON });
  await fixtures.make({ kind: "training-record", personId: record.personId });
  await fixtures.make({ kind: "people", agencyId: office.id, count: 2 });
  for (const [a, courseCode, dueInDays] of [
    [unit, "attt-co-ban", -20],
    [office, "ky-nang-so-co-ban", -9],
  ] as const)
    await fixtures.make({
      kind: "assignment",
      courseCode,
      agencyId: a.id,
      createdById: coordinatorId,
      dueInDays,
      assignedDaysAgo: 40,
    });
  return unit;
}

async function openFilteredList(page: Page, unitId: string) {
  await page.goto("/assignments");
  await page.getByRole("link", { name: "Xem danh sách quá hạn của mọi đợt giao" }).click();
  await expect(page.getByRole("heading", { name: "Quá hạn và sắp đến hạn" })).toBeVisible();
  await page.getByLabel("Đơn vị (gồm đơn vị trực thuộc)").selectOption(unitId);
  await page.getByRole("button", { name: "Lọc" }).click();
  await expect(page).toHaveURL(/agencyId=/);
}

for (const width of [1280, 390]) {
  test(`coordinator's overdue list, bulk reminder and training record at ${width} px`, async ({
    page,
    signIn,
    fixtures,
  }) => {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    const coordinator = await signIn({ role: "COORDINATOR" });
    const unit = await overdueWorld(fixtures, coordinator.agency.id, coordinator.userId);

    await openFilteredList(page, unit.id);
    // The unit's four people; the other unit's overdue rows are filtered out.
    const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
    await expect(rows).toHaveCount(4);
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain("Quá hạn");
      expect(text).toContain("An toàn thông tin cơ bản");
    }
    await expect(page.getByRole("link", { name: RECORD_PERSON })).toBeVisible();
    await page.screenshot({ path: shot(`coordinator-overdue-${width}`), fullPage: true });

    // The export gives the same rows as a real XLSX file.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "XLSX", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("qua-han.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe((await rows.count()) + 1);

    // Nothing selected: the form says so and sends nothing.
    await page.getByRole("button", { name: "Gửi nhắc nhở" }).click();
    await expect(page.getByRole("alert")).toContainText("Chưa chọn dòng nào");

    // Two rows, of people nobody has reminded yet (the test's own).
    await rows.nth(0).getByRole("checkbox").check();
    await rows.nth(1).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Gửi nhắc nhở" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "Đã gửi nhắc nhở tới 2 người (0 người đã được nhắc hôm nay).",
    );
    await expect(page).toHaveURL(/agencyId=/);
    await page.screenshot({ path: shot(`coordinator-reminded-${width}`), fullPage: true });

    // Export of a selection: the button submits the same form to the CSV resource route.
    await rows.nth(0).getByRole("checkbox").check();
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
