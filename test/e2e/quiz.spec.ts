// The quiz forgives a slip (issue 10, defects 6 and 7): Enter on an option does not submit, "Nộp bài" asks
// first and counts the unanswered questions, the navigator marks answered ones, and a dropped connection
// keeps every choice, shows a banner instead of the error page, and saves and submits once it is back.
import { readFileSync } from "node:fs";
import { type Locator, type Page, type Request, expect, test } from "@playwright/test";
import { parse } from "yaml";
import { loginAs, shot } from "./helpers";

const COURSE = "ky-nang-so-co-ban";
const explanations = (
  parse(readFileSync(`content/${COURSE}/quiz.yaml`, "utf8")) as { questions: { explanation: string }[] }
).questions.map((q) => q.explanation);

const question = (page: Page, n: number) => page.locator(`fieldset#q-${n}`);
const option = (page: Page, n: number, j = 0): Locator =>
  question(page, n).locator("input[type=radio], input[type=checkbox]").nth(j);
const navLink = (page: Page, n: number, answered: boolean) =>
  page
    .getByRole("navigation", { name: "Danh sách câu hỏi" })
    .getByRole("link", { name: `Câu ${n}: ${answered ? "đã trả lời" : "chưa trả lời"}`, exact: true });
const banner = (page: Page) =>
  page.getByRole("status").filter({ hasText: "Mất kết nối — câu trả lời sẽ được lưu khi có mạng" });

/** The fields the page posted to the save route, or null for another request. */
function answersPost(req: Request): URLSearchParams | null {
  if (req.method() !== "POST" || !/\/attempts\/[0-9a-f-]{36}\/answers$/.test(req.url())) return null;
  return new URLSearchParams(req.postData() ?? "");
}

