// The quiz forgives a slip (issue 10, defects 6 and 7): Enter on an option does not submit, "Nộp bài" asks
// first and counts the unanswered questions, the navigator marks answered ones, and a dropped connection
// keeps every choice, shows a banner instead of the error page, and saves and submits once it is back.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page, Request } from "@playwright/test";
import { parse } from "yaml";
import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";

const COURSE = "ky-nang-so-co-ban";
// The explanation and each option's why (options are plain strings in the old format, {text, why} now).
type Q = { explanation?: string; options?: (string | { why?: string })[] };
const explanations = (
  parse(readFileSync(`content/${COURSE}/quiz.yaml`, "utf8")) as { questions: Q[] }
).questions
  .flatMap((q) => [
    q.explanation,
    ...(q.options ?? []).map((o) => (typeof o === "string" ? undefined : o.why)),
  ])
  .filter((x): x is string => !!x);

// By position (each question is a group named "Câu n"), not by the new ids, so that the same test runs
// against the old page (and fails there).
const questions = (page: Page) => page.getByRole("group", { name: /^Câu \d+$/ });
const question = (page: Page, n: number) => page.getByRole("group", { name: `Câu ${n}`, exact: true });
const option = (page: Page, n: number, j = 0): Locator =>
  question(page, n).getByRole("radio").or(question(page, n).getByRole("checkbox")).nth(j);
const navLink = (page: Page, n: number, answered: boolean) =>
  page
    .getByRole("navigation", { name: "Danh sách câu hỏi" })
    .getByRole("link", { name: `Câu ${n}: ${answered ? "đã trả lời" : "chưa trả lời"}`, exact: true });
const banner = (page: Page) =>
  page.getByRole("status").filter({ hasText: "Mất kết nối — câu trả lời sẽ được lưu khi có mạng" });

/** As a fresh learner (signed in by the caller), reads the lessons and opens the quiz; returns its URL. */
async function openQuiz(page: Page) {
  await readAllLessons(page);
  await quizStart(page).click();
  await expect(page.getByRole("heading", { name: /Bài kiểm tra — lượt \d+/ })).toBeVisible();
  return page.url();
}

/** Whether the question (its group) has a choice checked. */
const isAnswered = async (group: Locator) =>
  (await group
    .getByRole("radio", { checked: true })
    .or(group.getByRole("checkbox", { checked: true }))
    .count()) > 0;

/** The answered state of each question on the page, in order. */
const answeredStates = async (page: Page) => {
  const states: boolean[] = [];
  for (const group of await questions(page).all()) states.push(await isAnswered(group));
  return states;
};

/** How many questions have a choice checked on the page. */
const answeredCount = async (page: Page) => (await answeredStates(page)).filter(Boolean).length;

/** The fields the page posted to the save route, or null for another request. */
function answersPost(req: Request): URLSearchParams | null {
  if (req.method() !== "POST" || !/\/attempts\/[0-9a-f-]{36}\/answers$/.test(req.url())) return null;
  return new URLSearchParams(req.postData() ?? "");
}

/** "Làm bài kiểm tra" (a button) or, with an attempt open, "Tiếp tục làm bài" (a link). */
const quizStart = (page: Page) =>
  page
    .getByRole("button", { name: "Làm bài kiểm tra" })
    .or(page.getByRole("link", { name: "Tiếp tục làm bài" }));

