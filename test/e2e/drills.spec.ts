// Issue 6 end to end: the organiser creates a drill (2 sessions, 3 seats); two coordinators nominate four IT
// specialists; the fourth waits; a cancellation promotes them; attendance completes the confirmed people.
import type { Page } from "@playwright/test";
import { shot } from "./helpers";
import { type E2EAccount, type FixtureClient, expect, test } from "./support/fixtures";

// The test's own world: a "province" P with two sở, each with a coordinator and IT specialists (one of them
// already trained, so the nominate box has someone to skip), and a reviewer over P.

const TITLE = "Diễn tập phòng chống mã độc tống tiền tháng 01/2027";

/** Nominates the first two listed people who do not already hold a valid ATTT chuyên sâu completion. */
async function nominateFirstTwo(page: Page, url: string): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < 2; i++) {
    await page.goto(url);
    const candidate = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("button", { name: /^Cử / }) })
      .filter({ hasNot: page.getByTestId("already-trained") })
      .first();
    const button = candidate.getByRole("button", { name: /^Cử / });
    const name = ((await button.getAttribute("aria-label")) ?? "").replace(/^Cử /, "");
    await button.click();
    await expect(page.getByRole("status").filter({ hasText: `Đã cử ${name}` })).toBeVisible();
    names.push(name);
  }
  return names;
}

const IT_TARGET = "100% cán bộ chuyên trách, kiêm nhiệm CNTT được đào tạo, bồi dưỡng về an toàn thông tin";

/** Two sở under a new agency, each with three IT specialists, the first of them already trained. */
async function drillWorld(fixtures: FixtureClient) {
  const province = await fixtures.make({ kind: "agency", agencyKind: "DEPARTMENT" });
  const sos = [];
  for (const name of ["Sở Khoa học và Công nghệ", "Sở Tài chính"]) {
    const so = await fixtures.make({ kind: "agency", parentId: province.id, name, agencyKind: "DEPARTMENT" });
    const { people } = await fixtures.make({
      kind: "people",
      agencyId: so.id,
      count: 3,
      namePrefix: `Chuyên viên CNTT ${name.slice(4)}`,
      itRole: "FULL_TIME",
    });
    await fixtures.make({ kind: "completion", personId: people[0]!.personId, topic: "attt-chuyen-sau" });
    sos.push(so);
  }
  return { province, sos };
}

/** The top figure of the IT-specialists target on the signed-in reviewer's dashboard: completed and audience. */
async function itTargetFigure(page: Page): Promise<{ completed: number; audience: number }> {
  await page.goto("/targets");
  const card = page.getByTestId("target-card").filter({ hasText: IT_TARGET });
  await expect(card).toHaveCount(1);
  const m = /([\d.]+)\/([\d.]+) người/.exec(await card.innerText());
  expect(m, "the card shows completed/audience").not.toBeNull();
  const num = (s: string) => Number(s.replace(/\./g, ""));
  return { completed: num(m![1]!), audience: num(m![2]!) };
}

const row = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

