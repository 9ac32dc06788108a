// Express server: security headers, the Origin check, static files, then Remix. In production on PostgreSQL,
// a primary (server/primary.js) runs WEB_CONCURRENCY copies of it (default: one per core) on the same port.
import cluster from "node:cluster";
import crypto from "node:crypto";
import os from "node:os";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
// The adapter's own request/response conversion (the package's index exports only createRequestHandler).
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler, installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { runPrimary } from "./server/primary.js";
import { processPlan } from "./server/processes.js";
import { rememberRouteMatching } from "./server/route-matching.js";
import { sendDocument } from "./server/send-document.js";
import { serveWorker } from "./server/worker.js";

installGlobals({ nativeFetch: true });
// Each request matched its path against the whole route tree three times over, and rebuilt the tree React
// Router renders: remember the answers (server/route-matching.js).
const require = createRequire(import.meta.url);
rememberRouteMatching(
  require("@remix-run/router"),
  require("@remix-run/react/dist/routes.js"),
  require("@remix-run/server-runtime/dist/entry.js"),
);

const here = path.dirname(fileURLToPath(import.meta.url));
const BUILD_PATH = path.join(here, "build/index.js");
let build = await import(BUILD_PATH);

// Every variable is checked here, once, by the app's schema (app/env.server.ts): a bad one stops the start
// with its name. The server reads its settings from the parsed result, never from process.env.
let env;
try {
  env = build.entry.module.checkEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const plan = processPlan(env, os.availableParallelism());
const timeoutMs = env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
const banner = (port, workers) =>
  console.log(
    `Học ATTT đang chạy tại http://localhost:${port} (đăng nhập: http://localhost:${port}/login)` +
      (workers > 1 ? `, ${workers} tiến trình` : ""),
  );
if (plan.note && cluster.isPrimary) console.log(plan.note);
if (plan.clustered && cluster.isPrimary) {
  // The database and AUTH_CONFIG are checked once here, before forking: a mistake is printed once, not by
  // every worker (each checks again, and then passes).
  await checkBeforeServing();
  await build.entry.module.shutdown?.();
  runPrimary({
    workers: plan.workers,
    timeoutMs,
    onListening: (address) => banner(address.port, plan.workers),
  });
} else {
  await serve();
}

// Open the database before listening: a second process on the same embedded database (data/pglite) stops
// here with the reason instead of serving pages from a database it would share unsafely.
async function checkBeforeServing() {
  try {
    build.entry.module.openDatabase?.();
    // The sign-in configuration (AUTH_CONFIG): a mistake stops the start with the reason, not the first login.
    await build.entry.module.checkAuthConfig?.();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

/** Whether the path may name a file in public/: its first segment is one of `names`, or it does not decode. */
function mayBePublicFile(p, names) {
  try {
    return names.has(decodeURIComponent(p).split("/", 2)[1] ?? "");
  } catch {
    // A malformed escape: the static handler answers it with the 400 below, as it always did.
    return true;
  }
}

async function serve() {
  const isDev = env.NODE_ENV === "development";
  const allowedOrigins = env.APP_ORIGIN;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  // COMPRESSION=false: the reverse proxy in front compresses, the app does not spend its CPU on it.
  if (env.COMPRESSION) app.use(compression());

  // The policy is the same for every answer but its nonce: built once, the nonce slotted in per request.
  const [cspHead, cspTail] = [
    "default-src 'self'",
    `script-src 'self' 'nonce-\u0000'${isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${isDev ? " ws://localhost:*" : ""}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ]
    .join("; ")
    .split("\u0000");
  const hsts = env.NODE_ENV === "production" && env.SECURE_COOKIES !== "false";
  app.use((req, res, next) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", cspHead + nonce + cspTail);
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });

  // Every state-changing request must come from our own pages (defence in depth next to SameSite=Lax).
  // The rule itself lives in app/modules/auth/origin.ts (unit-tested), exported through entry.server.
  // The drill's open pixel and link (GET /t/o/…, /t/c/…) are answered here, before the Origin check, the
  // static files, the request log and Remix: a click must cost far less than a page (npm run bench:phishing;
  // the Remix routes of the same paths serve development). Their headers replace the page policy above.
  app.get(/^\/t\/[oc]\//, (req, res, next) => {
    const answer = build.entry.module.trackingAnswer?.(req.method, req.path);
    if (!answer) return next();
    answer.then(
      (a) => {
        res.status(a.status);
        for (const [k, v] of Object.entries(a.headers)) res.setHeader(k, v);
        res.end(a.body ?? undefined);
      },
      (error) => next(error),
    );
  });

  // The drill's landing form (POST /t/s/<token>) is exempt: its page sends no referrer, so browsers send
  // "Origin: null", and the only thing it can do is mark its own token's "submitted" (the token is the secret).
  app.use((req, res, next) => {
    if (req.path.startsWith("/t/s/")) return next();
    const { isSameOriginRequest } = build.entry.module;
    const headers = { origin: req.get("origin"), referer: req.get("referer"), host: req.get("host") };
    if (isSameOriginRequest(req.method, headers, allowedOrigins)) return next();
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("Yêu cầu bị từ chối: nguồn gửi không hợp lệ (Origin).");
  });

  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // public/ holds build/ and a few files: a page's path (/learn) skips the file lookup (a stat and an ENOENT
  // error per request) unless its first segment names one of them. Development looks every time.
  const serveFile = express.static("public", { maxAge: "1h" });
  const publicNames = new Set(existsSync("public") ? readdirSync("public") : []);
  app.use((req, res, next) =>
    isDev || mayBePublicFile(req.path, publicNames) ? serveFile(req, res, next) : next(),
  );
  if (env.LOG_REQUESTS) app.use(morgan("tiny"));

  if (isDev) {
    const { broadcastDevReady } = await import("@remix-run/node");
    broadcastDevReady(build);
    const chokidar = await import("chokidar").catch(() => null);
    if (chokidar) {
      chokidar.watch(BUILD_PATH, { ignoreInitial: true }).on("all", async () => {
        build = await import(`${BUILD_PATH}?t=${Date.now()}`);
        broadcastDevReady(build);
      });
    }
  }

  // @remix-run/express's handler, opened up so the app's read context wraps each request: a write's answer
  // carries the cookie that sends this browser's next reports to the primary until the replica has it.
  const remixHandler = (mode) => {
    const handle = createRequestHandler(build, mode);
    return async (req, res, next) => {
      try {
        const request = createRemixRequest(req, res);
        const context = { cspNonce: res.locals.cspNonce };
        const run = build.entry.module.withReadYourWrites ?? ((_r, fn) => fn());
        const response = await run(request, () => handle(request, context));
        // A rendered page: its bytes in one write. Anything else (data, redirects, files): the adapter's way.
        const body = build.entry.module.documentBody?.(response);
        if (body && !response.bodyUsed)
          sendDocument(req, res, response, body, { compressing: env.COMPRESSION });
        else await sendRemixResponse(res, response);
      } catch (error) {
        next(error);
      }
    };
  };
  app.all(
    "*",
    isDev ? (req, res, next) => remixHandler("development")(req, res, next) : remixHandler("production"),
  );

  // Requests Remix never sees: a malformed URL (%E0%A4%A) fails express's own decoding with a 400 that
  // would otherwise be express's English HTML page. Answer it in the user's language, as plain text.
  const REQUEST_ERRORS = {
    vi: "Yêu cầu không hợp lệ: địa chỉ hoặc dữ liệu gửi lên không đọc được.",
    en: "Invalid request: the address or the data sent could not be read.",
  };
  app.use((err, req, res, next) => {
    const status = Number(err?.status ?? err?.statusCode ?? 500);
    if (res.headersSent || !(status >= 400 && status < 500)) return next(err);
    const locale = /(?:^|;\s*)hoc_lang=en(?:;|$)/.test(req.get("cookie") ?? "") ? "en" : "vi";
    res.status(status).type("text/plain; charset=utf-8").send(REQUEST_ERRORS[locale]);
  });

  await checkBeforeServing();

  serveWorker({
    handler: app,
    port: env.PORT,
    timeoutMs,
    // The port actually bound (PORT=0 asks the system for a free one), not the one we guessed. Under the
    // primary, it prints the address once every worker listens.
    onListening: (server) => {
      if (!cluster.isWorker) banner(server.address().port, 1);
    },
    // Reminders and the email outbox (REMINDERS_ENABLED) and the hourly upkeep (JOBS_ENABLED) run in every
    // serving process; advisory locks and dedupe keys make each due job run once across them.
    startJobs: () => build.entry.module.startBackgroundJobs?.(),
    stop: () => build.entry.module.shutdown?.(),
  });
}
