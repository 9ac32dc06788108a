// Defect 8 of issue 10, on a phone (390 px): the menu closes on navigation, outside taps and Escape; error
// pages keep the navigation; a session that expires under a form explains itself and comes back to the form.
import type { Locator, Page } from "@playwright/test";
import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";

test.use({ viewport: { width: 390, height: 844 } });

const menu = (page: Page) => page.locator("header details");

test("the phone menu closes after navigating, on an outside tap and on Escape", async ({ page, signIn }) => {
  await signIn({ role: "COORDINATOR" });
  await page.goto("/");
  await page.getByText("Menu", { exact: true }).click();
  await expect(menu(page)).toHaveAttribute("open", "");
  await page.screenshot({ path: shot("layout-390-menu-open") });
  await menu(page).getByRole("link", { name: "Giao khóa học" }).click();
  await expect(page).toHaveURL(/\/assignments$/);
  await expect(menu(page)).not.toHaveAttribute("open");
  await page.screenshot({ path: shot("layout-390-after-navigation") });

  await page.getByText("Menu", { exact: true }).click();
  await expect(menu(page)).toHaveAttribute("open", "");
  await page.mouse.click(20, 700); // the page below the header, outside the menu
  await expect(menu(page)).not.toHaveAttribute("open");

  await page.getByText("Menu", { exact: true }).click();
  await expect(menu(page)).toHaveAttribute("open", "");
  await page.keyboard.press("Escape");
  await expect(menu(page)).not.toHaveAttribute("open");
});

test("a 404 page keeps the header and its navigation", async ({ page, signIn }) => {
  await signIn({ role: "COORDINATOR" });
  const res = await page.goto("/khong-co-trang-nay");
  expect(res?.status()).toBe(404);
  await expect(page.getByText("404")).toBeVisible();
  await expect(page.getByRole("link", { name: "Học ATTT" })).toBeVisible();
  await page.getByText("Menu", { exact: true }).click();
  await menu(page).getByRole("link", { name: "Cán bộ", exact: true }).click();
  await expect(page).toHaveURL(/\/people$/);
  await expect(page.getByRole("heading", { name: "Cán bộ, công chức, viên chức" })).toBeVisible();
});

test("a 403 page keeps the navigation too", async ({ page, signIn }) => {
  await signIn({ role: "LEARNER" });
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(403);
  await page.getByText("Menu", { exact: true }).click();
  await expect(menu(page).getByRole("link", { name: "Học tập của tôi" })).toBeVisible();
  await page.screenshot({ path: shot("layout-390-403-with-menu") });
});

test("an expired session under a form explains itself and returns to the form after signing in", async ({
  page,
  context,
  signIn,
}) => {
  const a = await signIn({ role: "COORDINATOR" });
  await page.goto("/people/new");
  await page.getByLabel("Họ và tên").fill("Nguyễn Thị Hết Hạn");
  await page.getByLabel("Chức vụ").fill("Chuyên viên phòng Tổ chức");
  // The form checks itself in the browser (conform) before sending, so it must be complete to be sent.
  await page.getByLabel("Email", { exact: true }).fill("het.han@langson.gov.vn");
  await context.clearCookies({ name: "hoc_session" });
  await page.getByRole("button", { name: "Lưu" }).click();

  await expect(page).toHaveURL(/\/login\?.*reason=expired/);
  await expect(page.getByText("Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.")).toBeVisible();
  await page.screenshot({ path: shot("layout-390-session-expired") });
  await page.getByLabel("Email công vụ").fill(a.email);
  await page.getByLabel("Mật khẩu").fill(a.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();

  await expect(page).toHaveURL(/\/people\/new$/);
  // What was typed is put back (sessionStorage), so the coordinator only presses Lưu again.
  await expect(page.getByLabel("Họ và tên")).toHaveValue("Nguyễn Thị Hết Hạn");
  await expect(page.getByLabel("Chức vụ")).toHaveValue("Chuyên viên phòng Tổ chức");
});

/** How many lines the visible text of an element takes (the bottoms of its text's line boxes). */
const lineCount = (l: Locator) =>
  l.evaluate((el) => {
    const bottoms = new Set<number>();
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) bottoms.add(Math.round(r.bottom));
    }
    return bottoms.size;
  });
// A very long account name: at 1280 px (the full menu), 1024 and 390 px the account button stays beside the
// logo and the menu, cut short with an ellipsis; the full name stays in its title and accessible name.
const LONG_NAME = "Nguyễn Hoàng Thị Phương Thảo Tôn Nữ Minh Khai Trần Lê Bảo Ngọc Quỳnh Anh Công Tằng Tôn";
const CASES = [
  [1280, "COORDINATOR"],
  [1280, "ADMIN"], // one more menu item
  [1024, "COORDINATOR"],
  [390, "COORDINATOR"],
] as const;
for (const [width, role] of CASES) {
  test(`a very long account name overlaps nothing at ${width} px (${role})`, async ({ page, signIn }) => {
    await page.setViewportSize({ width, height: 800 });
    await signIn({ role, fullName: LONG_NAME });
    await page.goto("/");
    const header = page.getByRole("banner");
    const account = menu(page).locator("summary");
    const parts = [
      header.getByRole("link", { name: "Học ATTT" }),
      header.getByRole("navigation"),
      header.getByRole("button", { name: "English" }),
      account,
    ];
    const boxes = [];
    for (const part of parts) if (await part.isVisible()) boxes.push((await part.boundingBox())!);
    expect(boxes.length).toBe(width >= 1280 ? 4 : 3);
    for (const [i, a] of boxes.entries()) {
      expect(a.x + a.width, `part ${i} inside the window`).toBeLessThanOrEqual(width);
      for (const b of boxes.slice(i + 1)) {
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `header parts ${i} and the next overlap: ${JSON.stringify([a, b])}`).toBe(true);
      }
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    // Nothing squeezed onto a second line: the logo's name, the menu's links, the account button.
    for (const part of [
      header.getByText("Học ATTT"),
      ...(await header.getByRole("navigation").getByRole("link").all()),
      account,
    ])
      if (await part.isVisible()) expect(await lineCount(part), await part.innerText()).toBe(1);
    if (width >= 640) {
      await expect(account).toHaveAttribute("title", LONG_NAME);
      await expect(account).toHaveAccessibleName(LONG_NAME);
    }
    await page.screenshot({ path: shot(`layout-${width}-${role.toLowerCase()}-long-account-name`) });
  });
}
