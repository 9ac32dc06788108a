// The primary of a multi-process server (WEB_CONCURRENCY workers sharing the port through node:cluster).
// It serves nothing itself: it starts the workers, replaces one that dies, replaces them all one by one on
// SIGHUP or SIGUSR2 (graceful restart: each new worker listens before an old one is told to stop, so no
// request fails), and on SIGTERM/SIGINT stops them all gracefully (server/worker.js) and exits 0.
// Background jobs run in every worker; they take PostgreSQL advisory locks and dedupe keys, so each runs once
// (docs/decisions/013-serving-processes.md).
import cluster from "node:cluster";
import { SHUTDOWN_MESSAGE } from "./worker.js";

/**
 * Each worker's young generation, per semi-space (MB). V8's default (16 MB on 64-bit) fills every 15-20 page
 * views at 20 concurrent requests, and each scavenge copies what the requests in flight still hold: at 64 MB
 * a worker scavenged 2-4 times less often for the same requests, for the same cost per scavenge (lesson page,
 * --trace-gc). A worker's memory after the same load stayed the same (346 MB resident either way).
 * docs/deploy.md says how to choose another size.
 */
export const SEMI_SPACE_MB = 64;

/**
 * The workers' Node flags: the primary's own, plus the young generation size unless the operator set one
 * (in the command line or NODE_OPTIONS, which the workers inherit).
 * @param {string[]} execArgv
 * @param {string} [nodeOptions]
 */
export function workerExecArgv(execArgv, nodeOptions = "") {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => a.startsWith("--max-semi-space-size"));
  return given ? execArgv : [...execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`];
}

/**
 * @param {object} o
 * @param {number} o.workers
 * @param {(address: import("node:net").AddressInfo | any, workers: number) => void} [o.onListening]
 *   once every worker of the first start listens
 * @param {number} [o.timeoutMs] how long a worker gets to stop before it is killed
 * @param {number} [o.startTimeoutMs] how long a restart's new worker gets to listen before it is killed
 * @param {(line: string) => void} [o.log]
 * @returns {{ restart(): Promise<void>, shutdown(): Promise<void> }}
 */
export function runPrimary({
  workers: count,
  onListening,
  timeoutMs = 25_000,
  startTimeoutMs = 120_000,
  log = console.log,
}) {
  /** Workers asked to stop (restart or shutdown): their exit is expected, not replaced. */
  const retiring = new Set();
  /** A restart's new worker until it listens: if it exits first the restart stops, nothing replaces it. */
  const trial = new Set();
  const listened = new WeakSet();
  let started = false;
  let stopping = null;
  let restarting = null;
  let crashes = 0;

  cluster.setupPrimary({
    execArgv: workerExecArgv(cluster.settings.execArgv ?? process.execArgv, process.env.NODE_OPTIONS),
  });
  const fork = () => {
    const worker = cluster.fork();
    worker.startedAt = Date.now();
    return worker;
  };

  cluster.on("listening", (worker, address) => {
    listened.add(worker);
    if (!started && Object.values(cluster.workers ?? {}).every((w) => listened.has(w))) {
      started = true;
      onListening?.(address, count);
    }
  });

  cluster.on("exit", (worker, code, signal) => {
    if (stopping || retiring.has(worker) || trial.has(worker)) return;
    const how = signal ? `tín hiệu ${signal}` : `mã ${code}`;
    if (!started) {
      // A worker that cannot start (bad settings, database unreachable) has said why; the others would too.
      log(`[cluster] tiến trình ${worker.process.pid} không khởi động được (${how}); dừng máy chủ.`);
      void stopAll().then(() => process.exit(code || 1));
      return;
    }
    // A worker that dies young again and again waits longer each time, so a crash loop does not spin.
    const young = Date.now() - worker.startedAt < 10_000;
    crashes = young ? crashes + 1 : 0;
    const delay = young ? Math.min(30_000, 250 * 2 ** crashes) : 0;
    log(`[cluster] tiến trình ${worker.process.pid} đã dừng (${how}); khởi động tiến trình thay thế.`);
    setTimeout(() => {
      if (!stopping) fork();
    }, delay);
  });

  /** Asks a worker to stop and waits for its exit; kills it if it overstays `timeoutMs`. */
  function retire(worker) {
    retiring.add(worker);
    return new Promise((resolve) => {
      if (worker.isDead()) return resolve();
      const kill = setTimeout(() => worker.process.kill("SIGKILL"), timeoutMs + 5_000);
      worker.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE);
      else worker.process.kill("SIGTERM");
    });
  }

  /** Resolves true once `worker` listens, false if it exits first (killed when it takes longer than `ms`). */
  const listening = (worker, ms) =>
    new Promise((resolve) => {
      if (listened.has(worker)) return resolve(true);
      const onListen = () => done(true);
      const onExit = () => done(false);
      const tooLong = setTimeout(() => {
        log(`[cluster] tiến trình ${worker.process.pid} chưa sẵn sàng sau ${ms / 1000} giây: dừng nó.`);
        worker.process.kill("SIGKILL");
      }, ms);
      const done = (ok) => {
        clearTimeout(tooLong);
        worker.off("listening", onListen);
        worker.off("exit", onExit);
        resolve(ok);
      };
      worker.on("listening", onListen);
      worker.on("exit", onExit);
    });

  function restart() {
    if (stopping) return stopping;
    restarting ??= (async () => {
      const old = Object.values(cluster.workers ?? {}).filter((w) => !retiring.has(w));
      log(`[cluster] khởi động lại lần lượt ${old.length} tiến trình…`);
      for (const worker of old) {
        if (worker.isDead()) continue; // died meanwhile: the exit handler has replaced it
        const fresh = fork();
        trial.add(fresh);
        const ok = await listening(fresh, startTimeoutMs);
        trial.delete(fresh);
        if (!ok) {
          log(
            "[cluster] tiến trình mới không khởi động được: dừng khởi động lại, các tiến trình cũ vẫn phục vụ.",
          );
          return;
        }
        await retire(worker);
      }
      log("[cluster] đã khởi động lại xong.");
    })().finally(() => {
      restarting = null;
    });
    return restarting;
  }

  function stopAll() {
    stopping ??= Promise.all(Object.values(cluster.workers ?? {}).map(retire)).then(() => {});
    return stopping;
  }

  async function shutdown() {
    log("[cluster] đang dừng các tiến trình…");
    await stopAll();
    process.exit(0);
  }

  process.on("SIGHUP", () => void restart());
  process.on("SIGUSR2", () => void restart());
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  for (let i = 0; i < count; i++) fork();
  return { restart, shutdown };
}
