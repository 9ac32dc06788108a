// Lists for a coordinator of many people: numbered pages and a page-size choice, phone layouts that keep the
// key columns on screen at 390 px, and the new-assignment warnings (past due date, already assigned).
import type { Locator, Page } from "@playwright/test";
import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";
import { targetsWorld } from "./support/targets-world";

// Each test's coordinator works in a new agency with the staff, assignment and class the test makes.

const PHONE = { width: 390, height: 844 };

/** The element lies inside the viewport horizontally: seen without any sideways scrolling. */
async function expectOnScreen(page: Page, el: Locator) {
  const box = (await el.boundingBox())!;
  expect(box, await el.innerText()).not.toBeNull();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/** The table's body rows (those with cells, not column headers). */
const bodyRows = (page: Page, table: Locator) =>
  table.getByRole("row").filter({ has: page.getByRole("cell") });

/** Header cells and the first row's cells of the given columns (by header text). Columns hidden at this
 * width are out of the accessibility tree in the header and the rows alike, so the indexes agree. */
async function expectColumnsOnScreen(page: Page, table: Locator, headers: string[]) {
  const first = bodyRows(page, table).first();
  await expect(first).toBeVisible();
  const heads = table.getByRole("columnheader");
  const names = await heads.allInnerTexts();
  for (const h of headers) {
    const i = names.findIndex((n) => n.trim() === h);
    expect(i, `${h} in ${names.join("|")}`).toBeGreaterThanOrEqual(0);
    await expectOnScreen(page, heads.nth(i));
    await expectOnScreen(page, first.getByRole("cell").nth(i));
  }
}

/** The pagination's current page is `n` (it is not a link; it carries aria-current). */
async function expectCurrentPage(nav: Locator, n: number) {
  const current = nav.getByLabel(`Trang ${n}`, { exact: true });
  await expect(current).toHaveAttribute("aria-current", "page");
  await expect(current).toHaveText(String(n));
}

test("at 390 px the people list keeps name and state on screen; paging goes to page 3 and to 50 rows", async ({
  page,
  signIn,
  fixtures,
}) => {
  await page.setViewportSize(PHONE);
  const { agency } = await signIn({ role: "COORDINATOR", fullName: "Lương Thị Thu Hà" });
  // 160 staff and the coordinator: more than three pages of 50.
  await fixtures.make({ kind: "people", agencyId: agency.id, count: 160 });
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
  await expectCurrentPage(nav, 1);
  await nav.getByRole("link", { name: "Trang 2", exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  await nav.getByRole("link", { name: "Trang 3", exact: true }).click();
  await expect(page).toHaveURL(/page=3/);
  await expectCurrentPage(nav, 3);
  const rows = bodyRows(page, table);
  const firstOnPage3 = await rows.first().innerText();

  await page.getByLabel("Số dòng mỗi trang").selectOption("50");
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(page).not.toHaveURL(/page=3/);
  await expect(rows).toHaveCount(50);
  await expectCurrentPage(nav, 1);
  // Paging keeps the page size: page 3 of 50 is rows 101–150, after the first page of 50.
  await nav.getByRole("link", { name: "Trang 3", exact: true }).click();
  await expect(page).toHaveURL(/pageSize=50/);
  await expect(page).toHaveURL(/page=3/);
  await expect(page.getByText(/^101–\d+ trong/)).toBeVisible();
  expect(await rows.first().innerText()).not.toBe(firstOnPage3);
  await page.screenshot({ path: shot("lists-people-390-page3"), fullPage: true });
});

test("a coordinator is warned about a past due date and about people already assigned the course", async ({
  page,
  signIn,
  fixtures,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const { agency } = await signIn({ role: "COORDINATOR" });
  await fixtures.make({ kind: "people", agencyId: agency.id, count: 3 });
  const COURSE = "Kỹ năng số cơ bản";
  const courseOption = page.getByLabel("Khóa học").getByRole("option", { name: COURSE }).first();

  // A past due date is refused, with the reason.
  await page.goto("/assignments/new");
  const courseValue = await courseOption.getAttribute("value");
  await page.getByLabel("Khóa học").selectOption(courseValue!);
  await page.getByLabel("Đơn vị", { exact: true }).selectOption(agency.id);
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
    await page.getByLabel("Đơn vị", { exact: true }).selectOption(agency.id);
    await page.getByLabel("hoặc số ngày kể từ khi được giao").fill("30");
    await page.getByRole("button", { name: "Xem trước số người" }).click();
    await expect(page.getByRole("status")).toContainText(/Khóa học sẽ được giao cho \d+ người/);
  };
  await create();
  await expect(page.getByTestId("overlap-warning")).toHaveCount(0);
  await page.getByRole("button", { name: /Giao cho \d+ người/ }).click();
  await expect(page.getByText(/Đã giao khóa học cho \d+ người/)).toBeVisible();
  await create();
  const warning = page.getByTestId("overlap-warning");
  await expect(warning).toContainText(
    /\d+ người trong nhóm này đã được giao khóa học này \(giao ngày \d\d\/\d\d\/\d{4}, hạn \d\d\/\d\d\/\d{4}\)/,
  );
  // It names the earlier assignment (the one made just above).
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
  signIn,
  fixtures,
}) => {
  await page.setViewportSize(PHONE);
  // A real-length name: the default one (the account's email) would not wrap on a phone.
  const coordinator = await signIn({ role: "COORDINATOR", fullName: "Lương Thị Thu Hà" });
  const { people } = await fixtures.make({ kind: "people", agencyId: coordinator.agency.id, count: 3 });
  await fixtures.make({
    kind: "assignment",
    courseCode: "attt-co-ban",
    agencyId: coordinator.agency.id,
    createdById: coordinator.userId,
    dueInDays: 14,
  });
  const course = await fixtures.make({
    kind: "offering",
    organiserAgencyId: coordinator.agency.id,
    confirmedIds: people.map((p) => p.personId),
  });

  // Assignment progress: name and state.
  await page.goto("/assignments");
  await page.getByRole("region", { name: "Giao khóa học" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/assignments\/[0-9a-f-]{36}/);
  const progress = page.getByTestId("progress-table");
  await expectColumnsOnScreen(page, progress, ["Họ và tên", "Trạng thái"]);
  await expect(page.getByTestId("reminders")).toContainText("Nhắc tự động gần nhất");
  await page.screenshot({ path: shot("lists-progress-390"), fullPage: true });

  // Roster of the coordinator's class: name and status.
  await page.goto("/offerings");
  // The page links the class from more than one place; every link opens it.
  await page.getByRole("link", { name: course.title, exact: true }).first().click();
  const roster = page.getByRole("region", { name: "Danh sách tham gia" }).getByRole("table");
  await expectColumnsOnScreen(page, roster, ["Họ và tên", "Trạng thái"]);
  await page.screenshot({ path: shot("lists-roster-390"), fullPage: true });

  // Targets dashboard as a reviewer: agency, percent and Đánh giá; the trend labels stay ≥ 11 px.
  await page.context().clearCookies();
  const reviewer = await signIn({ role: "REVIEWER" });
  await targetsWorld(fixtures, reviewer.agency.id);
  await page.goto("/targets");
  const agencies = page.getByTestId("agency-table");
  await expect(agencies).toBeVisible();
  await expectColumnsOnScreen(page, agencies, ["Đơn vị", "Tỷ lệ (%)", "Đánh giá"]);
  const chart = page.getByRole("img", { name: /^Diễn biến/ }).filter({ visible: true });
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
