// The targets dashboard as a reviewer over a province uses it: the top figure, drill into a sở, XLSX export
// checked with exceljs (the totals row is the sum of the rows and matches the page), report print page.
// The seeded plan and targets; the agencies, staff and completions are the test's own (targetsWorld).
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";
import { SO, targetsWorld } from "./support/targets-world";

const num = (s: string) => Number(s.replace(/\./g, "").replace(",", "."));

test("reviewer opens the dashboard, drills into a sở and exports XLSX", async ({
  page,
  signIn,
  fixtures,
}) => {
  // A reviewer over an agency of their own (the "province" here), with two sở under it.
  const reviewer = await signIn({ role: "REVIEWER" });
  const TOP = reviewer.agency.name;
  await targetsWorld(fixtures, reviewer.agency.id);
  await page.goto("/targets");
  await expect(page.getByRole("heading", { name: "Chỉ tiêu đào tạo" })).toBeVisible();
  // Top figure: five target cards, the first one selected, each with a percent.
  await expect(page.getByTestId("target-card")).toHaveCount(5);
  await expect(page.getByTestId("target-card").first()).toContainText(TOP);
  await expect(page.getByTestId("card-percent").first()).toHaveText(/^\d+,\d%$/);
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText(TOP);
  await expect(page.getByText("Diễn biến theo thời gian")).toBeVisible();
  const trend = page.getByRole("img", { name: /^Diễn biến/ }).filter({ visible: true });
  await expect(trend.getByTestId("trend-point")).not.toHaveCount(0);
  await page.screenshot({ path: shot("targets-dashboard"), fullPage: true });

  // Drill from the province into one sở.
  await page.getByTestId("agency-table").getByRole("link", { name: SO, exact: true }).click();
  await expect(page).toHaveURL(/agency=/);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: TOP })).toBeVisible();
  await expect(crumbs.getByText(SO, { exact: true })).toHaveAttribute("aria-current", "page");
  const focus = (await page.getByTestId("focus-figure").innerText()).replace(/\s+/g, " ");
  const [, pageDone, pageAudience] = /([\d.]+)\/([\d.]+) người/.exec(focus)!;
  await page.screenshot({ path: shot("targets-dashboard-so"), fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Xuất Excel" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const rows: ExcelJS.CellValue[][] = [];
  ws.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  const header = rows.findIndex((r) => r[0] === "STT");
  expect(rows[header]).toEqual([
    "STT",
    "Đơn vị",
    "Tổng số",
    "Đã hoàn thành",
    "Tỷ lệ (%)",
    "Chỉ tiêu (%)",
    "Đánh giá",
  ]);
  const body = rows.slice(header + 1, -1);
  const total = rows[rows.length - 1];
  expect(total[1]).toBe("Tổng cộng");
  expect(body.length).toBeGreaterThan(0);
  const sum = (i: number) => body.reduce((s, r) => s + Number(r[i]), 0);
  expect(total[2]).toBe(sum(2));
  expect(total[3]).toBe(sum(3));
  expect(total[2]).toBe(num(pageAudience));
  expect(total[3]).toBe(num(pageDone));
  expect(total[4]).toBeCloseTo(Math.round((sum(3) * 1000) / sum(2)) / 10, 5);
  expect(rows.some((r) => String(r[0]).startsWith("Số liệu tính đến ngày"))).toBe(true);

  // Phone layout of the same page.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot("targets-dashboard-phone"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The print page shows the same totals, without the site header when printed.
  await page.getByRole("link", { name: "Trang in báo cáo" }).click();
  await expect(page.getByTestId("report-total")).toContainText("Tổng cộng");
  await expect(page.getByTestId("report-total")).toContainText(pageAudience);
  const siteHeader = page.getByRole("banner", { includeHidden: true });
  await expect(siteHeader).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(siteHeader).toBeHidden();
  await page.screenshot({ path: shot("targets-report-print"), fullPage: true });
});

test("admin manages plans and snapshots; a coordinator sees only their sở", async ({ page, signIn }) => {
  await signIn({ role: "ADMIN" });
  await page.goto("/targets/plans");
  await expect(page.getByRole("heading", { name: "Kế hoạch và chỉ tiêu" })).toBeVisible();
  await page.getByRole("link", { name: /năm 2026$/ }).click();
  await expect(page.getByText("ATTT-CB", { exact: true })).toBeVisible();
  await page.screenshot({ path: shot("targets-plan-edit"), fullPage: true });

  await page.goto("/targets/snapshots");
  await expect(page.getByText("Tự động tháng 10/2026")).toBeVisible();
  await page.getByLabel("Kỳ báo cáo").selectOption("Q3");
  await page.getByLabel("Năm").fill("2026");
  await page.getByRole("button", { name: "Chốt số liệu" }).click();
  await expect(page.getByText('Đã chốt số liệu "Quý III năm 2026".')).toBeVisible();
  await page.screenshot({ path: shot("targets-snapshots"), fullPage: true });
  await page
    .getByRole("row", { name: /Quý III năm 2026/ })
    .getByRole("link", { name: "Xem báo cáo" })
    .click();
  await expect(
    page.getByText(/Số liệu tính đến ngày 30\/09\/2026 — số liệu chốt "Quý III năm 2026"/),
  ).toBeVisible();

  await page.context().clearCookies();
  const coordinator = await signIn({ role: "COORDINATOR" });
  await page.goto("/targets");
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  // The breadcrumb starts (and here ends) at the coordinator's own agency: nothing above it.
  await expect(crumbs.getByText(coordinator.agency.name, { exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(crumbs.getByRole("link")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Kế hoạch", exact: true })).toHaveCount(0);
  await page.goto("/targets/completions/import");
  await expect(page.getByRole("heading", { name: /Nhập kết quả đào tạo/ })).toBeVisible();
  await page.screenshot({ path: shot("targets-import"), fullPage: true });
});
