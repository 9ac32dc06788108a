// How many processes serve (server/processes.js), and one serving process's graceful stop (server/worker.js)
// on a real HTTP server: the request in flight is answered, keep-alive clients are told to go, the jobs stop.
// The workers' Node flags (server/primary.js): a larger young generation unless the operator chose one.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { SEMI_SPACE_MB, workerExecArgv } from "../../server/primary.js";
import { processPlan } from "../../server/processes.js";
import { serveWorker } from "../../server/worker.js";

describe("processPlan", () => {
  const pg = "postgresql://postgres@127.0.0.1:5432/hoc";
  it("runs one worker per core in production on PostgreSQL, or WEB_CONCURRENCY", () => {
    expect(processPlan({ NODE_ENV: "production", DATABASE_URL: pg }, 4)).toEqual({
      workers: 4,
      clustered: true,
      note: null,
    });
    expect(processPlan({ NODE_ENV: "production", DATABASE_URL: pg, WEB_CONCURRENCY: 1 }, 4)).toMatchObject({
      workers: 1,
      clustered: true,
    });
  });
  it("keeps the embedded database to one process, and says why when more were asked for", () => {
    expect(processPlan({ NODE_ENV: "production" }, 8)).toEqual({ workers: 1, clustered: false, note: null });
    const plan = processPlan({ NODE_ENV: "production", WEB_CONCURRENCY: 4 }, 8);
    expect(plan).toMatchObject({ workers: 1, clustered: false });
    expect(plan.note).toMatch(/WEB_CONCURRENCY=4.*PGlite.*DATABASE_URL/);
  });
  it("develops in one process", () => {
    expect(processPlan({ NODE_ENV: "development", DATABASE_URL: pg }, 8)).toMatchObject({
      workers: 1,
      clustered: false,
    });
  });
});

/** GET on a keep-alive agent; resolves with the status, the Connection header and the body. */
function get(port: number, agent: http.Agent, path = "/") {
  return new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
    http
      .get({ port, path, agent }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
      })
      .on("error", reject);
  });
}

describe("serveWorker's graceful stop", () => {
  it("finishes the request in flight, closes keep-alive connections, stops the jobs, refuses new ones", async () => {
    const release: (() => void)[] = [];
    const events: string[] = [];
    let worker!: ReturnType<typeof serveWorker>;
    const listening = new Promise<number>((resolve) => {
      const w = serveWorker({
        port: 0,
        exit: false,
        drainMs: 200,
        timeoutMs: 5_000,
        handler: (req, res) => {
          if (req.url === "/slow") release.push(() => res.end("slow done"));
          else res.end("ok");
        },
        onListening: (server) => resolve((server.address() as AddressInfo).port),
        startJobs: () => events.push("jobs started"),
        stop: async () => {
          events.push("jobs stopped");
        },
      });
      worker = w;
    });
    const port = await listening;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    expect(await get(port, agent)).toMatchObject({ status: 200, connection: "keep-alive" });
    const slow = get(port, agent, "/slow");
    while (release.length === 0) await new Promise((r) => setTimeout(r, 5));

    const stopped = worker.shutdown();
    // During the drain a request is still served, and told to close its connection.
    expect(await get(port, agent)).toMatchObject({ status: 200, connection: "close", body: "ok" });
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual(["jobs started"]); // the slow request holds the stop
    release[0]!();
    expect(await slow).toMatchObject({ status: 200, body: "slow done", connection: "close" });
    expect(await stopped).toBe(0);
    expect(events).toEqual(["jobs started", "jobs stopped"]);
    await expect(get(port, new http.Agent())).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });
});

describe("serveWorker's keep-alive", () => {
  /** One raw request on `socket`; resolves with the status line, or rejects when the socket is closed. */
  function ask(socket: net.Socket) {
    return new Promise<string>((resolve, reject) => {
      const onData = (b: Buffer) => {
        cleanup();
        resolve(b.toString().split("\r\n")[0]!);
      };
      const onClose = () => {
        cleanup();
        reject(new Error("the server closed the connection"));
      };
      const cleanup = () => {
        socket.off("data", onData);
        socket.off("end", onClose);
      };
      socket.on("data", onData);
      socket.on("end", onClose);
      if (socket.readableEnded) onClose();
      else socket.write("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
    });
  }

  it("keeps an idle connection open past Node's default (nginx reuses upstream connections 60 s)", async () => {
    let worker!: ReturnType<typeof serveWorker>;
    const port = await new Promise<number>((resolve) => {
      worker = serveWorker({
        port: 0,
        exit: false,
        handler: (_req, res) => res.end("ok"),
        onListening: (server) => resolve((server.address() as AddressInfo).port),
      });
    });
    const socket = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    await new Promise((r) => socket.once("connect", r));
    expect(await ask(socket)).toBe("HTTP/1.1 200 OK");
    // Node 20 closes an idle connection 1 s after keepAliveTimeout: 6 s by default.
    await new Promise((r) => setTimeout(r, 6_500));
    expect(await ask(socket)).toBe("HTTP/1.1 200 OK");
    socket.destroy();
    expect(await worker.shutdown()).toBe(0);
  }, 20_000);
});

describe("workerExecArgv", () => {
  const flag = `--max-semi-space-size=${SEMI_SPACE_MB}`;
  it("gives the workers the primary's flags and a larger young generation", () => {
    expect(workerExecArgv([])).toEqual([flag]);
    expect(workerExecArgv(["--enable-source-maps"], "--no-warnings")).toEqual(["--enable-source-maps", flag]);
    // Node accepts it (a typo would stop every worker at its start).
    const run = spawnSync(process.execPath, [...workerExecArgv([]), "-e", "process.exit(0)"], {
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("keeps the operator's own size, on the command line or in NODE_OPTIONS", () => {
    expect(workerExecArgv(["--max-semi-space-size=8"])).toEqual(["--max-semi-space-size=8"]);
    expect(workerExecArgv([], "--max-old-space-size=512 --max-semi-space-size=32")).toEqual([]);
  });
});
