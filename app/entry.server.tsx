import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { closeDb } from "~/db.server";
import "~/wiring.server";
import { stopScheduler } from "~/modules/notifications/scheduler.server";
import { NonceProvider } from "~/utils/nonce";

export { isSameOriginRequest } from "~/modules/auth/origin";
export { startBackgroundJobs } from "~/modules/notifications/jobs.server";
/** Called by server.js before it listens, so a locked embedded database stops the start with its message. */
export { dbHandle as openDatabase } from "~/db.server";
export { checkAuthConfig } from "~/modules/auth/config.server";
/** Called by server.js first: a bad environment variable stops the start with its name. */
export { checkEnv } from "~/env.server";
/** server.js runs every request through it: reports read the replica, except right after this browser wrote. */
export { withReadYourWrites } from "~/read-your-writes.server";

/** Called by server.js on SIGTERM/SIGINT: let a running scheduler tick finish, then close the database. */
export async function shutdown() {
  await stopScheduler();
  await closeDb();
}

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and "no route matches" 404s are not errors worth a stack trace in the log.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  console.error(error);
}
