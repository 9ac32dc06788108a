// Acceptance (e) of issue 11: staff sign in with a second factor; a coordinator without one enrols first.
import { expect, test } from "@playwright/test";
import { signInStaff } from "./staff";

test("signInStaff passes the second step for each demo staff role, twice in a row", async ({ page }) => {
  for (const [role, home] of [
    ["ADMIN", /\/admin/],
    ["COORDINATOR", /\/people/],
    ["REVIEWER", /\/reports/],
  ] as const) {
    await signInStaff(page, role);
    await expect(page).toHaveURL(home);
    await page.context().clearCookies();
  }
  // The same account again within the same 30-s step: signInStaff waits for a fresh code.
  await signInStaff(page, "ADMIN");
  await expect(page).toHaveURL(/\/admin/);
});
