// A small keep-alive HTTP load generator (node:http; no extra package) and the CPU time of a server's
// processes read from /proc, for the bench:* scripts of the built server (bench-pages.ts, bench-quiz.ts).
// bench:pages uses it only when wrk is missing (scripts/lib/wrk.ts): it runs in the bench's own process.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { percentile } from "./bench.ts";
import { childProcesses, cpuMsOf, processesNamed, readProcStat } from "./proc.ts";

export type LoadResult = {
  requests: number;
  errors: number;
  /** A few of the errors, to print. */
  samples: string[];
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  /** CPU time (ms) the load generator itself spent: on a small machine it competes with the server. */
  generatorCpuMs: number;
};

/** A load on the server at `port`: `concurrency` connections at once for `seconds`. */
export type Load = { port: number; concurrency: number; seconds: number };

/** A page measurement's load (either generator's): GET `path`, each connection with a cookie of `cookies`. */
export type PageLoad = Load & { path: string; cookies: string[] };

/**
 * `concurrency` clients, each on its own keep-alive connection and with its own session cookie (taken in
 * turn from `cookies`), GET `path` one after another for `seconds`. Any answer but 200 is an error (a
 * redirect to /login means the session did not hold). Bodies are read in full, gzip as a browser asks.
 */
export async function runLoad(o: PageLoad): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency });
  const latencies: number[] = [];
  const samples: string[] = [];
  let errors = 0;
  let bytes = 0;
  const deadline = performance.now() + o.seconds * 1000;
  const one = (cookie: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.get(
        {
          host: "127.0.0.1",
          port: o.port,
          path: o.path,
          agent,
          headers: { cookie, "accept-encoding": "gzip, deflate, br", accept: "text/html" },
        },
        (res) => {
          res.on("data", (chunk: Buffer) => (bytes += chunk.length));
          res.on("end", () => {
            latencies.push(performance.now() - t0);
            if (res.statusCode !== 200) {
              errors++;
              if (samples.length < 3) samples.push(`${res.statusCode} ${res.headers.location ?? ""}`.trim());
            }
            resolve();
          });
          res.on("error", (e) => fail(e));
        },
      );
      const fail = (e: Error) => {
        errors++;
        if (samples.length < 3) samples.push(e.message);
        resolve();
      };
      req.on("error", fail);
    });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: o.concurrency }, async (_, i) => {
      const cookie = o.cookies[i % o.cookies.length]!;
      while (performance.now() < deadline) await one(cookie);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    samples,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    bytes,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

export type HttpReply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request on a keep-alive `agent`, as a browser of the same origin sends it (a form POST carries its
 * Origin). Resolves with the status, headers and body; rejects on a network error.
 */
export function httpRequest(o: {
  agent: http.Agent;
  port: number;
  method?: "GET" | "POST";
  path: string;
  cookie: string;
  form?: URLSearchParams;
}): Promise<HttpReply> {
  const body = o.form?.toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: o.port,
        method: o.method ?? (body === undefined ? "GET" : "POST"),
        path: o.path,
        agent: o.agent,
        headers: {
          cookie: o.cookie,
          accept: "*/*",
          ...(body === undefined
            ? {}
            : {
                origin: `http://127.0.0.1:${o.port}`,
                "content-type": "application/x-www-form-urlencoded",
                "content-length": Buffer.byteLength(body),
              }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** utime + stime of one process (ms), or 0 when it is gone. */
function processCpuMs(pid: number): number {
  const stat = readProcStat(pid);
  return stat ? cpuMsOf(stat) : 0;
}

/** The pids whose parent is `pid` (the workers of a primary). */
export function childPids(pid: number): number[] {
  return childProcesses(pid).map((p) => p.pid);
}

/** CPU time (ms) of a server: the process and every process it started. */
export function serverCpuMs(pid: number): number {
  return [pid, ...childPids(pid)].reduce((sum, p) => sum + processCpuMs(p), 0);
}

/**
 * CPU time (ms) of every PostgreSQL process on this machine (the bench's server is on loopback). A backend that
 * exits during a measurement takes its time with it, so this is a lower bound; the app's pooled connections
 * live through a measurement.
 */
export type DatabaseCpuReading = Map<number, number>;

/** Every PostgreSQL process's CPU time (ms) by pid, for databaseCpuMsSince. */
export function databaseCpuReading(): DatabaseCpuReading {
  return new Map(processesNamed("postgres").map((p) => [p.pid, cpuMsOf(p)]));
}

/**
 * The CPU time PostgreSQL's processes spent since `before`, each process counted by its own difference (one
 * started since counts from zero). A sum over the processes alive at each end went negative when backends
 * ended in between (the other tree's idle pool connections closing: −7 to −48 ms per request printed); now a
 * backend that ends inside the window drops out with its share uncounted, an undercount, never below zero.
 */
export function databaseCpuMsSince(before: DatabaseCpuReading): number {
  let sum = 0;
  for (const [pid, ms] of databaseCpuReading()) {
    const was = before.get(pid) ?? 0;
    sum += ms >= was ? ms - was : ms; // smaller: the pid was reused by a new process
  }
  return sum;
}

/**
 * Waits (at most `maxMs`) until the server's processes are idle: wrk stops at its deadline with requests in
 * flight, and the server still answers them; that CPU time belongs to no measurement.
 */
export async function settle(pid: number, maxMs = 30_000) {
  const end = Date.now() + maxMs;
  let last = serverCpuMs(pid);
  while (Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = serverCpuMs(pid);
    if (now - last <= 20) return; // two clock ticks in 300 ms: timers and GC only
    last = now;
  }
}