/** Opens the course, reading (marking done) every lesson first when the quiz is not open yet. */
async function readAllLessons(page: Page) {
  await page.goto(`/courses/${COURSE}`);
  if (await page.getByRole("button", { name: "Làm bài kiểm tra" }).count()) return;
  await page.getByRole("link", { name: /Bắt đầu học|Tiếp tục học/ }).click();
  await expect(page).toHaveURL(/\/lessons\/\d+$/);
  for (;;) {
    const next = page.getByRole("button", { name: "Đã học xong, sang bài tiếp" });
    if (await next.count()) {
      const before = page.url();
      await next.click();
      await expect(page).not.toHaveURL(before);
      continue;
    }
    await page.getByRole("button", { name: "Đã học xong, về trang khóa học" }).click();
    break;
  }
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}$`));
}

test("the quiz survives an offline period, never submits on Enter, and asks before submitting", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // Requests that reached the server (offline ones fail in the browser and never get a response).
  const delivered: URLSearchParams[] = [];
  page.on("response", (res) => {
    const fields = answersPost(res.request());
    if (fields) delivered.push(fields);
  });

  await loginAs(page, "LEARNER");
  await readAllLessons(page);
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await expect(page.getByRole("heading", { name: /Bài kiểm tra — lượt 1/ })).toBeVisible();
  const attemptUrl = page.url();
  const total = await page.locator("form fieldset").count();
  expect(total).toBe(10);
  await expect(page.getByText(`Đã trả lời 0/${total} câu`)).toBeVisible();
  for (let n = 1; n <= total; n++) await expect(navLink(page, n, false)).toBeVisible();

  // Two answers online: saved in the background, marked in the navigator.
  for (const n of [1, 2]) {
    const saved = page.waitForResponse((r) => answersPost(r.request()) !== null && r.ok());
    await option(page, n).check();
    await saved;
  }
  await expect(navLink(page, 1, true)).toBeVisible();
  await expect(navLink(page, 2, true)).toBeVisible();
  await expect(navLink(page, 3, false)).toBeVisible();
  await expect(page.getByText(`Đã trả lời 2/${total} câu`)).toBeVisible();
  await page.screenshot({ path: shot("quiz-navigator-desktop") });

  // Enter on an option: nothing is submitted, no dialog, same attempt.
  const requestsBefore = delivered.length;
  await option(page, 3).focus();
  await page.keyboard.press("Enter");
  await option(page, 1, 1).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(attemptUrl);
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: /Bài kiểm tra — lượt 1/ })).toBeVisible();
  expect(delivered.slice(requestsBefore).filter((f) => f.get("intent") === "submit")).toHaveLength(0);
  await expect(option(page, 1)).toBeChecked();

  // Offline: two more answers stay in the page and in localStorage; a banner, no error page.
  await context.setOffline(true);
  await option(page, 3).check();
  await option(page, 4, 1).check();
  await expect(banner(page)).toBeVisible();
  await expect(page.getByText("Hệ thống gặp sự cố")).toHaveCount(0);
  await expect(option(page, 3)).toBeChecked();
  await expect(option(page, 4, 1)).toBeChecked();
  await expect(navLink(page, 4, true)).toBeVisible();
  const stored = await page.evaluate(() =>
    Object.entries(localStorage)
      .filter(([k]) => k.startsWith("hoc-attt:quiz:"))
      .map(([, v]) => JSON.parse(v) as { answers: Record<string, number[]>; unsaved: boolean }),
  );
  expect(stored).toHaveLength(1);
  expect(stored[0].unsaved).toBe(true);
  expect(Object.keys(stored[0].answers)).toHaveLength(4);
  await page.screenshot({ path: shot("quiz-offline-desktop") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot("quiz-offline-phone") });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Back online: the sheet with all four answers is saved, the banner goes.
  const resaved = page.waitForResponse((r) => {
    const f = answersPost(r.request());
    return f !== null && r.ok() && [...f.keys()].filter((k) => k.startsWith("q.")).length === 4;
  });
  await context.setOffline(false);
  await resaved;
  await expect(banner(page)).toHaveCount(0);

  // Saved on the server: a reload (localStorage cleared first, so only the server can say) keeps them.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  for (const [n, j] of [
    [1, 0],
    [2, 0],
    [3, 0],
    [4, 1],
  ])
    await expect(option(page, n, j)).toBeChecked();
  await expect(page.getByText(`Đã trả lời 4/${total} câu`)).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot("quiz-navigator-phone") });
  await page.setViewportSize({ width: 1280, height: 720 });

  // "Nộp bài" asks first, with the number of unanswered questions; going back changes nothing.
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading")).toHaveText(`Bạn còn ${total - 4} câu chưa trả lời. Nộp bài?`);
  await page.screenshot({ path: shot("quiz-confirm-desktop") });
  await dialog.getByRole("link", { name: "Quay lại làm bài" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(attemptUrl);

  // One more answer and the submit, both while offline: kept, then submitted once the connection is back.
  await context.setOffline(true);
  await option(page, 5).check();
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await expect(dialog.getByRole("heading")).toHaveText(`Bạn còn ${total - 5} câu chưa trả lời. Nộp bài?`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot("quiz-confirm-phone") });
  await page.setViewportSize({ width: 1280, height: 720 });
  await dialog.getByRole("button", { name: "Xác nhận nộp bài" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Mất kết nối — bài sẽ được nộp khi có mạng" }),
  ).toBeVisible();
  await expect(page.getByText("Hệ thống gặp sự cố")).toHaveCount(0);
  await context.setOffline(false);
  await expect(page.getByRole("heading", { name: "Kết quả bài kiểm tra" })).toBeVisible();
  await expect(page).toHaveURL(attemptUrl);

  const submits = delivered.filter((f) => f.get("intent") === "submit");
  expect(submits).toHaveLength(1);
  expect([...submits[0].keys()].filter((k) => k.startsWith("q."))).toHaveLength(5);

  // A failed attempt with attempts left: right or wrong per question, no correct answers or explanations.
  await expect(page.getByText(/Chưa đạt · Điểm: \d+%/)).toBeVisible();
  await expect(page.getByText("(Bạn chọn)")).toHaveCount(5);
  await expect(page.getByText("(không trả lời)")).toHaveCount(total - 5);
  await expect(page.getByText(/Bạn còn 4 lượt làm bài/)).toBeVisible();
  await expect(page.getByText("Giải thích:")).toHaveCount(0);
  const html = await page.content();
  for (const e of explanations) expect(html).not.toContain(e);
  await page.screenshot({ path: shot("quiz-failed-result-desktop"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot("quiz-failed-result-phone"), fullPage: true });
  expect(errors).toEqual([]);
});

test("without JavaScript, Enter on an option and 'Nộp bài' lead to the confirmation step, not a grade", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await loginAs(page, "LEARNER");
  await readAllLessons(page);
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await expect(page.getByRole("heading", { name: /Bài kiểm tra — lượt \d/ })).toBeVisible();
  const attemptUrl = page.url();
  await option(page, 1).check();
  await option(page, 1).press("Enter");
  await expect(page.getByRole("heading", { name: /còn \d+ câu chưa trả lời\. Nộp bài\?/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Bạn còn 9 câu chưa trả lời. Nộp bài?" })).toBeVisible();
  await expect(option(page, 1)).toBeChecked(); // saved by the confirmation step
  await expect(page).toHaveURL(attemptUrl);
  await page.screenshot({ path: shot("quiz-confirm-nojs"), fullPage: false });
  await page.getByRole("button", { name: "Xác nhận nộp bài" }).first().click();
  await expect(page.getByRole("heading", { name: "Kết quả bài kiểm tra" })).toBeVisible();
  await context.close();
});
