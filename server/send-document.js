// A rendered page's answer, sent straight from its bytes. @remix-run/express's sendRemixResponse reads a body
// through a web stream (a reader, a promise per chunk), writes it, flushes the compression stream after every
// chunk, then ends: for a page whose whole HTML is already one Buffer (app/entry.server.tsx renders it before
// answering), that round trip, the zlib stream (its Transform, the thread-pool hop per write and per flush)
// and the chunked encoding cost more CPU per request than compressing the Buffer in one call. The answer is
// the same: the same encoding chosen the same way as compression() would (its own negotiator and defaults),
// then one res.end with the Content-Length. compression() sees the Content-Encoding and leaves it alone.
import { createRequire } from "node:module";
import zlib from "node:zlib";

const require = createRequire(import.meta.url);
/** The negotiator compression() itself uses (its dependency), so both pick the same encoding. */
const Negotiator = createRequire(require.resolve("compression"))("negotiator");

// compression()'s defaults (compression 1.8): bodies under 1 KB go as they are; brotli at quality 4.
const THRESHOLD = 1024;
const SUPPORTED = ["br", "gzip", "deflate", "identity"];
const PREFERRED = ["br", "gzip"];
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } };
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;

/**
 * The encoding compression() would choose for this answer, or null to send it as it is. Also adds
 * `Vary: Accept-Encoding` where compression() would (every compressible answer, compressed or not).
 * @param {import("express").Request} req
 * @param {import("express").Response} res
 * @param {number} length the body's length in bytes
 * @returns {"br" | "gzip" | "deflate" | null}
 */
export function chooseEncoding(req, res, length) {
  // Only documents come here (text/html, compressible); the Cache-Control of the answer may forbid it.
  const cacheControl = res.getHeader("Cache-Control");
  if (cacheControl && NO_TRANSFORM.test(String(cacheControl))) return null;
  res.vary("Accept-Encoding");
  if (length < THRESHOLD || req.method === "HEAD") return null;
  const current = res.getHeader("Content-Encoding");
  if (current && current !== "identity") return null;
  // No Accept-Encoding: compression()'s enforceEncoding default, identity.
  if (!req.headers["accept-encoding"]) return null;
  const method = new Negotiator(req).encoding(SUPPORTED, PREFERRED);
  return method === "br" || method === "gzip" || method === "deflate" ? method : null;
}

/** @param {Buffer} body @param {"br" | "gzip" | "deflate"} method */
function compress(body, method) {
  if (method === "br") return zlib.brotliCompressSync(body, BROTLI);
  return method === "gzip" ? zlib.gzipSync(body) : zlib.deflateSync(body);
}

/**
 * Sends Remix's answer for a document whose body is `body`: its status and headers as sendRemixResponse
 * would set them, then the body (compressed when `compressing` and the browser accepts it) in one write.
 * @param {import("express").Request} req
 * @param {import("express").Response} res
 * @param {Response} response
 * @param {Buffer} body
 * @param {{ compressing: boolean }} o whether compression() runs (COMPRESSION)
 */
export function sendDocument(req, res, response, body, { compressing }) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers) res.append(key, value);
  const method = compressing ? chooseEncoding(req, res, body.length) : null;
  const bytes = method ? compress(body, method) : body;
  if (method) res.setHeader("Content-Encoding", method);
  res.setHeader("Content-Length", String(bytes.length));
  res.end(req.method === "HEAD" ? undefined : bytes);
}
