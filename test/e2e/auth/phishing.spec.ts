// Acceptance of issue 15 (phishing drills), end to end against the auth server's real loopback SMTP server:
// a drill manager creates a campaign in the UI and submits it, a second manager of the same agency approves
// it (four eyes), the scheduler queues the emails and the outbox delivers them over SMTP. One captured
// email's HTML is opened in Chromium, its link clicked, the fake landing form filled with distinctive values
// and submitted; the teachable page shows the red flags, and the follow-up course is on the recipient's
// "Học tập của tôi". The database holds the click and the submission and none of the typed values.
// Screenshots: the campaign page, the teachable page at 1280 and 390 px, the results by agency.
import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext } from "@playwright/test";
import { formatDay } from "../../../app/utils/vn-calendar";
import { shot } from "../helpers";
import { type E2EAccount, type FixtureClient, expect, test } from "../support/fixtures";
import { waitForMail } from "./mail";

const DAY = 86_400_000;

/** A browser context signed in as `a` (its fixture session cookie): each person has a browser of their own. */
async function contextOf(browser: Browser, baseURL: string, a: E2EAccount): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ ...a.cookie!, url: baseURL }]);
  return context;
}

/**
 * Opens the teachable page in a browser of its own at `width` (a phone or a desktop reading the email) and
 * shoots the whole page. Its email picture is a sandboxed iframe, which Chromium may paint out of process: a
 * fullPage capture of the page the test had clicked through (resizing the view while it shoots) once caught
 * the frame blank. So the view is made as tall as the page first, and shot once the frame shows its email.
 */
async function teachableShot(
  browser: Browser,
  url: string,
  device: { width: number; height: number; isMobile: boolean },
  name: string,
) {
  const context = await browser.newContext({
    viewport: { width: device.width, height: device.height },
    isMobile: device.isMobile,
    hasTouch: device.isMobile,
    deviceScaleFactor: 1,
    locale: "vi-VN",
  });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole("heading", { name: "Đây là thư giả lập của đơn vị bạn" })).toBeVisible();
  const picture = page.frameLocator("iframe").locator("body");
  await expect(picture).toContainText("Kính gửi");
  // The picture fits its frame (no desktop-width email squeezed or cut off on a phone).
  const [docWidth, frameWidth] = await picture.evaluate((b) => [b.scrollWidth, window.innerWidth]);
  expect(docWidth).toBeLessThanOrEqual(frameWidth);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: device.width, height });
  await expect(picture).toBeVisible();
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
  await page.screenshot({ path: shot(name) });
  await context.close();
}

async function recipientState(
  fixtures: FixtureClient,
  campaignId: string,
  personId: string,
  needles: string[] = [],
) {
  return fixtures.phishing({ kind: "phishing-recipient", campaignId, personId, needles });
}

