import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { parse } from "yaml";
import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";

// A fresh coordinator (in a new agency, made by the fixtures) assigns the course to the agency's công chức,
// a fresh learner of that agency among them.

type Q = {
  id: string;
  type: string;
  text: string;
  /** Plain strings (old format) or {text, why}. */
  options?: (string | { text: string; why?: string })[];
  answer: number | number[] | boolean;
  explanation?: string;
};
const optionText = (o: string | { text: string }) => (typeof o === "string" ? o : o.text);
const bank = (parse(readFileSync("content/attt-co-ban/quiz.yaml", "utf8")) as { questions: Q[] }).questions;
const rightOptions = (q: Q): string[] =>
  q.type === "truefalse"
    ? [q.answer ? "Đúng" : "Sai"]
    : (Array.isArray(q.answer) ? q.answer : [q.answer as number]).map((i) => optionText(q.options![i]));
/** What the paper and an unrevealed result must never carry: the explanation and each option's why. */
const secrets = bank.flatMap((q) =>
  [q.explanation, ...(q.options ?? []).map((o) => (typeof o === "string" ? undefined : o.why))].filter(
    (x): x is string => !!x,
  ),
);
const revealedText = /^(Giải thích|Vì sao):/;

/** Every response body seen while an attempt is open must carry no explanation and no answer key. */
function watchForLeaks(page: Page) {
  const bodies: string[] = [];
  page.on("response", async (res) => {
    if (!res.url().includes("/attempts/")) return;
    try {
      bodies.push(await res.text());
    } catch {
      // redirects have no body
    }
  });
  return bodies;
}

async function answerAll(page: Page, correctly: boolean) {
  // Each question is a group named "Câu n"; which one of the bank it is, its text says.
  const fieldsets = page.getByRole("group", { name: /^Câu \d+$/ });
  const n = await fieldsets.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const fs = fieldsets.nth(i);
    const text = await fs.innerText();
    const q = bank
      .filter((b) => text.includes(b.text.trim()))
      .sort((x, y) => y.text.length - x.text.length)[0];
    expect(q, `question ${i + 1} is in the bank`).toBeTruthy();
    if (!correctly) continue;
    for (const option of rightOptions(q!)) await fs.getByText(option, { exact: true }).click();
  }
}

