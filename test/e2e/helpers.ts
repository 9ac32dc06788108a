import { type Page, expect } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";

export type DemoRole = (typeof DEMO_ACCOUNTS)[number]["role"];

export function account(role: DemoRole) {
  return DEMO_ACCOUNTS.find((a) => a.role === role)!;
}

export async function loginAs(page: Page, role: DemoRole) {
  const a = account(role);
  await page.goto("/login");
  await page.getByLabel("Email công vụ").fill(a.email);
  await page.getByLabel("Mật khẩu").fill(a.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export const shot = (name: string) => `test-results/screenshots/${name}.png`;