/** Opens the course, reading (marking done) every lesson first when the quiz is not open yet. */
async function readAllLessons(page: Page) {
  await page.goto(`/courses/${COURSE}`);
  if (await quizStart(page).count()) return;
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

/** axe-core on the quiz's own part of the page (the layout is audited by the crawl): serious or worse. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include("main").analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Every answers POST that reached the server (offline ones fail in the browser and get no response). */
function watchDelivered(page: Page) {
  const delivered: URLSearchParams[] = [];
  page.on("response", (res) => {
    const fields = answersPost(res.request());
    if (fields) delivered.push(fields);
  });
  return delivered;
}

/** The next save that reached the server with `answers` questions in it. */
const savedResponse = (page: Page, answers: number) =>
  page.waitForResponse((r) => {
    const f = answersPost(r.request());
    return f !== null && r.ok() && new Set([...f.keys()].filter((k) => k.startsWith("q."))).size === answers;
  });

// Each test is a fresh learner (fixtures), who reads the lessons before the quiz opens.
test.beforeEach(async ({ signIn }, testInfo) => {
  testInfo.setTimeout(120_000);
  await signIn({ role: "LEARNER" });
});

test("Enter on an option submits nothing; the navigator marks answered questions", async ({ page }) => {
  const delivered = watchDelivered(page);
  const attemptUrl = await openQuiz(page);
  const total = await questions(page).count();
  expect(total).toBe(10);
  await option(page, 1).check();
  await expect(page.getByText("Đã lưu câu trả lời")).toBeVisible();

  // Enter on an option (one answered, one not): nothing is submitted, no dialog, same attempt still open.
  await option(page, 3).focus();
  await page.keyboard.press("Enter");
  await option(page, 1, 1).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.reload();
  await expect(page).toHaveURL(attemptUrl);
  await expect(page.getByRole("heading", { name: /Bài kiểm tra — lượt 1/ })).toBeVisible();
  await expect(option(page, 1)).toBeChecked();
  await expect(option(page, 3)).not.toBeChecked();
  expect(delivered.filter((f) => f.get("intent") !== "save")).toHaveLength(0);

  // The navigator: one answered, the rest not yet; a second answer is marked as soon as it is chosen.
  await expect(page.getByText(`Đã trả lời 1/${total} câu`)).toBeVisible();
  await expect(navLink(page, 1, true)).toBeVisible();
  for (let n = 2; n <= total; n++) await expect(navLink(page, n, false)).toBeVisible();
  await option(page, 2).check();
  await expect(navLink(page, 2, true)).toBeVisible();
  await expect(page.getByText(`Đã trả lời 2/${total} câu`)).toBeVisible();
  await expect(page.getByText("Đã lưu câu trả lời")).toBeVisible();
  await page.screenshot({ path: shot("quiz-navigator-desktop") });
  // A number jumps to its question.
  await navLink(page, 7, false).click();
  await expect(page).toHaveURL(`${attemptUrl}#q-7`);
  await expect(question(page, 7)).toBeInViewport();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot("quiz-navigator-phone") });
  await expectAccessible(page);
});

test("answers taken offline are kept, a banner shows, they are saved when the connection returns", async ({
  page,
  context,
}) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await openQuiz(page);
  // One answer online (a new choice, whatever the attempt already holds), then two while offline.
  await option(page, 1, 1).check();
  await expect(page.getByText("Đã lưu câu trả lời")).toBeVisible();
  await context.setOffline(true);
  await option(page, 3).check();
  await option(page, 4, 1).check();
  await expect(banner(page)).toBeVisible();
  await expect(page.getByText("Hệ thống gặp sự cố")).toHaveCount(0);
  await expect(option(page, 3)).toBeChecked();
  await expect(option(page, 4, 1)).toBeChecked();
  await expect(navLink(page, 3, true)).toBeVisible();
  await expect(navLink(page, 4, true)).toBeVisible();
  const sheet = await page.evaluate(() =>
    Object.entries(localStorage)
      .filter(([k]) => k.startsWith("hoc-attt:quiz:"))
      .map(([, v]) => JSON.parse(v) as { answers: Record<string, number[]>; unsaved: boolean }),
  );
  expect(sheet).toHaveLength(1);
  expect(sheet[0].unsaved).toBe(true);
  const answered = await answeredCount(page);
  expect(Object.values(sheet[0].answers).filter((a) => a.length > 0)).toHaveLength(answered);
  await page.screenshot({ path: shot("quiz-offline-desktop") });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot("quiz-offline-phone") });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Back online: the whole sheet is saved, the banner goes.
  const resaved = savedResponse(page, Object.values(sheet[0].answers).filter((a) => a.length > 0).length);
  await context.setOffline(false);
  await resaved;
  await expect(banner(page)).toHaveCount(0);

  // Saved on the server: a reload (localStorage cleared first, so only the server can say) keeps them.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  for (const [n, j] of [
    [1, 1],
    [3, 0],
    [4, 1],
  ])
    await expect(option(page, n, j)).toBeChecked();
  expect(await answeredCount(page)).toBe(answered);
  expect(errors).toEqual([]);
});

