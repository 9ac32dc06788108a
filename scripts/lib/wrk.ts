// The benchmarks' load from wrk (Debian's `wrk`, a C load generator in a process of its own) instead of from
// the bench's Node process: a fraction of the CPU per request, so that on a small machine the server's
// processes, not the generator, take the cores. Pages: wrk-pages.lua; the quiz loop: wrk-quiz.lua. The benches
// fall back to their Node generators (scripts/lib/load.ts, bench-quiz.ts) when wrk is missing or
// BENCH_LOAD=node. BENCH_LOAD_CPUS=<list> runs wrk under `taskset -c <list>`.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type LoadResult, runLoad } from "./load.ts";

const WRK = process.env.BENCH_WRK ?? "/usr/bin/wrk";
const here = path.dirname(fileURLToPath(import.meta.url));
const PAGES_SCRIPT = path.join(here, "wrk-pages.lua");
export const QUIZ_SCRIPT = path.join(here, "wrk-quiz.lua");
const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux

export type Generator = "wrk" | "node";

/** wrk when it is installed (and not refused by BENCH_LOAD=node). */
export function loadGenerator(): Generator {
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
  const w = wrkResult<WrkJson>(stdout);
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
    generatorCpuMs: ticksToMs(w.cpuTicks),
  };
}

/**
 * `wrk -t C -c C` (one connection per thread) with `script` on `path` for `seconds`; `args` go to the
 * script's `init`. Resolves with wrk's output (the script's `done` prints the result line).
 */
export function runWrkScript(o: {
  script: string;
  port: number;
  path: string;
  concurrency: number;
  seconds: number;
  args: string[];
}): Promise<string> {
  const seconds = Math.max(1, Math.round(o.seconds));
  const args = [
    ...["-t", String(o.concurrency), "-c", String(o.concurrency), "-d", `${seconds}s`, "--timeout", "60s"],
    ...["-s", o.script, `http://127.0.0.1:${o.port}${o.path}`, "--", ...o.args],
  ];
  const cpus = process.env.BENCH_LOAD_CPUS;
  const [cmd, argv] = cpus ? ["taskset", ["-c", cpus, WRK, ...args]] : [WRK, args];
  return new Promise<string>((resolve, reject) =>
    execFile(cmd, argv, { maxBuffer: 1 << 20 }, (error, out, err) =>
      error ? reject(new Error(`${cmd} failed: ${error.message}\n${out}${err}`)) : resolve(out),
    ),
  );
}

/** The JSON of the script's "WRK_RESULT {…}" line. */
export function wrkResult<T>(stdout: string): T {
  const line = stdout.split("\n").find((l) => l.startsWith("WRK_RESULT "));
  if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
  return JSON.parse(line.slice("WRK_RESULT ".length)) as T;
}

export const ticksToMs = (ticks: number) => ticks * TICK_MS;

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
    return parseWrkResult(await runWrkScript({ ...o, script: PAGES_SCRIPT, args: [cookieFile] }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The load of one page measurement from the chosen generator. */
export const runPageLoad = (g: Generator, o: Parameters<typeof runWrk>[0]) =>
  g === "wrk" ? runWrk(o) : runLoad(o);

type WrkQuizJson = {
  requests: number;
  durationUs: number;
  loops: number;
  passes: number;
  errors: number;
  ranOut: boolean;
  used: number[];
  connect: number;
  read: number;
  write: number;
  timeout: number;
  p50Us: number;
  p99Us: number;
  cpuTicks: number;
  samples: string[];
};

export type QuizLoad = {
  loops: number;
  passes: number;
  errors: number;
  samples: string[];
  seconds: number;
  /** Latency of every step (ms). */
  p50: number;
  p99: number;
  generatorCpuMs: number;
  /** The learners no thread touched, for the next measurement (a learner met mid-loop is not reused). */
  unused: string[];
  ranOut: boolean;
};

/**
 * `concurrency` learners at a time loop over the quiz of `course` (wrk-quiz.lua) for `seconds`, each thread
 * taking its learners from its own share of `learners` (session cookies); `key` maps a question id to the
 * texts of its right options.
 */
export async function runQuizWrk(o: {
  port: number;
  course: string;
  learners: string[];
  key: Map<string, string[]>;
  concurrency: number;
  seconds: number;
}): Promise<QuizLoad> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hoc-bench-wrk-"));
  try {
    const share = Math.floor(o.learners.length / o.concurrency);
    const blocks = Array.from({ length: o.concurrency }, (_, i) =>
      o.learners.slice(i * share, (i + 1) * share),
    );
    for (const [i, block] of blocks.entries())
      writeFileSync(path.join(dir, `learners.${i + 1}`), block.join("\n") + "\n");
    const keyFile = path.join(dir, "key");
    writeFileSync(
      keyFile,
      [...o.key].map(([id, right]) => [id, ...right.map((t) => JSON.stringify(t))].join("\t")).join("\n") +
        "\n",
    );
    const w = wrkResult<WrkQuizJson>(
      await runWrkScript({
        script: QUIZ_SCRIPT,
        port: o.port,
        path: "/",
        concurrency: o.concurrency,
        seconds: o.seconds,
        args: [path.join(dir, "learners"), keyFile, o.course],
      }),
    );
    const socket = w.connect + w.read + w.write + w.timeout;
    return {
      loops: w.loops,
      passes: w.passes,
      errors: w.errors + socket,
      samples: [
        ...w.samples,
        ...(socket
          ? [`socket errors: connect ${w.connect}, read ${w.read}, write ${w.write}, timeout ${w.timeout}`]
          : []),
      ],
      seconds: w.durationUs / 1e6,
      p50: w.p50Us / 1000,
      p99: w.p99Us / 1000,
      generatorCpuMs: ticksToMs(w.cpuTicks),
      unused: [
        ...blocks.flatMap((b, i) => b.slice(w.used[i] ?? b.length)),
        ...o.learners.slice(share * o.concurrency),
      ],
      ranOut: w.ranOut,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
