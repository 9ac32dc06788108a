// A multi-process server started by a test (test/integration/helpers/cluster-app.ts, test/support/cluster-echo.ts)
// and the waits around it. Every wait has a limit and fails with what it waited for and the cluster's own
// output (its [trace] lines say which worker forked, listened, disconnected, exited), never by hanging until
// the test's timeout (whose failure says nothing, and leaves the processes running).
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { childProcesses } from "../../scripts/lib/proc.ts";

const root = path.resolve(import.meta.dirname, "../..");

export type Cluster = {
  child: ChildProcess;
  port: number;
  out: () => string;
  exited: Promise<number | null>;
  /** Pids of the workers now, and everything the cluster printed: for failure messages. */
  report: () => string;
};

/** Starts `script` (a primary) with tsx; resolves once it prints "listening on <port>" (all its workers listen). */
export async function startCluster(
  script: string,
  env: Record<string, string>,
  limitMs = 120_000,
): Promise<Cluster> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  let code: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (c) => {
      code = c;
      resolve(c);
    }),
  );
  const report = () =>
    `workers now: ${code === undefined ? workerPids(child.pid!).join(", ") || "none" : `primary exited (${code})`}\n` +
    `cluster output:\n${out}`;
  try {
    // The whole output each time: the line may arrive split over two chunks, or with others in one.
    await until(() => /listening on \d+/.test(out) || code !== undefined, "the cluster to listen", {
      limitMs,
      report,
    });
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  if (code !== undefined) throw new Error(`The cluster exited (${code}) before listening.\n${report()}`);
  const port = Number(out.match(/listening on (\d+)/)![1]);
  return { child, port, out: () => out, exited, report };
}

/** The worker pids under the primary, from /proc (Linux). */
export function workerPids(primary: number): number[] {
  // The primary's other children (the esbuild service tsx starts on a cold cache) are not workers.
  return childProcesses(primary)
    .filter((p) => p.command !== "esbuild")
    .map((p) => p.pid);
}

export function get(port: number, agent: http.Agent, p = "/") {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: p, agent }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      })
      .on("error", reject);
  });
}

type Wait = { limitMs: number; report?: () => string };

const failure = (what: string, { limitMs, report }: Wait) =>
  new Error(
    `Timed out after ${Math.round(limitMs / 1000)} s waiting for ${what}${report ? `.\n${report()}` : ""}`,
  );

/** Polls `cond` every 50 ms until it holds; throws after `limitMs` with what it waited for. */
export async function until(cond: () => Promise<boolean> | boolean, what: string, wait: Wait) {
  const end = Date.now() + wait.limitMs;
  while (!(await cond())) {
    if (Date.now() > end) throw failure(what, wait);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `promise`, or an error saying what it was after `limitMs`. */
export async function within<T>(promise: Promise<T>, what: string, wait: Wait): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(failure(what, wait)), wait.limitMs)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The time left of a test's budget, so that its last wait still fails by itself before the test's timeout. */
export function budget(totalMs: number) {
  const end = Date.now() + totalMs;
  return (limitMs: number) => Math.max(1_000, Math.min(limitMs, end - Date.now()));
}
