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
import { type Load, type LoadResult, type PageLoad, runLoad } from "./load.ts";
import { ticksToMs } from "./proc.ts";

const WRK = process.env.BENCH_WRK ?? "/usr/bin/wrk";
const here = path.dirname(fileURLToPath(import.meta.url));
const PAGES_SCRIPT = path.join(here, "wrk-pages.lua");
const QUIZ_SCRIPT = path.join(here, "wrk-quiz.lua");

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

/** The fields every script's result line has (wrk-result.lua); the scripts add their own. */
type WrkResultLine = {
  requests: number;
  durationUs: number;
  connect: number;
  read: number;
  write: number;
  timeout: number;
  p50Us: number;
  p99Us: number;
  cpuTicks: number;
  samples: string[];
};

/** What a script is run with: the load, the URL's path, its input files and the arguments of its `init`. */
export type WrkEnv = Load & {
  /** The path of wrk's URL (the quiz script makes its own requests: "/"). */
  path: string;
  /** Files written, by name, to a temporary directory of the run (removed after it). */
  files: Record<string, string>;
  /** The script's arguments (after `--`), given that directory. */
  args(dir: string): string[];
};

/** A wrk run: the script's own fields (`line`), wrk's figures with the socket errors counted and told. */
export type WrkRun<T> = {
  line: T;
  requests: number;
  socketErrors: number;
  /** The threads' samples, then a line of the socket errors if there were any. */
  samples: string[];
  seconds: number;
  /** Latency of every request (ms). */
  p50: number;
  p99: number;
  generatorCpuMs: number;
};

/**
 * `wrk -t C -c C` (one connection per thread) with `script` on `env.path` for `env.seconds`, under
 * `taskset -c $BENCH_LOAD_CPUS` when set; the script's `done` prints the result line (wrk-result.lua).
 */
export async function runWrk<T extends object>(script: string, env: WrkEnv): Promise<WrkRun<T>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hoc-bench-wrk-"));
  try {
    for (const [name, text] of Object.entries(env.files)) writeFileSync(path.join(dir, name), text);
    const seconds = Math.max(1, Math.round(env.seconds));
    const args = [
      ...[
        "-t",
        String(env.concurrency),
        "-c",
        String(env.concurrency),
        "-d",
        `${seconds}s`,
        "--timeout",
        "60s",
      ],
      ...["-s", script, `http://127.0.0.1:${env.port}${env.path}`, "--", ...env.args(dir)],
    ];
    const cpus = process.env.BENCH_LOAD_CPUS;
    const [cmd, argv] = cpus ? ["taskset", ["-c", cpus, WRK, ...args]] : [WRK, args];
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(cmd, argv, { maxBuffer: 1 << 20 }, (error, out, err) =>
        error ? reject(new Error(`${cmd} failed: ${error.message}\n${out}${err}`)) : resolve(out),
      ),
    );
    return parseWrkResult<T>(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** wrk's output, from the script's "WRK_RESULT {…}" line. */
export function parseWrkResult<T extends object>(stdout: string): WrkRun<T> {
  const text = stdout.split("\n").find((l) => l.startsWith("WRK_RESULT "));
  if (!text) throw new Error(`wrk printed no result:\n${stdout}`);
  const w = JSON.parse(text.slice("WRK_RESULT ".length)) as WrkResultLine & T;
  const socketErrors = w.connect + w.read + w.write + w.timeout;
  return {
    line: w,
    requests: w.requests,
    socketErrors,
    samples: [
      ...w.samples,
      ...(socketErrors
        ? [`socket errors: connect ${w.connect}, read ${w.read}, write ${w.write}, timeout ${w.timeout}`]
        : []),
    ],
    seconds: w.durationUs / 1e6,
    p50: w.p50Us / 1000,
    p99: w.p99Us / 1000,
    generatorCpuMs: ticksToMs(w.cpuTicks),
  };
}

/** `concurrency` connections of wrk, each with its own cookie (in turn from `cookies`), GET `path` for `seconds`. */
export async function runPagesWrk(o: PageLoad): Promise<LoadResult> {
  return toLoadResult(
    await runWrk<{ bytes: number; non200: number }>(PAGES_SCRIPT, {
      ...o,
      files: { cookies: o.cookies.join("\n") + "\n" },
      args: (dir) => [path.join(dir, "cookies")],
    }),
  );
}

/** A run of a script whose result line counts bytes and non-200 answers, as a page measurement. */
export function toLoadResult(r: WrkRun<{ bytes: number; non200: number }>): LoadResult {
  return {
    requests: r.requests,
    errors: r.line.non200 + r.socketErrors,
    samples: r.samples,
    seconds: r.seconds,
    rps: r.requests / r.seconds,
    p50: r.p50,
    p99: r.p99,
    bytes: r.line.bytes,
    generatorCpuMs: r.generatorCpuMs,
  };
}

/** The load of one page measurement from the chosen generator. */
export const runPageLoad = (g: Generator, o: PageLoad) => (g === "wrk" ? runPagesWrk(o) : runLoad(o));

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
export async function runQuizWrk(
  o: Load & { course: string; learners: string[]; key: Map<string, string[]> },
): Promise<QuizLoad> {
  const share = Math.floor(o.learners.length / o.concurrency);
  const blocks = Array.from({ length: o.concurrency }, (_, i) =>
    o.learners.slice(i * share, (i + 1) * share),
  );
  const files = Object.fromEntries(blocks.map((block, i) => [`learners.${i + 1}`, block.join("\n") + "\n"]));
  files.key =
    [...o.key].map(([id, right]) => [id, ...right.map((t) => JSON.stringify(t))].join("\t")).join("\n") +
    "\n";
  const r = await runWrk<{ loops: number; passes: number; errors: number; ranOut: boolean; used: number[] }>(
    QUIZ_SCRIPT,
    { ...o, path: "/", files, args: (dir) => [path.join(dir, "learners"), path.join(dir, "key"), o.course] },
  );
  const { line } = r;
  return {
    loops: line.loops,
    passes: line.passes,
    errors: line.errors + r.socketErrors,
    samples: r.samples,
    seconds: r.seconds,
    p50: r.p50,
    p99: r.p99,
    generatorCpuMs: r.generatorCpuMs,
    unused: [
      ...blocks.flatMap((b, i) => b.slice(line.used[i] ?? b.length)),
      ...o.learners.slice(share * o.concurrency),
    ],
    ranOut: line.ranOut,
  };
}
