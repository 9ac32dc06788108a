// Issue 14, point 7: Debian's nginx with the site file of docs/deploy.md (deploy/nginx.conf) in front of the
// production server (two workers, PostgreSQL, demo data, TRUST_PROXY=true), driven by Chromium over https.
// Needs TEST_DATABASE_URL and /usr/sbin/nginx (.ci/run has both; REQUIRE_NGINX=1 there forbids skipping).
import http from "node:http";
import pg from "pg";
import { root } from "../../scripts/lib/prod-server";
import { type Nginx, nginxAvailable, startNginx } from "../support/nginx";
import { account } from "./helpers";
import { expect, test } from "./support/prod-server";

const SPOOFED = "203.0.113.7";

test.skip(!nginxAvailable(), "needs nginx (apt-get install nginx-light)");
test.use({
  prodSetup: {
    name: "nginx",
    env: {
      WEB_CONCURRENCY: "2",
      TRUST_PROXY: "true",
      // As docs/deploy.md says: nginx compresses, the app does not spend its CPU on it.
      COMPRESSION: "false",
      // As in production: Secure cookies, and no APP_ORIGIN, so emailed links come from what nginx forwarded.
      SECURE_COOKIES: undefined,
      APP_ORIGIN: undefined,
      E2E_FIXTURES_TOKEN: undefined,
    },
    seed: true,
  },
});

function plainGet(port: number, host: string) {
  return new Promise<{ status: number; location?: string }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: "/login", headers: { host } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, location: res.headers.location });
      })
      .on("error", reject);
  });
}

test("nginx (deploy/nginx.conf) in front of two workers: TLS, static files, gzip, forwarded headers", async ({
  browser,
  prod: { server, databaseUrl },
}) => {
  test.setTimeout(300_000);
  let nginx: Nginx | undefined;
  let db: pg.Client | undefined;
  try {
    expect(server.workers).toBe(2);
    const appPort = server.port;
    nginx = await startNginx({ appPort, root });
    const origin = `https://localhost:${nginx.httpsPort}`;
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();

    // Plain http is sent to https; an unknown host name gets nothing.
    const redirect = await plainGet(nginx.httpPort, "localhost");
    expect(redirect.status).toBe(301);
    expect(redirect.location).toBe("https://localhost/login");
    await expect(plainGet(nginx.httpPort, "evil.example")).rejects.toThrow();

    // The browser also sends its own X-Forwarded-For: nginx must replace it, not pass it on.
    const context = await browser.newContext({
      baseURL: origin,
      ignoreHTTPSErrors: true,
      extraHTTPHeaders: { "X-Forwarded-For": SPOOFED },
    });
    const page = await context.newPage();
    const login = await page.goto("/login");
    expect(login!.status()).toBe(200);
    expect(login!.headers()["server"]).toMatch(/^nginx/);
    expect(login!.headers()["strict-transport-security"]).toContain("max-age=");
    await expect(page.getByRole("button", { name: "Đăng nhập" })).toBeVisible();

    // The build's stylesheet comes from disk through nginx (no app header on it), cached, gzipped by nginx.
    const css = await page.locator('link[rel="stylesheet"][href^="/build/"]').first().getAttribute("href");
    const asset = await context.request.get(css!, { headers: { "Accept-Encoding": "gzip" } });
    expect(asset.status()).toBe(200);
    const h = asset.headers();
    expect(h["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(h["content-encoding"]).toBe("gzip");
    expect(h["content-security-policy"]).toBeUndefined();
    expect(await asset.text()).toContain("{");

    // A sign-in is a POST through nginx: it passes the Origin check; the session cookie is Secure.
    const learner = account("LEARNER");
    await page.getByLabel("Email công vụ").fill(learner.email);
    await page.getByLabel("Mật khẩu").fill(learner.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect(page).toHaveURL(/\/learn/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === "hoc_session");
    expect(cookie?.secure).toBe(true);
    const courses = await page.goto("/courses");
    expect(courses!.status()).toBe(200);
    // The app sent the page uncompressed (COMPRESSION=false); nginx gzipped it on the way.
    expect(courses!.headers()["content-encoding"]).toBe("gzip");

    // The session records the browser's address: not the spoofed one, not nginx's 127.0.0.2.
    const { rows } = await db.query<{ ipAddress: string | null }>(
      `SELECT s."ipAddress" FROM "Session" s JOIN "User" u ON u.id = s."userId"
       WHERE u.email = $1 ORDER BY s."createdAt" DESC LIMIT 1`,
      [learner.email],
    );
    expect(rows[0]?.ipAddress).toBe("127.0.0.1");

    // With no APP_ORIGIN, the reset link is built from the request: https and the public host via nginx.
    const anon = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
    const forgot = await anon.newPage();
    await forgot.goto("/forgot-password");
    await forgot.getByLabel("Email công vụ").fill(learner.email);
    await forgot.getByRole("button", { name: "Gửi liên kết đặt lại mật khẩu" }).click();
    await expect(forgot.getByText(/đã gửi liên kết đặt lại mật khẩu/)).toBeVisible();
    // The email is queued just after the answer (the page says the same whatever the address).
    const resetLink = async () => {
      const { rows } = await db!.query<{ text: string }>(
        `SELECT text FROM "OutboxEmail" WHERE "to" = $1 AND text LIKE '%/reset/%'`,
        [learner.email],
      );
      return rows[0]?.text.match(/https?:\/\/\S+\/reset\//)?.[0] ?? null;
    };
    await expect.poll(resetLink, { timeout: 30_000 }).toBe(`${origin}/reset/`);
    await anon.close();
    await context.close();

    expect(await server.stop()).toBe(0);
  } catch (error) {
    if (nginx) console.error(nginx.log());
    throw error;
  } finally {
    await nginx?.close();
    await db?.end().catch(() => {});
  }
});
