// Lists for a coordinator of many people: numbered pages and a page-size choice, phone layouts that keep the
// key columns on screen at 390 px, and the new-assignment warnings (past due date, already assigned).
import { type Locator, type Page, expect, test } from "@playwright/test";
import { loginAs, shot } from "./helpers";

// The demo world: paging needs the seeded hundreds of staff of 20.SKHCN and its assignments.

const PHONE = { width: 390, height: 844 };

/** The element lies inside the viewport horizontally: seen without any sideways scrolling. */
async function expectOnScreen(page: Page, el: Locator) {
  const box = (await el.boundingBox())!;
  expect(box, await el.innerText()).not.toBeNull();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** Header cells and the first row's cells of the given columns (by header text). */
async function expectColumnsOnScreen(page: Page, table: Locator, headers: string[]) {
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const names = await table.locator("thead th").allInnerTexts();
  for (const h of headers) {
    const i = names.findIndex((n) => n.trim() === h);
    expect(i, `${h} in ${names.join("|")}`).toBeGreaterThanOrEqual(0);
    await expectOnScreen(page, table.locator("thead th").nth(i));
    await expectOnScreen(page, table.locator("tbody tr").first().locator("td").nth(i));
  }
}

test("at 390 px the people list keeps name and state on screen; paging goes to page 3 and to 50 rows", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await loginAs(page, "daotao.skhcn@langson.gov.vn");
  await page.goto("/people");
  const table = page.getByTestId("people-table");
  await expect(table).toBeVisible();
  await expectColumnsOnScreen(page, table, ["Họ và tên", "Trạng thái"]);
  // The whole table fits: its scroll region does not scroll sideways.
  const region = page.getByRole("region", { name: "Cán bộ, công chức, viên chức" });
  const fits = await region.evaluate((el) => el.scrollWidth <= el.clientWidth);
  expect(fits).toBe(true);
  await page.screenshot({ path: shot("lists-people-390"), fullPage: true });

  const nav = page.getByRole("navigation", { name: "Phân trang" });
  await expect(nav.locator("[aria-current=page]")).toHaveText("1");
  await nav.getByRole("link", { name: "Trang 2", exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await nav.getByRole("link", { name: "Trang 3", exact: true }).click();
  await expect(page).toHaveURL(/page=3/);
  await expect(nav.locator("[aria-current=page]")).toHaveText("3");
  const firstOnPage3 = await table.locator("tbody tr").first().innerText();

  await page.getByLabel("Số dòng mỗi trang").selectOption("50");
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(page).not.toHaveURL(/page=3/);
  await expect(table.locator("tbody tr")).toHaveCount(50);
  await expect(nav.locator("[aria-current=page]")).toHaveText("1");
  // Paging keeps the page size: page 3 of 50 is rows 101–150, after the first page of 50.
  await nav.getByRole("link", { name: "Trang 3", exact: true }).click();
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(page).toHaveURL(/page=3/);
  await expect(page.getByText(/^101–\d+ trong/)).toBeVisible();
  expect(await table.locator("tbody tr").first().innerText()).not.toBe(firstOnPage3);
  await page.screenshot({ path: shot("lists-people-390-page3"), fullPage: true });
});

test("a coordinator is warned about a past due date and about people already assigned the course", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await loginAs(page, "daotao.skhcn@langson.gov.vn");
  const COURSE = "Kỹ năng số cơ bản";
  const courseOption = page.getByLabel("Khóa học").locator("option", { hasText: COURSE }).first();

  // A past due date is refused, with the reason.
  await page.goto("/assignments/new");
  const courseValue = await courseOption.getAttribute("value");
  await page.getByLabel("Khóa học").selectOption(courseValue!);
  await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Sở Khoa học và Công nghệ" });
  await page.getByLabel("Hạn hoàn thành").fill("31/01/2024");
  await page.getByRole("button", { name: "Xem trước số người" }).click();
  await expect(page.getByText(/Hạn hoàn thành đã qua/)).toBeVisible();
  await expect(page.getByLabel("Hạn hoàn thành")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("button", { name: /Giao cho \d+ người/ })).toHaveCount(0);
  await page.screenshot({ path: shot("lists-assign-past-due"), fullPage: true });

  // A first assignment of the course, then the same again: the preview warns and names the first one.
  const create = async () => {
    await page.goto("/assignments/new");
    await page.getByLabel("Khóa học").selectOption(courseValue!);
    await page.getByLabel("Đơn vị", { exact: true }).selectOption({ label: "Sở Khoa học và Công nghệ" });
    await page.getByLabel("hoặc số ngày kể từ khi được giao").fill("30");
    await page.getByRole("button", { name: "Xem trước số người" }).click();
    await expect(page.getByRole("status")).toContainText(/Khóa học sẽ được giao cho \d+ người/);
  };
  await create();
  if ((await page.getByTestId("overlap-warning").count()) === 0) {
    await page.getByRole("button", { name: /Giao cho \d+ người/ }).click();
    await expect(page.getByText(/Đã giao khóa học cho \d+ người/)).toBeVisible();
    await create();
  }
  const warning = page.getByTestId("overlap-warning");
  await expect(warning).toContainText(
    /\d+ người trong nhóm này đã được giao khóa học này \(giao ngày \d\d\/\d\d\/\d{4}, hạn \d\d\/\d\d\/\d{4}\)/,
  );
  // It names the earlier assignment (the demo data's, or the one made just above).
  await expect(warning).toContainText(/\(giao ngày [^)]*\): \S/);
  await page.screenshot({ path: shot("lists-assign-overlap"), fullPage: true });
  // Creating anyway is allowed after the warning.
  await page.getByRole("button", { name: /Giao cho \d+ người/ }).click();
  await expect(page.getByText(/Đã giao khóa học cho \d+ người/)).toBeVisible();
  await expect(page.getByTestId("reminders")).toContainText("Nhắc thủ công gần nhất: chưa có");
  await page.screenshot({ path: shot("lists-progress-1280"), fullPage: true });
});

