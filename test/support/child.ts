// The lifetime of the servers the tests start as child processes (slapd, PgBouncer, a standby).
import type { ChildProcess } from "node:child_process";

/** Whatever happens to the test process, `child` does not outlive it. */
export function killWithTestProcess(child: ChildProcess, signal: NodeJS.Signals): void {
  const kill = () => child.kill(signal);
  process.once("exit", kill);
  child.once("exit", () => process.removeListener("exit", kill));
}

/**
 * An idempotent close() for `child`: sends `signal` (the program's own clean shutdown), `force` when it has
 * not exited after graceMs, then runs `after` (remove its files and the like).
 */
export function closerOf(
  child: ChildProcess,
  stop: { signal: NodeJS.Signals; graceMs: number; force: NodeJS.Signals; after: () => unknown },
): () => Promise<void> {
  let closed: Promise<void> | undefined;
  return () =>
    (closed ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill(stop.force), stop.graceMs);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill(stop.signal);
    }).then(async () => {
      await stop.after();
    }));
}
