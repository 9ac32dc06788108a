// The real primary (server/primary.js) and worker lifecycle (server/worker.js) with nothing else: each worker
// answers its pid and stops at once, no database. For test/unit/cluster-restart.test.ts:
// `node --import tsx test/support/cluster-echo.ts`. SLOW_PRIMARY_MS=N makes the primary stall N ms right
// after it asks a worker to stop, like a primary that gets no CPU on a loaded machine: it then reads the
// worker's "listener closed" only after the worker had all the time it needed to exit. A new worker reads
// START_FILE (if set) before listening: "fail" exits 1, "hang" never listens (a broken or stuck release).
import cluster from "node:cluster";
import { existsSync, readFileSync } from "node:fs";
import { runPrimary } from "../../server/primary.js";
import { SHUTDOWN_MESSAGE, serveWorker } from "../../server/worker.js";

if (cluster.isPrimary) {
  const stall = Number(process.env.SLOW_PRIMARY_MS ?? 0);
  cluster.on("fork", (worker) => {
    const send = worker.send.bind(worker) as (message: unknown) => boolean;
    worker.send = (message: unknown) => {
      const sent = send(message);
      if (message === SHUTDOWN_MESSAGE) {
        const until = Date.now() + stall;
        while (Date.now() < until); // busy on purpose: nothing else of the primary runs meanwhile
      }
      return sent;
    };
  });
  // Node emits "disconnect" for a worker only once every connection handed to it is acknowledged: a worker
  // that exits holding one is never seen to disconnect, and that connection hangs.
  cluster.on("disconnect", (w) => console.log(`disconnect ${w.process.pid}`));
  cluster.on("exit", (w) => console.log(`exit ${w.process.pid}`));
  cluster.on("fork", (w) => console.log(`fork ${w.process.pid}`));
  runPrimary({
    workers: 2,
    timeoutMs: 10_000,
    startTimeoutMs: Number(process.env.START_TIMEOUT_MS ?? 120_000),
    onListening: (address) => console.log(`listening on ${address.port}`),
  });
} else {
  const file = process.env.START_FILE;
  const start = file && existsSync(file) ? readFileSync(file, "utf8").trim() : "";
  if (start === "fail") {
    console.error(`worker ${process.pid}: cannot start`);
    process.exit(1);
  }
  if (start === "hang") setInterval(() => {}, 60_000);
  else
    serveWorker({
      port: 0,
      timeoutMs: 10_000,
      drainMs: 100,
      handler: (_req, res) => res.end(String(process.pid)),
      stop: async () => {},
    });
}
