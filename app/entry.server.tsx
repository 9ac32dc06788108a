import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
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
// The drill tracking paths answered before Remix (server.js): a click costs far less than a page.
export { trackingAnswer } from "~/modules/phishing/track.server";
/** server.js runs every request through it: reports read the replica, except right after this browser wrote. */
export { withReadYourWrites } from "~/read-your-writes.server";

/** Called by server.js on SIGTERM/SIGINT: let a running scheduler tick finish, then close the database. */
export async function shutdown() {
  await stopScheduler();
  await closeDb();
}

const ABORT_DELAY = 5_000;

/** Each rendered document's bytes, by its Response: server.js sends them in one write (server/send-document.js). */
const documentBodies = new WeakMap<Response, Buffer>();

/** The whole body of a document this module rendered, or undefined (any other answer: stream it). */
export function documentBody(response: Response): Buffer | undefined {
  return documentBodies.get(response);
}

/**
 * The whole document, rendered before the answer starts (no page defers data), sent as one body: streaming
 * it in React's 2 KB pieces cost a write, a compression flush and a socket write per piece (express's
 * adapter flushes after every chunk), several times the CPU of the render itself on a small page.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : undefined;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const body = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    body.on("finish", () => {
      clearTimeout(timer);
      const html = Buffer.concat(chunks);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      responseHeaders.set("Content-Length", String(html.length));
      const response = new Response(html, { headers: responseHeaders, status: responseStatusCode });
      documentBodies.set(response, html);
      resolve(response);
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Before the shell, Remix renders the error boundary and handleError logs it.
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  // Aborted requests and "no route matches" 404s are not errors worth a stack trace in the log.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  console.error(error);
}
