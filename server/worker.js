// One serving process (the only one with the embedded database, or one of WEB_CONCURRENCY workers under
// server/primary.js): listen, start the background jobs, and stop gracefully on SIGTERM/SIGINT or when the
// primary asks (a graceful restart, a cluster shutdown).
//
// Stopping: every response from then on says `Connection: close`, so clients on keep-alive connections open
// their next request elsewhere instead of racing a socket we are about to close; after `drainMs` (or as soon
// as no connection is left) the listener closes, in-flight requests finish, then the jobs and the database
// stop and the process exits 0. Past `timeoutMs` the remaining connections are cut and it exits anyway.
import cluster from "node:cluster";
import http from "node:http";

/** The message the primary sends a worker it retires. */
export const SHUTDOWN_MESSAGE = "hoc:shutdown";

/**
 * @param {object} o
 * @param {import("node:http").RequestListener} o.handler
 * @param {number} o.port
 * @param {(server: import("node:http").Server) => void} [o.onListening]
 * @param {() => unknown} [o.startJobs] background jobs, started once the port is bound
 * @param {() => Promise<unknown>} [o.stop] stops the jobs (letting a running tick finish) and closes the database
 * @param {number} [o.timeoutMs] hard limit of a graceful stop
 * @param {number} [o.drainMs] how long keep-alive clients get to move before idle connections are closed
 * @param {boolean} [o.exit] exit the process when stopped (default true; tests pass false)
 * @param {number} [o.keepAliveMs] how long an idle keep-alive connection stays open (default 65 s)
 */
export function serveWorker({
  handler,
  port,
  onListening,
  startJobs,
  stop,
  timeoutMs = 25_000,
  drainMs = 1_000,
  exit = true,
  keepAliveMs = 65_000,
}) {
  let draining = false;
  const responses = new Set();
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    responses.add(res);
    res.once("close", () => responses.delete(res));
    if (draining) res.shouldKeepAlive = false;
    handler(req, res);
  });
  // Node closes an idle keep-alive connection after 5 s by default (6 s on Node 20, with its buffer), while
  // nginx keeps its upstream connections 60 s (keepalive_timeout) and reuses them: a request nginx sends as
  // Node closes that socket is lost (a POST is not retried: 502). So idle connections live longer here than on
  // any client of ours (nginx, the benches, the e2e tests' request context); headersTimeout must exceed it.
  server.keepAliveTimeout = keepAliveMs;
  server.headersTimeout = keepAliveMs + 1_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.listen(port, () => {
    onListening?.(server);
    startJobs?.();
  });

  let stopping;
  /** Idempotent: a second signal (or the primary's message after a signal) waits for the same stop. */
  function shutdown() {
    stopping ??= (async () => {
      draining = true;
      // Answers not yet started close their connection too (`Connection: close`).
      for (const res of responses) if (!res.headersSent) res.shouldKeepAlive = false;
      const deadline = Date.now() + timeoutMs;
      const hardStop = setTimeout(() => server.closeAllConnections(), timeoutMs);
      hardStop.unref();
      // Busy keep-alive connections get their `Connection: close` answer meanwhile and go away by themselves.
      const drainUntil = Date.now() + Math.min(drainMs, timeoutMs);
      while (sockets.size > 0 && Date.now() < drainUntil) await sleep(20);
      // Stop accepting (idle connections are closed now); the callback runs once the in-flight requests end.
      // A connection whose answer had already started keeps alive: close it as soon as it is idle.
      const closed = new Promise((resolve) => {
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(idle);
          resolve();
        });
      });
      // Under node:cluster the primary may have handed us a connection before it read that we closed: we
      // turn it back (it goes to another worker) only if we are still here to read it. Exiting first leaves
      // the client hanging, and the primary never sees us disconnect (docs/decisions/013). So wait for the
      // primary's answer to our disconnect, which comes after every connection it sent us.
      const released = cluster.isWorker ? releasedByPrimary() : undefined;
      await closed;
      await withTimeout(released, Math.max(1_000, deadline - Date.now())).catch(() => {});
      let code = 0;
      try {
        await withTimeout(stop?.(), Math.max(1_000, deadline - Date.now()));
      } catch (error) {
        console.error("[server] dừng chưa trọn vẹn:", error instanceof Error ? error.message : error);
        code = 1;
      }
      clearTimeout(hardStop);
      if (exit) process.exit(code);
      return code;
    })();
    return stopping;
  }
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  if (cluster.isWorker) {
    process.on("message", (message) => {
      if (message === SHUTDOWN_MESSAGE) void shutdown();
    });
    // A restart is the primary's to run (a hang-up of the terminal reaches the whole process group).
    for (const signal of ["SIGHUP", "SIGUSR2"]) process.on(signal, () => {});
    // The primary is gone (killed without a chance to stop us): nobody hands us connections any more.
    process.on("disconnect", () => void shutdown());
  }
  return {
    server,
    shutdown,
    get inFlight() {
      return responses.size;
    },
  };
}

/** Disconnects from the primary once it has acknowledged our closed listener; resolves when disconnected. */
function releasedByPrimary() {
  if (!process.connected) return Promise.resolve();
  return new Promise((resolve) => {
    process.once("disconnect", resolve);
    cluster.worker?.disconnect();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    Promise.resolve(promise).finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`quá ${ms} ms`)), ms);
      timer.unref();
    }),
  ]);
}
