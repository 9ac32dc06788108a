// Acceptance (c) of issue 11: a coordinator imports 20 people and invites them from the import confirmation;
// one of them opens the emailed link, sets a password, is signed in on "Học tập của tôi"; the link then fails
// with a clear message, and the list shows the account as activated.
import AxeBuilder from "@axe-core/playwright";
import { type Page, expect, test } from "@playwright/test";
import { shot, submitLogin } from "../helpers";
import { linkIn, waitForMail } from "./mail";
import { signInStaff } from "./staff";
import { IMPORT_NAMES, staffCsv } from "../support/staff-csv";

async function expectNoAxeViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a coordinator invites the 20 people just imported; one sets a password and signs in; the link then fails", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const run = Date.now().toString(36);
  const email = (i: number) => `moi.${run}.${i + 1}@langson.gov.vn`;
  const csv = staffCsv(
    IMPORT_NAMES.map((fullName, i) => ({ fullName, email: email(i), agencyCode: "20.SKHCN" })),
  );

  await signInStaff(page, "COORDINATOR");
  await page.goto("/people/import");
  await page.getByLabel("Tệp danh sách").setInputFiles({
    name: `moi-${run}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await page.getByRole("button", { name: "Xác nhận nhập 20 dòng" }).click();
  await expect(page.getByRole("status")).toContainText("20 thêm mới");

  // The import confirmation offers the invitation; the next page shows the count before anything is sent.
  await page.getByRole("link", { name: "Mời 20 người vừa nhập đăng nhập" }).click();
  await expect(page.getByRole("heading", { name: "Mời đăng nhập" })).toBeVisible();
  await expect(page.getByTestId("invite-count")).toHaveText("Sẽ gửi thư mời đăng nhập cho 20 người.");
  await expectNoAxeViolations(page);
  await page.screenshot({ path: shot("invite-confirm"), fullPage: true });
  await page.getByRole("button", { name: "Gửi 20 lời mời" }).click();
  await expect(page.getByRole("status")).toContainText("Đã gửi lời mời đăng nhập cho 20 người.");
  await expect(page).toHaveURL(/\/people\?account=invited/);
  await expect(
    page.getByTestId("account-status").filter({ hasText: /^Đã mời \d{2}\/\d{2}\/\d{4}$/ }),
  ).toHaveCount(20);
  await page.screenshot({ path: shot("invite-people-invited"), fullPage: true });

  // One of them opens the emailed link (the outbox delivers on its 10-s tick).
  const to = email(11);
  const mail = await waitForMail(to, /Mời đăng nhập hệ thống Học ATTT — Tỉnh Lạng Sơn/);
  expect(mail.text).toContain("Kính gửi Dương Thị Yến");
  expect(mail.text).toContain("daotao.skhcn@langson.gov.vn");
  const link = linkIn(mail, /\/invite\/[a-z2-7]{40}$/);

  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Đặt mật khẩu" })).toBeVisible();
  await expect(invitee.getByText(`bằng địa chỉ ${to}`)).toBeVisible();
  await expectNoAxeViolations(invitee);
  await invitee.screenshot({ path: shot("invite-set-password"), fullPage: true });
  // A mismatched repeat is refused next to the field.
  await invitee.getByLabel("Mật khẩu mới", { exact: true }).fill("MatKhauMoi2026");
  await invitee.getByLabel("Nhập lại mật khẩu mới").fill("MatKhauKhac2026");
  await invitee.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
  await expect(invitee.getByText("Hai mật khẩu mới không khớp.")).toBeVisible();
  await invitee.getByLabel("Mật khẩu mới", { exact: true }).fill("MatKhauMoi2026");
  await invitee.getByLabel("Nhập lại mật khẩu mới").fill("MatKhauMoi2026");
  await invitee.getByRole("button", { name: "Đặt mật khẩu và đăng nhập" }).click();
  await expect(invitee).toHaveURL(/\/learn$/);
  await expect(invitee.getByRole("heading", { name: "Học tập của tôi" })).toBeVisible();
  await invitee.screenshot({ path: shot("invite-signed-in"), fullPage: true });

  // The link works once.
  const again = await invitee.goto(link);
  expect(again?.status()).toBe(410);
  await expect(
    invitee.getByText("Liên kết đã được dùng hoặc đã hết hạn; hãy đề nghị cán bộ phụ trách gửi lại lời mời."),
  ).toBeVisible();
  await expectNoAxeViolations(invitee);
  await invitee.screenshot({ path: shot("invite-link-used"), fullPage: true });

  // The new password signs in again later.
  await invitee.context().clearCookies();
  await submitLogin(invitee, to, "MatKhauMoi2026");
  await expect(invitee).toHaveURL(/\/learn$/);
  await inviteeContext.close();

  // The coordinator's list shows the account as activated.
  await page.goto("/people?account=activated&q=duong+thi+yen");
  await expect(page.getByRole("row", { name: /Dương Thị Yến/ }).getByTestId("account-status")).toHaveText(
    "Đã kích hoạt",
  );
});
