// Issue 13: a material change to attt-lanh-dao (recertify: true). A learner whose pass came from the old
// version sees the notice with the reason on the learner home and the course page, the assigned course is
// due again, and the lesson page carries its "Căn cứ" notes. The old version and the pass are made by the
// fixtures route (kind "recertify", test/fixtures/recertify.ts); see docs/decisions/012-content-versions.md.
import { expect, test } from "./support/fixtures";

const COURSE = "attt-lanh-dao";
const REASON = "Cập nhật theo Luật An ninh mạng 2025 (e2e).";

test("a pass of the old attt-lanh-dao version: notice, due again, Căn cứ notes", async ({
  page,
  signIn,
  fixtures,
}) => {
  const learner = await signIn({ role: "LEARNER" });
  await fixtures.recertify({ personId: learner.personId, courseCode: COURSE, reason: REASON });

  await page.goto("/learn");
  const notice = page.getByTestId("recertify-notice");
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("Khóa học đã được cập nhật — bạn cần học lại");
  // The reason is the current version's own (the shipped course.yaml's), or the fixture's when it has none.
  await expect(notice).toContainText("Điều đã thay đổi:");
  // The standing assignment counts the course as due again, not done.
  const assigned = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Khóa học được giao" }) })
    .locator("li")
    .filter({ has: page.locator(`a[href="/courses/${COURSE}"]`) });
  await expect(assigned.first()).toBeVisible();
  await expect(assigned.first()).not.toContainText("Hoàn thành");
  await expect(assigned.first()).toContainText("Chưa bắt đầu");

  await notice.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}$`));
  await expect(page.getByTestId("recertify-notice")).toBeVisible();
  await expect(page.getByRole("button", { name: "Học lại để cấp lại chứng nhận" })).toBeVisible();

  // The old version's lesson: the cite link and its "Căn cứ" note with number, title, issuer and status.
  await page.goto(`/courses/${COURSE}/lessons/1`);
  const notes = page.getByRole("region", { name: "Căn cứ" });
  await expect(notes).toBeVisible();
  await expect(notes).toContainText("Luật An toàn thông tin mạng số 86/2015/QH13");
  await expect(notes).toContainText("Quốc hội");
  await expect(notes).toContainText("đã được thay thế bởi 116/2025/QH15");
  // The marker in the text is a link to its note.
  const cite = page
    .getByRole("main")
    .getByRole("link", { name: /Luật An toàn thông tin mạng số 86\/2015\/QH13/ })
    .first();
  await expect(cite).toHaveAttribute("href", "#can-cu-luat-attt-mang-2015");

  // The sources page lists the same document.
  await page.goto(`/courses/${COURSE}/sources`);
  await expect(page.getByRole("heading", { name: "Nguồn tham khảo và căn cứ pháp lý" })).toBeVisible();
  await expect(page.getByTestId("source").first()).toContainText("86/2015/QH13");
});
