// The page benchmark's load from wrk (Debian's `wrk`, a C load generator in a process of its own) instead of
// from the bench's Node process: a fraction of the CPU per request, so that on a small machine the server's
// processes, not the generator, take the cores. Falls back to the Node generator (scripts/lib/load.ts) when
// wrk is missing or BENCH_LOAD=node. BENCH_LOAD_CPUS=<list> runs wrk under `taskset -c <list>`.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type LoadResult, runLoad } from "./load.ts";

const WRK = process.env.BENCH_WRK ?? "/usr/bin/wrk";
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "wrk-pages.lua");
const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux

export type Generator = "wrk" | "node";

/** wrk when it is installed (and not refused by BENCH_LOAD=node). */
export function pageGenerator(): Generator {
  const wanted = process.env.BENCH_LOAD;
  if (wanted === "node") return "node";
  if (existsSync(WRK)) return "wrk";
  if (wanted === "wrk") throw new Error(`BENCH_LOAD=wrk but ${WRK} is missing: apt-get install wrk`);
  return "node";
}

export function describeGenerator(g: Generator): string {
  const cpus = process.env.BENCH_LOAD_CPUS;
  return g === "wrk"
    ? `load from wrk (one connection per thread${cpus ? `, taskset -c ${cpus}` : ""})`
    : "load generator in this Node process (wrk not used)";
}

type WrkJson = {
  requests: number;
  durationUs: number;
  bytes: number;
  non200: number;
  connect: number;
  read: number;
  write: number;
  timeout: number;
  p50Us: number;
  p99Us: number;
  cpuTicks: number;
  samples: string[];
};

/** wrk's answer line (printed by wrk-pages.lua's `done`) as a LoadResult. */
export function parseWrkResult(stdout: string): LoadResult {
  const line = stdout.split("\n").find((l) => l.startsWith("WRK_RESULT "));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  const w = JSON.parse(line.slice("WRK_RESULT ".length)) as WrkJson;
  const socket = w.connect + w.read + w.write + w.timeout;
  const seconds = w.durationUs / 1e6;
  return {
    requests: w.requests,
    errors: w.non200 + socket,
    samples: [
      ...w.samples,
      ...(socket
        ? [`socket errors: connect ${w.connect}, read ${w.read}, write ${w.write}, timeout ${w.timeout}`]
        : []),
    ],
    seconds,
    rps: w.requests / seconds,
    p50: w.p50Us / 1000,
    p99: w.p99Us / 1000,
    bytes: w.bytes,
    generatorCpuMs: w.cpuTicks * TICK_MS,
  };
}

/** `concurrency` connections of wrk, each with its own cookie (in turn from `cookies`), GET `path` for `seconds`. */
export async function runWrk(o: {
  port: number;
  path: string;
  cookies: string[];
  concurrency: number;
  seconds: number;
}): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hoc-bench-wrk-"));
  try {
    const cookieFile = path.join(dir, "cookies");
    writeFileSync(cookieFile, o.cookies.join("\n") + "\n");
    const seconds = Math.max(1, Math.round(o.seconds));
    const args = [
      ...["-t", String(o.concurrency), "-c", String(o.concurrency), "-d", `${seconds}s`],
      ...["--timeout", "60s", "-s", SCRIPT, `http://127.0.0.1:${o.port}${o.path}`, "--", cookieFile],
    ];
    const cpus = process.env.BENCH_LOAD_CPUS;
    const [cmd, argv] = cpus ? ["taskset", ["-c", cpus, WRK, ...args]] : [WRK, args];
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(cmd, argv, { maxBuffer: 1 << 20 }, (error, out, err) =>
        error ? reject(new Error(`${cmd} failed: ${error.message}\n${out}${err}`)) : resolve(out),
      ),
    );
    return parseWrkResult(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The load of one page measurement from the chosen generator. */
export const runPageLoad = (g: Generator, o: Parameters<typeof runWrk>[0]) =>
  g === "wrk" ? runWrk(o) : runLoad(o);