test("'Nộp bài' asks first with the number of unanswered questions; a submit made offline is sent once, back online", async ({
  page,
  context,
}) => {
  const delivered = watchDelivered(page);
  const attemptUrl = await openQuiz(page);
  const total = await questions(page).count();
  let answered = await answeredCount(page);
  expect(answered).toBeLessThan(total - 1);

  // The confirmation counts the questions not answered yet; going back changes nothing.
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading")).toHaveText(
    `Bạn còn ${total - answered} câu chưa trả lời. Nộp bài?`,
  );
  await page.screenshot({ path: shot("quiz-confirm-desktop") });
  await expectAccessible(page);
  // Focus starts on the safe choice: a stray Enter goes back to the quiz.
  await expect(dialog.getByRole("link", { name: "Quay lại làm bài" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(attemptUrl);
  await expect(page.getByRole("heading", { name: /Bài kiểm tra — lượt/ })).toBeVisible();

  // One more answer and the submit, both while offline: kept, then submitted once the connection is back.
  const unanswered = (await answeredStates(page)).indexOf(false);
  await context.setOffline(true);
  await option(page, unanswered + 1).check();
  answered += 1;
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await expect(dialog.getByRole("heading")).toHaveText(
    `Bạn còn ${total - answered} câu chưa trả lời. Nộp bài?`,
  );
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
  expect(new Set([...submits[0].keys()].filter((k) => k.startsWith("q.")))).toHaveProperty("size", answered);

  // A failed attempt with attempts left: right or wrong per question, no correct answers or explanations.
  await expect(page.getByText(/Chưa đạt · Điểm: \d+%/)).toBeVisible();
  await expect(page.getByText("(Bạn chọn)").first()).toBeVisible();
  await expect(page.getByText("(không trả lời)")).toHaveCount(total - answered);
  await expect(page.getByText(/Bạn còn 4 lượt làm bài/)).toBeVisible();
  await expect(page.getByText("Giải thích:")).toHaveCount(0);
  const html = await page.content();
  for (const e of explanations) expect(html).not.toContain(e);
  await page.screenshot({ path: shot("quiz-failed-result-desktop"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot("quiz-failed-result-phone"), fullPage: true });
  await expectAccessible(page);
});

test("without JavaScript, Enter on an option and 'Nộp bài' lead to the confirmation step, not a grade", async ({
  browser,
  context: signedIn,
}) => {
  // The fresh learner's session (beforeEach), in a browser without JavaScript.
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.addCookies(await signedIn.cookies());
  const page = await context.newPage();
  await readAllLessons(page);
  await quizStart(page).click();
  await expect(page.getByRole("heading", { name: /Bài kiểm tra — lượt \d/ })).toBeVisible();
  const attemptUrl = page.url();
  await option(page, 1).check();
  const unanswered = (await answeredStates(page)).filter((a) => !a).length;
  await option(page, 1).press("Enter");
  await expect(
    page.getByRole("heading", { name: `Bạn còn ${unanswered} câu chưa trả lời. Nộp bài?` }),
  ).toBeVisible();
  await expect(option(page, 1)).toBeChecked(); // saved by the confirmation step
  await expect(page).toHaveURL(attemptUrl);
  await page.screenshot({ path: shot("quiz-confirm-nojs"), fullPage: false });
  await page.getByRole("button", { name: "Xác nhận nộp bài" }).first().click();
  await expect(page.getByRole("heading", { name: "Kết quả bài kiểm tra" })).toBeVisible();
  await context.close();
});