test("a coordinator assigns ATTT cơ bản; the learner reads all lessons, fails once, passes, gets a verifiable certificate; the coordinator sees it", async ({
  page,
  browser,
  baseURL,
  fixtures,
  signIn,
}) => {
  test.setTimeout(180_000);
  const coordinator = await fixtures.account({ role: "COORDINATOR" });
  const learner = await signIn({
    role: "LEARNER",
    agencyCode: coordinator.agency.code,
    fullName: "Nguyễn Thị Học Viên",
  });
  // The coordinator assigns the course to every công chức of their agency, with a due date.
  const coord = await browser.newContext();
  await coord.addCookies([{ ...coordinator.cookie!, url: baseURL! }]);
  const cpage = await coord.newPage();
  await cpage.goto("/");
  await cpage.getByRole("link", { name: "Giao khóa học" }).first().click();
  await cpage.getByRole("link", { name: "Giao khóa học mới" }).click();
  await cpage
    .getByLabel("Khóa học", { exact: true })
    .selectOption({ label: "An toàn thông tin cơ bản cho cán bộ, công chức, viên chức" });
  await cpage.getByLabel("Đơn vị", { exact: true }).selectOption({ label: coordinator.agency.name });
  await cpage.getByLabel("Công chức", { exact: true }).check();
  await cpage.getByLabel("Hạn hoàn thành").fill("2026-12-31");
  await cpage.getByRole("button", { name: "Xem trước số người" }).click();
  await expect(cpage.getByRole("status")).toContainText(/Khóa học sẽ được giao cho \d+ người/);
  await cpage.screenshot({ path: shot("assign-preview"), fullPage: true });
  await cpage.getByRole("button", { name: /Giao cho \d+ người/ }).click();
  await expect(cpage.getByText(/Đã giao khóa học cho \d+ người/)).toBeVisible();
  const assignmentUrl = cpage.url();

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Khóa học được giao" })).toBeVisible();
  await expect(page.getByText("31/12/2026")).toBeVisible();
  await expect(page.getByText("Chưa bắt đầu", { exact: true })).toBeVisible();
  // From the assigned list straight to the course.
  await page
    .getByRole("link", { name: "An toàn thông tin cơ bản cho cán bộ, công chức, viên chức" })
    .first()
    .click();
  await expect(page).toHaveURL(/\/courses\/attt-co-ban$/);
  await page.getByRole("link", { name: "Bắt đầu học" }).click();

  // Read every lesson, marking each done; the last one returns to the course page.
  await expect(page).toHaveURL(/\/lessons\/1$/);
  const total = Number(/Bài 1\/(\d+)/.exec(await page.getByText(/Bài 1\/\d+/).innerText())![1]);
  expect(total).toBeGreaterThanOrEqual(4);
  await page.screenshot({ path: shot("lesson-desktop"), fullPage: true });
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    storageState: await page.context().storageState(),
  });
  const phonePage = await phone.newPage();
  await phonePage.goto(page.url());
  await phonePage.screenshot({ path: shot("lesson-phone"), fullPage: true });
  await phone.close();
  for (let n = 1; n < total; n++) {
    await page.getByRole("button", { name: "Đã học xong, sang bài tiếp" }).click();
    await expect(page).toHaveURL(new RegExp(`/lessons/${n + 1}$`));
  }
  await page.getByRole("button", { name: "Đã học xong, về trang khóa học" }).click();
  await expect(page).toHaveURL(/\/courses\/attt-co-ban$/);
  await expect(page.getByText("Hãy học hết các bài học")).toHaveCount(0);

  const bodies = watchForLeaks(page);
  const expectNoLeak = async () => {
    await page.waitForLoadState("networkidle");
    const seen = bodies.join("\n") + (await page.content());
    expect(bodies.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(seen).not.toContain(secret);
    expect(seen).not.toMatch(/"(correct|answer|explanation|isCorrect|whys)"/);
  };
  // First attempt: submit without answering → fails.
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await expect(page.getByRole("heading", { name: /Bài kiểm tra — lượt 1/ })).toBeVisible();
  await answerAll(page, false);
  await expectNoLeak();
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Xác nhận nộp bài" }).click();
  await expect(page.getByText("Chưa đạt", { exact: false }).first()).toBeVisible();
  // Failed with attempts left: right or wrong per question, but no answers or explanations for the retake.
  await expect(page.getByText(/Bạn còn 2 lượt làm bài/)).toBeVisible();
  await expect(page.getByText(revealedText)).toHaveCount(0);
  for (const secret of secrets) expect(await page.content()).not.toContain(secret);

  // Second attempt: answer correctly → passes.
  await page.getByRole("link", { name: "Làm lại bài kiểm tra" }).click();
  await expect(page.getByRole("button", { name: "Làm bài kiểm tra" })).toBeVisible();
  bodies.length = 0;
  await page.getByRole("button", { name: "Làm bài kiểm tra" }).click();
  await expect(page.getByRole("heading", { name: /Bài kiểm tra — lượt 2/ })).toBeVisible();
  await answerAll(page, true);
  await expectNoLeak();
  await page.getByRole("button", { name: "Nộp bài", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Xác nhận nộp bài" }).click();
  await expect(page.getByText(/Đạt · Điểm: 100%/)).toBeVisible();
  // Passed: now the explanations (and each option's why) are shown.
  await expect(page.getByText(revealedText).first()).toBeVisible();
  await page.screenshot({ path: shot("result-desktop"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: shot("result-phone"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Tải giấy chứng nhận (PDF)" }).first().click(),
  ]);
  const file = await download.path();
  const pdf = readFileSync(file!);
  expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
  const code = /chung-nhan-([0-9A-Z]+)\.pdf/.exec(download.suggestedFilename())![1];

  // The verify page works for anyone, signed in or not.
  const anon = await browser.newContext();
  const v = await anon.newPage();
  await v.goto(`/verify/${code}`);
  await expect(v.getByText("Giấy chứng nhận hợp lệ")).toBeVisible();
  await expect(v.getByText(learner.fullName)).toBeVisible();
  await v.screenshot({ path: shot("verify"), fullPage: true });
  await anon.close();

  // The coordinator now sees the learner as finished.
  await cpage.goto(`${assignmentUrl}?q=${encodeURIComponent(learner.email.split("@")[0])}`);
  await expect(cpage.getByRole("cell", { name: learner.email })).toBeVisible();
  await expect(cpage.getByRole("cell", { name: "Hoàn thành" })).toBeVisible();
  await cpage.screenshot({ path: shot("assignment-progress"), fullPage: true });
  await coord.close();
});
