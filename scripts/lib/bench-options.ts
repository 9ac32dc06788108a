// The options every benchmark of the built server (bench:pages, bench:quiz) reads, in one place: BENCH_SECONDS
// (per measurement), BENCH_PROCESSES (N, default every core), BENCH_PORT (the first tree's port, the next
// tree the next port), BENCH_CPU_PROF=<dir> (the servers write V8 CPU profiles there on exit; summarise
// them with `node scripts/cpu-profile-top.mjs <dir>/*.cpuprofile`), BENCH_WORKERS (clients) and `--rev <git-rev>`.
import os from "node:os";
import path from "node:path";

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${raw}: a positive number, please`);
  return n;
};

export type BenchOptions = {
  seconds: number;
  /** The process counts to measure: 1 and N (once when N is 1). */
  processCounts: number[];
  basePort: number;
  /** Concurrent clients (bench:quiz). */
  workers: number;
  /** Node flags of the servers (BENCH_CPU_PROF). */
  nodeArgs: string[];
  rev: string | undefined;
};

export function benchOptions(defaults: { seconds: number; port: number; workers?: number }): BenchOptions {
  const n = num("BENCH_PROCESSES", os.availableParallelism());
  const prof = process.env.BENCH_CPU_PROF;
  return {
    seconds: num("BENCH_SECONDS", defaults.seconds),
    processCounts: [...new Set([1, n])],
    basePort: num("BENCH_PORT", defaults.port),
    workers: num("BENCH_WORKERS", defaults.workers ?? 1),
    nodeArgs: prof ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(prof)}`] : [],
    rev: argValue("--rev"),
  };
}
