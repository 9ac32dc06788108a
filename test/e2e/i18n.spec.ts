// English mode in a real browser: the page title, the server's field errors and an error page are English.
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
