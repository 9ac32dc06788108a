// The built server on PostgreSQL with WEB_CONCURRENCY=2 (issue 14, point 1): two workers serve the sign-in
// page, a graceful restart (SIGHUP) under requests fails none of them, SIGTERM exits 0. The primary's rules
// are tested in depth without a build in test/integration/cluster.test.ts. Needs TEST_DATABASE_URL (CI sets it).
import http from "node:http";
import { expect, test } from "./support/prod-server";

function get(port: number, agent: http.Agent, p: string) {
  return new Promise<number>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: p, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode!));
      })
      .on("error", reject);
  });
}

test.use({ prodSetup: { name: "cluster", env: { WEB_CONCURRENCY: "2" } } });

test("two workers on PostgreSQL serve, restart on SIGHUP without a failed request, stop on SIGTERM", async ({
  prod: { server },
}) => {
  test.setTimeout(300_000);
  expect(server.workers).toBe(2);
  const { port } = server;
  const out = server.output;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  expect(await get(port, agent, "/login")).toBe(200);
  let done = false;
  let ok = 0;
  const failures: unknown[] = [];
  const loops = Array.from({ length: 4 }, async () => {
    while (!done) {
      try {
        const status = await get(port, agent, "/login");
        if (status === 200) ok++;
        else failures.push(status);
      } catch (error) {
        failures.push(error);
      }
    }
  });
  server.child.kill("SIGHUP");
  await expect.poll(() => out().includes("đã khởi động lại xong"), { timeout: 240_000 }).toBe(true);
  const before = ok;
  await expect.poll(() => ok > before + 20, { timeout: 60_000 }).toBe(true);
  done = true;
  await Promise.all(loops);
  agent.destroy();
  expect(failures).toEqual([]);

  expect(await server.stop()).toBe(0);
});
