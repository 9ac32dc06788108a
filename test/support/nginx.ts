// Debian's nginx in front of the app, for tests: deploy/nginx.conf (the site file docs/deploy.md explains)
// with only its ports, paths, host name and certificate replaced, a self-signed certificate made by openssl,
// and a small main config of our own in a temp dir (`nginx -p dir -c conf -e log -g 'daemon off;'`).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, waitForPort } from "./net";

export const NGINX = "/usr/sbin/nginx";
const SITE = path.resolve(import.meta.dirname, "../../deploy/nginx.conf");

export function nginxAvailable(): boolean {
  const present = existsSync(NGINX);
  // .ci/run installs nginx-light and sets REQUIRE_NGINX: there the nginx test must run, never skip.
  if (!present && process.env.REQUIRE_NGINX === "1") {
    throw new Error("REQUIRE_NGINX=1 but /usr/sbin/nginx is missing: apt-get install nginx-light");
  }
  return present;
}

export type Nginx = {
  httpsPort: number;
  httpPort: number;
  /** What nginx logged (errors), for a failing test's message. */
  log(): string;
  close(): Promise<void>;
};

/** The site file with the production values swapped; every one must still be there (else the test drifts). */
export function siteFor(o: {
  appPort: number;
  httpPort: number;
  httpsPort: number;
  dir: string;
  root: string;
}) {
  let text = readFileSync(SITE, "utf8");
  const swap = (from: string, to: string) => {
    if (!text.includes(from)) throw new Error(`deploy/nginx.conf no longer contains "${from}"`);
    text = text.split(from).join(to);
  };
  swap("server 127.0.0.1:3000;", `server 127.0.0.1:${o.appPort};`);
  swap("listen 80", `listen 127.0.0.1:${o.httpPort}`);
  swap("listen 443", `listen 127.0.0.1:${o.httpsPort}`);
  swap("hocattt.langson.gov.vn", "localhost");
  swap("/etc/ssl/hoc-attt/", `${o.dir}/`);
  swap("/opt/hoc-attt/", `${o.root}/`);
  return text;
}

/**
 * Starts nginx in front of the app on 127.0.0.1:appPort. nginx connects to the app from 127.0.0.2
 * (proxy_bind), so an app that took its peer's address for the client's would record 127.0.0.2, not the
 * browser's 127.0.0.1.
 */
export async function startNginx(options: { appPort: number; root: string }): Promise<Nginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hoc-nginx-"));
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost",
    "-keyout", path.join(dir, "privkey.pem"), "-out", path.join(dir, "fullchain.pem"),
  ], { stdio: "ignore" }); // prettier-ignore
  writeFileSync(path.join(dir, "site.conf"), siteFor({ ...options, httpPort, httpsPort, dir }));
  for (const t of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(dir, t));
  const temp = (t: string) => `${t}_temp_path ${dir}/${t === "client_body" ? "body" : t};`;
  // As root, workers would switch to nobody and could not read a temp dir or the build: stay root here.
  const user = process.getuid?.() === 0 ? "user root;" : "";
  writeFileSync(
    path.join(dir, "nginx.conf"),
    `${user}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  ${["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map(temp).join("\n  ")}
  proxy_bind 127.0.0.2;
  include ${dir}/site.conf;
}
`,
  );
  const child: ChildProcess = spawn(
    NGINX,
    ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log"), "-g", "daemon off;"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const log = () => {
    const file = path.join(dir, "error.log");
    return out + (existsSync(file) ? readFileSync(file, "utf8") : "");
  };
  try {
    await waitForPort(httpsPort, child, "nginx", 20_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`nginx did not start: ${(error as Error).message}\n${log()}`);
  }
  let closed = false;
  return {
    httpPort,
    httpsPort,
    log,
    async close() {
      if (closed) return;
      closed = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