test("organiser runs a drill from nomination to completion", async ({ page, fixtures, baseURL }) => {
  const { province, sos } = await drillWorld(fixtures);
  // A reviewer over P and a coordinator of each sở; the browser switches between their sessions.
  const reviewer = await fixtures.account({ role: "REVIEWER", agencyCode: province.code });
  const organiser = await fixtures.account({ role: "COORDINATOR", agencyCode: sos[0]!.code });
  const coordinatorB = await fixtures.account({ role: "COORDINATOR", agencyCode: sos[1]!.code });
  const actAs = async (a: E2EAccount) => {
    await page.context().clearCookies();
    await page.context().addCookies([{ ...a.cookie!, url: baseURL! }]);
  };

  await actAs(reviewer);
  const before = await itTargetFigure(page);
  await actAs(organiser);
  await page.goto("/offerings");
  await page.getByRole("link", { name: "Tạo lớp / diễn tập" }).click();
  await expect(page).toHaveURL(/\/offerings\/new$/);
  await page.getByLabel("Loại").selectOption("DRILL");
  await page.getByLabel("Tên lớp / diễn tập").fill(TITLE);
  await page.getByLabel("Số chỗ", { exact: true }).fill("3");
  const s1 = page.getByRole("group", { name: "Buổi 1" });
  await s1.getByLabel("Bắt đầu (giờ Việt Nam)").fill("2027-01-12T08:00");
  await s1.getByLabel("Kết thúc (giờ Việt Nam)").fill("2027-01-12T11:30");
  await s1.getByLabel("Địa điểm").fill("Hội trường Sở Khoa học và Công nghệ");
  await page.getByRole("button", { name: "Thêm buổi" }).click();
  const s2 = page.getByRole("group", { name: "Buổi 2" });
  await s2.getByLabel("Bắt đầu (giờ Việt Nam)").fill("2027-01-13T22:00");
  await s2.getByLabel("Kết thúc (giờ Việt Nam)").fill("2027-01-14T02:00");
  await s2.getByLabel("Đường dẫn trực tuyến").fill("https://hop.langson.gov.vn/dien-tap-dem");
  await page.screenshot({ path: shot("t6-new-form"), fullPage: true });
  await page.getByRole("button", { name: "Tạo", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const url = new URL(page.url()).pathname;
  expect(url).toMatch(/^\/offerings\/[0-9a-f-]{36}$/);
  await expect(page.getByText("12/01/2027 08:00 – 11:30")).toBeVisible();
  await expect(page.getByText("13/01/2027 22:00 – 02:00")).toBeVisible();

  const skhcn = await nominateFirstTwo(page, url);
  await expect(page.getByText("0/3")).toHaveCount(0);

  await actAs(coordinatorB);
  const stc = await nominateFirstTwo(page, url);
  await expect(page.getByRole("status").filter({ hasText: "danh sách chờ" })).toBeVisible();
  await expect(row(page, stc[1]!)).toContainText("Danh sách chờ");
  await expect(row(page, stc[0]!)).toContainText("Đã xác nhận");
  // Coordinator B sees only their own people in the roster.
  await expect(row(page, skhcn[0]!)).toHaveCount(0);

  await actAs(organiser);
  await page.goto(url);
  await expect(page.getByText("3/3 · Đang chờ: 1")).toBeVisible();
  await page.screenshot({ path: shot("t6-offering-desktop"), fullPage: true });
  await page.getByRole("button", { name: `Hủy ${skhcn[1]}` }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "1 người trong danh sách chờ được chuyển lên" }),
  ).toBeVisible();
  await expect(row(page, stc[1]!)).toContainText("Đã xác nhận");
  await expect(row(page, skhcn[1]!)).toContainText("Đã hủy");

  const attendees = [skhcn[0]!, stc[0]!, stc[1]!];
  for (const n of [1, 2]) {
    const form = page.getByRole("form", { name: `Điểm danh Buổi ${n}` });
    for (const name of attendees) await form.getByLabel(`Có mặt: ${name} — Buổi ${n}`).check();
    await form.getByRole("button", { name: `Lưu điểm danh ${n}` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu" })).toBeVisible();
  }
  for (const name of attendees) {
    await expect(row(page, name)).toContainText("Hoàn thành");
    await expect(row(page, name)).toContainText("2/2");
  }
  await expect(row(page, skhcn[1]!)).not.toContainText("Hoàn thành");
  await page.getByRole("heading", { name: "Danh sách tham gia" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot("t6-roster"), fullPage: true });

  const ics = await page.request.get(`${url}/ics`);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const icsText = await ics.text();
  expect(icsText).toContain("DTSTART:20270112T010000Z");
  expect(icsText).toContain("DTSTART:20270113T150000Z");

  const csv = await page.request.get(`${url}/roster.csv`);
  expect(await csv.text()).toContain(stc[1]!);

  await page.goto(`${url}/sign-in`);
  await expect(page.getByRole("heading", { name: "Danh sách ký tên" })).toBeVisible();
  for (const name of attendees) await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: skhcn[1]!, exact: true })).toHaveCount(0);
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: shot("t6-sign-in"), fullPage: true });
  await page.emulateMedia({ media: "screen" });

  await page.goto("/offerings");
  await expect(page.getByRole("link", { name: TITLE }).first()).toBeVisible();
  await page.screenshot({ path: shot("t6-offerings-list"), fullPage: true });
  await page.goto("/calendar");
  await page.getByRole("button", { name: "Tạo đường dẫn lịch" }).click();
  const feedUrl = await page.getByLabel("Đường dẫn lịch của bạn (chỉ hiện một lần):").inputValue();
  expect(feedUrl).toMatch(/\/calendar\/[a-z2-7]{32}\.ics$/);
  expect((await page.request.get(new URL(feedUrl).pathname)).status()).toBe(200);
  await page.screenshot({ path: shot("t6-calendar"), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(url);
  await page.screenshot({ path: shot("t6-offering-phone"), fullPage: true });

  // The three attendees had no valid ATTT chuyên sâu completion (see nominateFirstTwo); their DRILL
  // completions now count toward "100% IT specialists trained in ATTT" — the province figure rises by 3.
  await actAs(reviewer);
  const after = await itTargetFigure(page);
  expect(after.audience).toBe(before.audience);
  expect(after.completed).toBe(before.completed + attendees.length);
  await page.screenshot({ path: shot("t6-targets-after"), fullPage: true });
});