test("phone tables keep their key columns: assignment progress, targets dashboard, roster", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await loginAs(page, "daotao.skhcn@langson.gov.vn");

  // Assignment progress: name and state.
  await page.goto("/assignments");
  await page.getByRole("region", { name: "Giao khóa học" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/assignments\/[0-9a-f-]{36}/);
  const progress = page.getByTestId("progress-table");
  await expectColumnsOnScreen(page, progress, ["Họ và tên", "Trạng thái"]);
  await expect(page.getByTestId("reminders")).toContainText("Nhắc tự động gần nhất");
  await page.screenshot({ path: shot("lists-progress-390"), fullPage: true });

  // Roster of a seeded class: name and status.
  await page.goto("/offerings");
  await page.getByRole("link", { name: "Lớp bồi dưỡng chuyên sâu về an toàn thông tin" }).first().click();
  const roster = page.getByRole("region", { name: "Danh sách tham gia" }).locator("table");
  await expectColumnsOnScreen(page, roster, ["Họ và tên", "Trạng thái"]);
  await page.screenshot({ path: shot("lists-roster-390"), fullPage: true });

  // Targets dashboard as Sở Nội vụ: agency, percent and Đánh giá; the trend labels stay ≥ 11 px.
  await page.context().clearCookies();
  await loginAs(page, "sonoivu@langson.gov.vn");
  await page.goto("/targets");
  const agencies = page.getByTestId("agency-table");
  await expect(agencies).toBeVisible();
  await expectColumnsOnScreen(page, agencies, ["Đơn vị", "Tỷ lệ (%)", "Đánh giá"]);
  const chart = page.locator("svg[aria-label^='Diễn biến']").filter({ visible: true });
  await expect(chart).toHaveCount(1);
  const px = await chart.evaluate((svg) => {
    const s = svg as SVGSVGElement;
    const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
    const sizes = [...s.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size")) * scale);
    return Math.min(...sizes);
  });
  expect(px).toBeGreaterThanOrEqual(11);
  await page.screenshot({ path: shot("lists-targets-390"), fullPage: true });
});
