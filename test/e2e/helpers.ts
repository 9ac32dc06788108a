import { type Page, expect } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";

export type DemoRole = (typeof DEMO_ACCOUNTS)[number]["role"];

export function account(role: DemoRole) {
  return DEMO_ACCOUNTS.find((a) => a.role === role)!;
}

/** Logs in as the first demo account of `role`, or the demo account with that email. Specs that only need
 * "a coordinator" use `signIn` from ./support/fixtures instead; this is for those that need the demo world. */
export async function loginAs(page: Page, role: DemoRole | `${string}@${string}`) {
  const a = role.includes("@") ? DEMO_ACCOUNTS.find((x) => x.email === role)! : account(role as DemoRole);
  await loginWith(page, a);
}

/** Fills in and sends the login form on /login, in either locale; the caller checks where it leads. */
export async function submitLogin(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(/^(Email công vụ|Work email)$/).fill(email);
  await page.getByLabel(/^(Mật khẩu|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
}

/** Signs in through the login form (a real sign-in: its session carries this browser's user agent). */
export async function loginWith(page: Page, a: { email: string; password: string }) {
  await submitLogin(page, a.email, a.password);
  await expect(page).not.toHaveURL(/\/login/);
}

export const shot = (name: string) => `test-results/screenshots/${name}.png`;
