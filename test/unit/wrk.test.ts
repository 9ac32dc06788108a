// The benchmarks' wrk scripts (scripts/lib/wrk-*.lua) against a small HTTP server in this process: the page
// script gives every connection its own session cookie and counts non-200 answers; the quiz script reads a
// turbo-stream paper (shuffled options, strings shared by reference, quotes and tabs in option texts) and
// answers the first items right and the others wrong. Skipped where wrk is not installed; the reading of the
// result line (parseWrkResult) is not.
import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "turbo-stream";
import { afterEach, describe, expect, it } from "vitest";
import { parseWrkResult, runPagesWrk, runQuizWrk } from "../../scripts/lib/wrk.ts";

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(handler: http.RequestListener): Promise<number> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

describe("parseWrkResult", () => {
  it("reads the script's fields and wrk's, counting and telling the socket errors", () => {
    const line = {
      non200: 2,
      requests: 40,
      durationUs: 2_000_000,
      connect: 0,
      read: 1,
      write: 0,
      timeout: 2,
      p50Us: 1500,
      p99Us: 9000,
      cpuTicks: 7,
      samples: ["302 /login"],
    };
    const r = parseWrkResult<{ non200: number }>(`Running 2s test\nWRK_RESULT ${JSON.stringify(line)}\n`);
    expect(r).toEqual({
      line,
      requests: 40,
      socketErrors: 3,
      samples: ["302 /login", "socket errors: connect 0, read 1, write 0, timeout 2"],
      seconds: 2,
      p50: 1.5,
      p99: 9,
      generatorCpuMs: 70,
    });
    expect(() => parseWrkResult("unable to connect")).toThrow(/no result/);
  });
});

describe.skipIf(!existsSync("/usr/bin/wrk"))("wrk scripts of the benchmarks", () => {
  it("pages: one cookie per connection, each connection a different one; redirects count as errors", async () => {
    const seen = new Map<number, Set<string>>();
    let redirects = 0;
    const port = await listen((req, res) => {
      const cookie = req.headers.cookie ?? "";
      const conn = req.socket.remotePort!;
      seen.set(conn, (seen.get(conn) ?? new Set()).add(cookie));
      if (cookie === "hoc_session=c") {
        redirects++;
        res.writeHead(302, { location: "/login" }).end();
      } else res.writeHead(200, { "content-type": "text/html" }).end("<p>ok</p>");
    });
    const r = await runPagesWrk({
      port,
      path: "/learn",
      cookies: ["a", "b", "c"].map((c) => `hoc_session=${c}`),
      concurrency: 3,
      seconds: 1,
    });
    expect([...seen.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    expect(new Set([...seen.values()].flatMap((s) => [...s])).size).toBe(3);
    expect(r.requests).toBeGreaterThan(0);
    expect(r.errors).toBeGreaterThan(0);
    expect(r.errors).toBeLessThanOrEqual(redirects);
    expect(r.samples[0]).toBe("302 /login");
    // The common part of the result line (wrk-result.lua, loaded from the script's own directory).
    expect(r.bytes).toBeGreaterThan(0);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.p99).toBeGreaterThanOrEqual(r.p50);
  });

  it("quiz: reads the paper and answers the first items right, the rest wrong", async () => {
    const bank = Array.from({ length: 12 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      options: ["Đúng", "Sai", `Phương án "${i}"\tA`, `Khác ${i % 3}`],
      answer: i % 4 === 0 ? [0, 2] : [i % 4],
    }));
    type Item = { questionId: string; options: string[]; order: number[] };
    const attempts = new Map<string, Item[]>();
    const sheets: boolean[][] = [];
    let saves = 0;
    let badSaves = 0;
    const shuffle = <T>(xs: T[]) =>
      xs
        .map((x) => [Math.random(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .map((p) => p[1]);
    const port = await listen(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      if (req.method === "POST" && req.url === "/courses/attt-co-ban?index") {
        const id = `a${attempts.size + 1}`;
        attempts.set(
          id,
          shuffle(bank.slice(0, 10)).map((q) => {
            const order = shuffle([0, 1, 2, 3]);
            return { questionId: q.id, options: order.map((o) => q.options[o]!), order };
          }),
        );
        return res.writeHead(302, { location: `/attempts/${id}` }).end();
      }
      const m = req.url!.match(/^\/attempts\/(a\d+)(\.data|\/answers)$/);
      const items = m && attempts.get(m[1]!);
      if (!items) return res.writeHead(404).end();
      if (m[2] === ".data") {
        const route = {
          mode: "taking",
          course: { title: "Sai" },
          attempt: { items: items.map(({ order: _, ...item }) => item) },
        };
        const paper = { root: { data: { note: "Đúng" } }, "routes/attempts.$attemptId": { data: route } };
        const out = await new Response(encode(paper)).text();
        return res.writeHead(200).end(out);
      }
      const form = new URLSearchParams(body);
      const chosen = items.map((item) =>
        form.getAll(`q.${item.questionId}`).map((d) => item.order[Number(d)]!),
      );
      if (form.get("intent") === "save") {
        saves++;
        if (chosen.filter((c) => c.length).length !== 5) badSaves++;
        return res.writeHead(200).end('{"ok":true,"state":"saved"}');
      }
      const right = items.map((item, i) => {
        const key = bank.find((q) => q.id === item.questionId)!.answer;
        return [...chosen[i]!].sort().join() === [...key].sort().join();
      });
      sheets.push(right);
      res
        .writeHead(200)
        .end(JSON.stringify({ ok: true, state: "graded", passed: right.filter(Boolean).length >= 9 }));
    });
    const key = new Map(bank.map((q) => [q.id, q.answer.map((i) => q.options[i]!)] as const));
    const learners = Array.from({ length: 40 }, (_, i) => `hoc_session=l${i}`);
    const r = await runQuizWrk({ port, course: "attt-co-ban", learners, key, concurrency: 2, seconds: 2 });
    expect(r.errors).toBe(0);
    expect(r.loops).toBeGreaterThan(0);
    expect(saves).toBeGreaterThanOrEqual(r.loops);
    expect(badSaves).toBe(0);
    // Right answers first, then wrong ones: the option texts were mapped back to their shuffled positions.
    for (const right of sheets) expect(right).toEqual([...right].sort((a, b) => Number(b) - Number(a)));
    expect(sheets.some((right) => right.some(Boolean))).toBe(true);
    expect(r.passes).toBeLessThanOrEqual(sheets.filter((right) => right.filter(Boolean).length >= 9).length);
    expect(r.unused.length).toBeLessThanOrEqual(learners.length - 2);
  });
});
