// Read-your-writes with a replica (docs/decisions/015-read-replica.md). Every request runs inside a read
// context; a state-changing request that succeeded answers with a short cookie holding the primary's WAL
// position, and that browser's reports read the replica only once it has replayed that far. The cookie
// travels with the browser, so it holds whichever worker process or server answers next.
import { getEnv } from "~/env.server";
import { primaryLsn, replicaClient } from "~/db.server";
import { readCookie, secureCookies } from "~/modules/auth/session.server";
import { runWithReadContext } from "~/read-context.server";

export const READ_COOKIE = "hoc_rw";
/** A pg_lsn as PostgreSQL prints it ("16/B374D848"); anything else in the cookie is ignored. */
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The write position a request's cookie carries, or null (absent or not an LSN). */
export function lsnOf(request: Request): string | null {
  const value = readCookie(request, READ_COOKIE);
  return value && LSN.test(value) ? value : null;
}

export function readCookieFor(lsn: string): string {
  const parts = [
    `${READ_COOKIE}=${lsn}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${getEnv().READ_YOUR_WRITES_SECONDS}`,
  ];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

function withCookie(response: Response, cookie: string): Response {
  try {
    response.headers.append("Set-Cookie", cookie);
    return response;
  } catch {
    // Immutable headers (Response.redirect, fetch responses): the same answer with a copy of them.
    const headers = new Headers(response.headers);
    headers.append("Set-Cookie", cookie);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/**
 * Runs one request's handler in its read context. Without a replica this is the handler alone (no cookie,
 * no query). With one: reads of a POST come from the primary; a POST that succeeded (or a GET whose module
 * called noteWrite) sets the cookie with pg_current_wal_lsn() taken after its writes committed.
 */
export async function withReadYourWrites(
  request: Request,
  handle: () => Promise<Response>,
): Promise<Response> {
  if (!replicaClient()) return handle();
  const context = { primaryOnly: !SAFE_METHODS.has(request.method), minLsn: lsnOf(request), wrote: false };
  const response = await runWithReadContext(context, handle);
  if (!(context.wrote || (context.primaryOnly && response.status < 400))) return response;
  // The writes are committed: failing to read the position must not turn the answer into an error.
  const lsn = await primaryLsn().catch((error: unknown) => {
    console.error("Không đọc được vị trí WAL của máy chính:", error);
    return null;
  });
  return lsn ? withCookie(response, readCookieFor(lsn)) : response;
}
