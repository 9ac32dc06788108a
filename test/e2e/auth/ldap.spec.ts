// (b) An official signs in on /login with their official mail address and its password, checked by a bind
// against the province's mail directory (a real slapd over ldaps://, scripts/e2e-auth-server.ts).
import { expect, test } from "@playwright/test";
import { slapdAvailable } from "../../support/slapd";
import { submitLogin } from "../helpers";
import { LDAP_PEOPLE } from "./ldap-directory";

const official = LDAP_PEOPLE.find((p) => p.uid === "nhung.nth")!;
const notInStaffList = LDAP_PEOPLE.find((p) => p.agencyCode === null)!;

test.skip(!slapdAvailable(), "slapd is not installed (apt-get install slapd ldap-utils): LDAP e2e skipped");

test("an official signs in with the directory email and password and lands on Học tập của tôi", async ({
  page,
}) => {
  await submitLogin(page, official.email, "SaiMatKhau@1");
  await expect(page.getByRole("alert")).toHaveText("Email hoặc mật khẩu không đúng.");
  await expect(page).toHaveURL(/\/login/);
  await page.screenshot({ path: "test-results/e2e-auth/ldap-wrong-password.png", fullPage: true });

  await submitLogin(page, official.email, official.password);
  await expect(page).toHaveURL(/\/learn$/);
  await expect(page.getByRole("heading", { name: "Học tập của tôi", level: 1 })).toBeVisible();
  await expect(page.getByText(official.fullName).first()).toBeVisible();
  await page.screenshot({ path: "test-results/e2e-auth/ldap-signed-in.png", fullPage: true });
});

test("a directory account that is not in the staff list is told so", async ({ page }) => {
  await submitLogin(page, notInStaffList.email, notInStaffList.password);
  await expect(page.getByRole("alert")).toHaveText(
    "Tài khoản chưa có trong danh sách cán bộ của tỉnh; liên hệ cán bộ phụ trách đào tạo.",
  );
  await page.screenshot({ path: "test-results/e2e-auth/ldap-not-in-staff-list.png", fullPage: true });
});
