import { expect, test } from "./support/fixtures";

test("pages carry the security headers", async ({ request }) => {
  const res = await request.get("/login");
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
});

test("a POST from another origin is refused before reaching the app", async ({
  request,
  baseURL,
  fixtures,
}) => {
  const { email, password } = await fixtures.account({ role: "LEARNER", session: false });
  const foreign = await request.post("/login", {
    headers: { origin: "http://evil.example" },
    form: { email, password },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
  expect(await foreign.text()).toContain("nguồn gửi không hợp lệ");
  const missing = await request.post("/logout", { headers: { origin: "" }, maxRedirects: 0 });
  expect(missing.status()).toBe(403);
  const same = await request.post("/login", {
    headers: { origin: baseURL! },
    form: { email, password },
    maxRedirects: 0,
  });
  expect(same.status()).toBe(302);
  expect(same.headers()["set-cookie"]).toMatch(/hoc_session=.*HttpOnly; SameSite=Lax/);
});
