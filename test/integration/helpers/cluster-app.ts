// A multi-process server for test/integration/cluster.test.ts, without a Remix build: the real primary
// (server/primary.js) and the real worker lifecycle (server/worker.js), each worker running the app's own
// background jobs against DATABASE_URL like server.js does. Its pages: `/` answers the worker's pid after a
// query, `/slow?ms=N` answers after N ms. Run as `node --import tsx test/integration/helpers/cluster-app.ts`.
// CLUSTER_APP_PLANNING_NOW (an ISO instant, optional, read by this helper only, never by server.js) fixes the
// day the workers plan reminders and digests for, so a run that crosses midnight in Vietnam (17:00 UTC)
// plans for the day the test's due dates were computed from; the outbox keeps the wall clock.
import cluster from "node:cluster";
import { runPrimary } from "../../../server/primary.js";
import { serveWorker } from "../../../server/worker.js";

const workers = Number(process.env.CLUSTER_WORKERS ?? 2);
const planningNow = ((raw) => {
  if (raw === undefined) return undefined;
  const at = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(at.getTime()))
    throw new Error(`CLUSTER_APP_PLANNING_NOW: not an ISO instant: ${JSON.stringify(raw)}`);
  return () => at;
})(process.env.CLUSTER_APP_PLANNING_NOW);
if (cluster.isPrimary) {
  // What the primary saw, for the test's failure message (a worker that never listened, an exit, a restart).
  const t0 = Date.now();
  const trace = (line: string) => console.log(`[trace +${Date.now() - t0} ms] ${line}`);
  cluster.on("fork", (w) => trace(`fork ${w.process.pid}`));
  cluster.on("online", (w) => trace(`online ${w.process.pid}`));
  cluster.on("listening", (w, a) => trace(`listening ${w.process.pid} port ${a.port}`));
  cluster.on("disconnect", (w) => trace(`disconnect ${w.process.pid}`));
  cluster.on("exit", (w, code, signal) => trace(`exit ${w.process.pid} code ${code} signal ${signal}`));
  runPrimary({
    workers,
    timeoutMs: 15_000,
    onListening: (address) => console.log(`listening on ${address.port}`),
  });
} else {
  await import("../../../app/wiring.server.ts");
  const { db, closeDb } = await import("../../../app/db.server.ts");
  const { startBackgroundJobs } = await import("../../../app/modules/notifications/jobs.server.ts");
  const { stopScheduler } = await import("../../../app/modules/notifications/scheduler.server.ts");
  serveWorker({
    port: Number(process.env.PORT ?? 0),
    timeoutMs: 15_000,
    drainMs: 500,
    handler: (req, res) => {
      const url = new URL(req.url ?? "/", "http://x");
      const wait = Number(url.searchParams.get("ms") ?? 0);
      void (async () => {
        await db.$queryRaw`SELECT 1`;
        if (url.pathname === "/slow") await new Promise((r) => setTimeout(r, wait));
        res.end(String(process.pid));
      })().catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    },
    startJobs: () => startBackgroundJobs(undefined, { planningNow }),
    stop: async () => {
      await stopScheduler();
      await closeDb();
    },
  });
}
