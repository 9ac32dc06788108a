// server/send-document.js sends a page's bytes in one write with the answer compression() would have given:
// the same Content-Encoding for each Accept-Encoding a browser (or a proxy) sends, the same Vary, the same
// bytes once decoded, and the page's own headers (cookies too). Two real express servers answer the same
// request side by side: one streams the body through compression() as @remix-run/express did, the other sends
// it with sendDocument behind the same compression().
import type { AddressInfo } from "node:net";
import http from "node:http";
import zlib from "node:zlib";
import { sendRemixResponse } from "@remix-run/express/dist/server.js";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDocument } from "../../server/send-document.js";

const PAGE = Buffer.from(
  `<!DOCTYPE html><html><body>${"<p>Xin chào, học viên!</p>".repeat(200)}</body></html>`,
);
const SMALL = Buffer.from("<!DOCTYPE html><p>ngắn</p>");

function page(body: Buffer, headers: Record<string, string> = {}) {
  const h = new Headers({
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": String(body.length),
  });
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  h.append("Set-Cookie", "a=1; Path=/");
  h.append("Set-Cookie", "b=2; Path=/");
  return new Response(new Uint8Array(body), { status: 200, headers: h });
}

function app(direct: boolean) {
  const a = express();
  a.use(compression());
  a.get("/:kind", async (req, res) => {
    const body = req.params.kind === "small" ? SMALL : PAGE;
    const extra: Record<string, string> =
      req.params.kind === "no-transform" ? { "Cache-Control": "no-transform" } : {};
    const response = page(body, extra);
    if (direct) sendDocument(req, res, response, body, { compressing: true });
    else await sendRemixResponse(res, response);
  });
  return a;
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function get(port: number, path: string, headers: Record<string, string>, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, path, headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

function decoded(a: Answer): Buffer {
  switch (a.headers["content-encoding"]) {
    case "br":
      return zlib.brotliDecompressSync(a.body);
    case "gzip":
      return zlib.gunzipSync(a.body);
    case "deflate":
      return zlib.inflateSync(a.body);
    default:
      return a.body;
  }
}

const servers: http.Server[] = [];
let streamed = 0;
let direct = 0;

beforeAll(async () => {
  const listen = (a: express.Express) =>
    new Promise<number>((resolve) => {
      const s = a.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port));
      servers.push(s);
    });
  [streamed, direct] = await Promise.all([listen(app(false)), listen(app(true))]);
});

afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

const ACCEPTS = [
  undefined,
  "",
  "gzip, deflate, br",
  "gzip, deflate",
  "br",
  "deflate",
  "identity",
  "gzip;q=0.5, br;q=0.4",
  "br;q=0, gzip",
  "*",
  "*;q=0",
  "compress",
  "gzip;q=0, deflate;q=0, br;q=0",
];

describe("sendDocument", () => {
  for (const kind of ["page", "small", "no-transform"]) {
    for (const accept of ACCEPTS) {
      it(`answers /${kind} as compression() does for Accept-Encoding ${JSON.stringify(accept)}`, async () => {
        const headers: Record<string, string> = accept === undefined ? {} : { "Accept-Encoding": accept };
        const [a, b] = await Promise.all([
          get(streamed, `/${kind}`, headers),
          get(direct, `/${kind}`, headers),
        ]);
        expect(b.status).toBe(a.status);
        expect(b.headers["content-encoding"]).toBe(a.headers["content-encoding"]);
        expect(b.headers.vary).toBe(a.headers.vary);
        expect(b.headers["content-type"]).toBe(a.headers["content-type"]);
        expect(b.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
        expect(b.headers["set-cookie"]).toEqual(a.headers["set-cookie"]);
        expect(decoded(b).equals(decoded(a))).toBe(true);
        expect(decoded(b).equals(kind === "small" ? SMALL : PAGE)).toBe(true);
        // One write with its length: no chunked encoding, even compressed.
        expect(Number(b.headers["content-length"])).toBe(b.body.length);
      });
    }
  }

  it("compresses a page a browser accepts compressed (br first, as compression() prefers)", async () => {
    const b = await get(direct, "/page", { "Accept-Encoding": "gzip, deflate, br" });
    expect(b.headers["content-encoding"]).toBe("br");
    expect(b.body.length).toBeLessThan(PAGE.length / 4);
  });

  it("sends no body to HEAD, with the headers of GET", async () => {
    const [a, b] = await Promise.all([
      get(direct, "/page", { "Accept-Encoding": "gzip" }, "HEAD"),
      get(direct, "/page", { "Accept-Encoding": "gzip" }),
    ]);
    expect(a.body.length).toBe(0);
    expect(a.headers["content-type"]).toBe(b.headers["content-type"]);
    expect(a.headers["set-cookie"]).toEqual(b.headers["set-cookie"]);
  });
});
