// Dates are typed and shown as dd/mm/yyyy whatever the browser's locale (issue 10, defect 9): in an English
// (en-US) browser on New York time, <input type="date"> would read mm/dd/yyyy and shift days. The app's
// DateInput is a dd/mm/yyyy text field read on the server in Vietnam time.
import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";

test.use({ locale: "en-US", timezoneId: "America/New_York" });

/** A day before today in Vietnam, as dd/mm/yyyy. */
function daysAgoVn(n: number): string {
  const d = new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000);
  const p = (x: number) => String(x).padStart(2, "0");
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

test("snapshot form: a typed dd/mm/yyyy day is read as such; 31/02 is refused clearly", async ({
  page,
  signIn,
}) => {
  await signIn({ role: "ADMIN" });
  await page.goto("/targets/snapshots");
  const date = page.getByLabel("Ngày (dd/mm/yyyy)");
  await expect(date).toHaveAttribute("type", "text");
  await expect(date).toHaveAttribute("placeholder", "dd/mm/yyyy");
  await expect(date).toHaveAttribute("inputmode", "numeric");
  await expect(date).toHaveAccessibleDescription(/31\/12\/2026/);
  await page.getByLabel("Kỳ báo cáo").selectOption("CUSTOM");

  await date.fill("31/02/2026");
  await page.getByRole("button", { name: "Chốt số liệu" }).click();
  await expect(page.getByText("Ngày 31/02/2026 không có trên lịch.")).toBeVisible();

  // 31/12/2026 is read as 31 December (an en-US date input would take it for month 31): a day after today
  // is refused by the rule, and the typed value stays in the field.
  await date.fill("31/12/2026");
  await page.getByRole("button", { name: "Chốt số liệu" }).click();
  const future = page.getByText("Ngày chốt số liệu không được sau hôm nay.");
  const taken = page.getByText('Đã chốt số liệu "Ngày 31/12/2026".');
  await expect(future.or(taken)).toBeVisible();
  if (await future.isVisible()) {
    await expect(date).toHaveValue("31/12/2026");
    await page.screenshot({ path: shot("dates-snapshot-refused"), fullPage: true });
    const past = daysAgoVn(2);
    await date.fill(past);
    await page.getByLabel("Tên gọi").fill("Chốt thử ngày gõ tay");
    await page.getByRole("button", { name: "Chốt số liệu" }).click();
    await expect(page.getByText('Đã chốt số liệu "Chốt thử ngày gõ tay".')).toBeVisible();
    await expect(page.getByRole("row", { name: /Chốt thử ngày gõ tay/ })).toContainText(past);
  } else {
    await expect(page.getByRole("row", { name: /Ngày 31\/12\/2026/ })).toContainText("31/12/2026");
  }
  await page.screenshot({ path: shot("dates-snapshot"), fullPage: true });
});

test("assignment form: due date 31/12/2026 typed in an English browser is 31/12/2026 on the progress page", async ({
  page,
  signIn,
  makePerson,
}) => {
  // A coordinator of a new agency assigns to the two people made there.
  const { agency } = await signIn({ role: "COORDINATOR" });
  for (const n of [1, 2]) await makePerson({ agencyId: agency.id, fullName: `Ngày Tháng ${n}` });
  await page.goto("/assignments/new");
  const due = page.getByLabel("Hạn hoàn thành");
  await expect(due).toHaveAttribute("type", "text");

  await due.fill("31/02/2026");
  await page.getByRole("button", { name: "Xem trước số người" }).click();
  // The assignment form names the field and the format it wants.
  await expect(page.getByText("Hạn hoàn thành không hợp lệ (định dạng dd/mm/yyyy).")).toBeVisible();

  await due.fill("31/12/2026");
  await page.getByRole("button", { name: "Xem trước số người" }).click();
  await expect(page.getByText(/Khóa học sẽ được giao cho \d+ người/)).toBeVisible();
  await page.getByRole("button", { name: /^Giao cho \d+ người$/ }).click();
  await expect(page).toHaveURL(/\/assignments\/[0-9a-f-]{36}/);
  await expect(page.getByText(/Hạn: 31\/12\/2026/).first()).toBeVisible();
  await page.screenshot({ path: shot("dates-assignment"), fullPage: true });
});
