// Signs a demo staff account in on the auth e2e server: the password on /login, then the second step with
// a TOTP code computed from the account's fixed test key (totp-keys.ts). A code is accepted once per 30-s
// step, so a second sign-in of the same account within one step waits for the next step.
import { type Page, expect } from "@playwright/test";
import { TOTP_PERIOD_SECONDS, totpCodeAt, totpStep } from "../../../app/modules/auth/two-factor";
import { submitLogin } from "../helpers";
import { type StaffRole, staffAccount, staffTotpKey } from "./totp-keys";

export type { StaffRole };

// The last step each key's code was typed in this test process (the server refuses it a second time).
const lastStepUsed = new Map<string, number>();

/** Types a fresh code for `key` on the verify page; waits for a new step when this one is used up. */
export async function enterTotpCode(page: Page, key: Uint8Array, id: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let step = totpStep();
    const last = lastStepUsed.get(id);
    if (last !== undefined && step <= last) {
      step = last + 1;
      await page.waitForTimeout(step * TOTP_PERIOD_SECONDS * 1000 - Date.now() + 200);
    }
    lastStepUsed.set(id, step);
    const code = page.getByLabel(/^(Mã xác thực hoặc mã khôi phục|Verification code or recovery code)$/);
    await code.fill(totpCodeAt(key, step));
    await page.getByRole("button", { name: /^(Xác nhận|Verify)$/ }).click();
    // A refused code comes back as the field's error (its accessible description) or as an alert.
    const alert = page.getByRole("alert").first();
    const outcome = await Promise.race([
      page
        .waitForURL((u) => !u.pathname.startsWith("/account/two-factor/verify"), { timeout: 15_000 })
        .then(() => "left" as const),
      expect(code)
        .toHaveAttribute("aria-invalid", "true", { timeout: 15_000 })
        .then(() => "error" as const),
      alert.waitFor({ timeout: 15_000 }).then(() => "error" as const),
    ]);
    if (outcome === "left") return;
    // Another process (an earlier run of this worker) used this step: retry once in the next step.
    const justUsed = /vừa được dùng|was just used/;
    const said = async () =>
      ((await alert.count()) > 0 && justUsed.test((await alert.textContent()) ?? "")) ||
      (await expect(code)
        .toHaveAccessibleDescription(justUsed, { timeout: 1_000 })
        .then(() => true)
        .catch(() => false));
    if (!(await said())) break;
    await page.reload(); // a clean form, without the error the next attempt would otherwise see at once
  }
  throw new Error(`the second step of ${id} did not accept a fresh TOTP code`);
}

/** The password step of the demo ADMIN, COORDINATOR or REVIEWER: ends on the second step's page. */
export async function passwordStep(page: Page, role: StaffRole): Promise<void> {
  const account = staffAccount(role);
  // Either locale, so the forms' checks can sign in with the English UI too.
  await submitLogin(page, account.email, account.password);
  await page.waitForURL(/\/account\/two-factor\/verify/);
}

/** Signs in as the demo ADMIN, COORDINATOR or REVIEWER, including the second factor. */
export async function signInStaff(page: Page, role: StaffRole): Promise<void> {
  const account = staffAccount(role);
  await passwordStep(page, role);
  await enterTotpCode(page, staffTotpKey(role), account.email);
  await expect(page).not.toHaveURL(/\/login|\/account\/two-factor/);
}
