// English mode in a real browser: the page title, the server's field errors and an error page are English, and
// the browser holds only the reader's locale's messages.
import { shot } from "./helpers";
import { expect, test } from "./support/fixtures";

test("English mode shows English titles, validation and error pages", async ({
  page,
  context,
  baseURL,
  signIn,
}) => {
  await signIn({ role: "COORDINATOR" });
  await context.addCookies([{ name: "hoc_lang", value: "en", url: baseURL! }]);

  await page.goto("/people/new");
  await expect(page).toHaveTitle("Add staff member — Học ATTT");
  // Skip the browser's own checks so the server's messages are what the page shows.
  await page
    .getByLabel("Full name")
    .evaluate((input) => ((input as HTMLInputElement).form!.noValidate = true));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Please enter the full name.")).toBeVisible();
  await expect(page.getByText("Please enter an email address.")).toBeVisible();
  await page.screenshot({ path: shot("i18n-en-person-form-errors"), fullPage: true });

  // A coordinator may not manage plans: the 403 page shows the server's reason, translated from its key.
  await page.goto("/targets/plans/new");
  await expect(
    page.getByText("Only administrators and the Department of Home Affairs may manage"),
  ).toBeVisible();
  await page.screenshot({ path: shot("i18n-en-403"), fullPage: true });
});

test("the browser loads the reader's locale only, and pages it renders itself are in that locale", async ({
  page,
  signIn,
}) => {
  await signIn({ role: "LEARNER" });
  const scripts: string[] = [];
  let documents = 0;
  page.on("request", (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith("/i18n/")) scripts.push(pathname);
    if (r.resourceType() === "document") documents++;
  });
  await page.goto("/courses");
  await expect(page.getByRole("heading", { name: "Danh mục khóa học" })).toBeVisible();
  expect(scripts).toEqual([expect.stringMatching(/^\/i18n\/vi\.[0-9a-f]{12}\.js$/)]);

  // The switch loads the page anew, with the English messages; a link then renders in the browser.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Course catalog" })).toBeVisible();
  expect(scripts.slice(1)).toEqual([expect.stringMatching(/^\/i18n\/en\.[0-9a-f]{12}\.js$/)]);
  await page.waitForFunction(() => "__remixRouter" in window);
  const documentsBefore = documents;
  await page.getByRole("link", { name: "Show all courses" }).click();
  await expect(page).toHaveURL(/\/courses\?all=1$/);
  await expect(page.getByRole("link", { name: "Only courses for me" })).toBeVisible();
  expect(documents, "the link rendered in the browser").toBe(documentsBefore);
  expect(scripts).toHaveLength(2);
});