test("a drill goes out over SMTP; the recipient clicks, submits the fake form, learns, and nothing typed is stored", async ({
  fixtures,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);

  // Two drill managers of one agency; the audience is a department below it with two units (4 people).
  const m1 = await fixtures.account({
    role: "PHISHING_MANAGER",
    fullName: "Trần Văn Quản Một",
    session: true,
  });
  const m2 = await fixtures.account({
    role: "PHISHING_MANAGER",
    agencyCode: m1.agency.code,
    fullName: "Lê Thị Duyệt Hai",
    session: true,
  });
  const dept = await fixtures.make({
    kind: "agency",
    parentId: m1.agency.id,
    name: `Phòng Hành chính ${run}`,
    agencyKind: "DEPARTMENT",
  });
  const unitA = await fixtures.make({ kind: "agency", parentId: dept.id, name: `Tổ Một cửa ${run}` });
  const unitB = await fixtures.make({ kind: "agency", parentId: dept.id, name: `Tổ Văn thư ${run}` });
  const target = await fixtures.account({
    role: "LEARNER",
    agencyCode: unitA.code,
    fullName: "Nguyễn Thị Nhận Thư",
    session: true,
  });
  await fixtures.make({ kind: "people", agencyId: unitA.id, count: 1, namePrefix: "Cán bộ Một cửa" });
  await fixtures.make({ kind: "people", agencyId: unitB.id, count: 2, namePrefix: "Cán bộ Văn thư" });

  // Manager 1 creates the campaign in the UI and submits it for approval.
  const ctx1 = await contextOf(browser, baseURL!, m1);
  const p1 = await ctx1.newPage();
  const name = `Diễn tập bảng lương ${run}`;
  await p1.goto("/phishing/new");
  await expect(p1.getByRole("heading", { name: "Tạo đợt diễn tập" })).toBeVisible();
  await p1.getByLabel("Tên đợt diễn tập").fill(name);
  await p1.locator('select[name="agencyId"]').selectOption(dept.id);
  await expect(p1.getByLabel("Gồm cả đơn vị trực thuộc")).toBeChecked();
  await p1.getByLabel(/Thư mồi "bảng lương điều chỉnh"/).check();
  const now = new Date();
  await p1.getByLabel("Gửi từ ngày").fill(formatDay(now));
  await p1.getByLabel("Đến ngày").fill(formatDay(new Date(now.getTime() + 7 * DAY)));
  await expect(p1.getByLabel(/Mở trang đăng nhập giả/)).toBeChecked();
  // The template's own follow-up course (content/phishing/bang-luong-dinh-kem: attt-co-ban).
  const courseTitle = "An toàn thông tin cơ bản cho cán bộ, công chức, viên chức";
  await p1.locator('select[name="followUpCourseId"]').selectOption({ label: courseTitle });
  await p1.getByRole("button", { name: "Xem trước người nhận" }).click();
  await expect(p1.getByRole("status").filter({ hasText: "Đợt diễn tập sẽ gửi tới" })).toContainText(
    "Đợt diễn tập sẽ gửi tới 4 người.",
  );
  await p1.getByRole("button", { name: "Lưu nháp" }).click();
  await expect(p1).toHaveURL(/\/phishing\/[0-9a-f-]{36}$/);
  const campaignId = new URL(p1.url()).pathname.split("/").at(-1)!;
  await expect(p1.getByRole("heading", { name })).toBeVisible();
  await p1.getByRole("button", { name: "Gửi duyệt" }).click();
  await expect(p1.getByTestId("campaign-status")).toHaveText("Chờ duyệt");
  // The creator cannot approve their own campaign.
  await expect(p1.getByRole("button", { name: "Duyệt và lên lịch" })).toHaveCount(0);

  // Manager 2 approves: the four recipients are planned.
  const ctx2 = await contextOf(browser, baseURL!, m2);
  const p2 = await ctx2.newPage();
  await p2.goto(`/phishing/${campaignId}`);
  p2.once("dialog", (d) => void d.accept());
  await p2.getByRole("button", { name: "Duyệt và lên lịch" }).click();
  await expect(p2.getByText("Đã duyệt: 4 người nhận được lên lịch.")).toBeVisible();
  await expect(p2.getByTestId("campaign-status")).toHaveText("Đã lên lịch");
  await expect(p2.getByText("4 người nhận đã được lên lịch", { exact: true })).toBeVisible();
  await p2.screenshot({ path: shot("phishing-campaign"), fullPage: true });

  // Time travel (decision 011): the sends are spread over working hours, maybe days away; make them due now.
  const due = await fixtures.phishing({ kind: "phishing-due-now", campaignId });
  expect(due.recipients).toBe(4);
  const mail = await waitForMail(target.email, /Bảng lương điều chỉnh kỳ này/);
  expect(mail.html, "the drill email has an HTML part").toBeTruthy();
  expect(mail.html).toContain("Nguyễn Thị Nhận Thư");

  // The recipient opens the email in Chromium (as a mail client would show it) and clicks its link.
  const reader = await browser.newContext({ baseURL });
  const mailPage = await reader.newPage();
  await mailPage.setContent(mail.html!);
  await mailPage.locator('a[href*="/t/c/"]').first().click();
  await expect(mailPage).toHaveURL(/\/t\/c\/[A-Za-z0-9_-]+$/);
  const landing = mailPage.locator("form");
  await expect(landing).toBeVisible();
  await expect(mailPage.locator('input[type="password"][name="password"]')).toHaveCount(0);
  const typed: string[] = [];
  const inputs = landing.locator('input:not([type="hidden"]):not([type="submit"])');
  const count = await inputs.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const value = `GoVao${i}-${randomUUID()}`;
    typed.push(value);
    await inputs.nth(i).fill(value);
  }
  await landing.locator('button[type="submit"], input[type="submit"], button:not([type])').first().click();

  // The teachable page, with this email's red flags.
  await expect(mailPage).toHaveURL(/\/t\/l\/[A-Za-z0-9_-]+$/);
  await expect(mailPage.getByRole("heading", { name: "Đây là thư giả lập của đơn vị bạn" })).toBeVisible();
  const flags = mailPage.getByRole("region", { name: "Các dấu hiệu nhận biết" }).getByRole("listitem");
  await expect(flags).toHaveCount(4);
  await expect(flags.first()).toContainText("Đánh vào sự tò mò về lương");
  await expect(mailPage.getByRole("region", { name: "Khóa học bồi dưỡng thêm" })).toContainText(courseTitle);
  // On the picture of the email, every red box carries the number of its flag in the list (1…4).
  const marks = await mailPage
    .frameLocator("iframe")
    .locator("body")
    .evaluate((b) =>
      [...b.querySelectorAll("*")]
        .filter((el) => getComputedStyle(el).outlineStyle !== "none")
        .map((el) => getComputedStyle(el, "::before").content),
    );
  expect(marks.length).toBeGreaterThanOrEqual(4);
  expect(new Set(marks)).toEqual(new Set(['"1"', '"2"', '"3"', '"4"']));
  // The same page as a desktop and a phone show it (it is public: the email may be read anywhere).
  const lessonUrl = mailPage.url();
  const desktop = { width: 1280, height: 900, isMobile: false };
  await teachableShot(browser, lessonUrl, desktop, "phishing-teachable-desktop");
  await teachableShot(
    browser,
    lessonUrl,
    { width: 390, height: 844, isMobile: true },
    "phishing-teachable-phone",
  );

  // Signed in, the recipient finds the follow-up course on "Học tập của tôi".
  await reader.addCookies([{ ...target.cookie!, url: baseURL! }]);
  await mailPage.setViewportSize({ width: 1280, height: 900 });
  await mailPage.goto("/learn");
  await expect(mailPage.getByRole("heading", { name: "Học tập của tôi" })).toBeVisible();
  await expect(mailPage.getByText(courseTitle).first()).toBeVisible();

  // The database: the click and the submission are recorded; what was typed is in no column of any table.
  let state = await recipientState(fixtures, campaignId, target.personId, typed);
  expect(state.events.clickedAt).not.toBeNull();
  expect(state.events.submittedAt).not.toBeNull();
  expect(state.events.followUpAt).not.toBeNull();
  expect(state.columnsScanned).toBeGreaterThan(50);
  for (const value of typed) expect(state.hits[value], value).toEqual([]);
  expect(state.probe).toContain("PhishingRecipient.email"); // the scan does find what is stored

  // "Delivered" is copied from the outbox on a scheduler tick; then the results by agency count it.
  await expect
    .poll(
      async () => {
        state = await recipientState(fixtures, campaignId, target.personId);
        return state.events.deliveredAt !== null;
      },
      { timeout: 45_000, intervals: [1000] },
    )
    .toBe(true);
  await p1.goto(`/phishing/${campaignId}/results`);
  await expect(p1.getByRole("heading", { name: `Kết quả: ${name}` })).toBeVisible();
  const table = p1.getByTestId("results-table");
  await expect(table).toContainText(unitA.name);
  await expect(table).toContainText(unitB.name);
  // Hand-computed: unit A has 2 recipients, 1 clicked and submitted (50 %); unit B 2, none; in all 1 of 4.
  await expect(table.getByRole("row").filter({ hasText: unitA.name })).toContainText("50,0");
  await expect(table.getByRole("row").filter({ hasText: unitB.name })).toContainText("0,0");
  await expect(p1.getByText("25,0", { exact: true })).toBeVisible();
  await p1.screenshot({ path: shot("phishing-results-by-agency"), fullPage: true });

  await Promise.all([ctx1.close(), ctx2.close(), reader.close()]);
});
