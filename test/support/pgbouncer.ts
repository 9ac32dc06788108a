// A private PgBouncer for tests: Debian's /usr/sbin/pgbouncer in transaction mode on a free loopback port, in
// front of one PostgreSQL server, with a wildcard database entry (`* = host=… port=…`) so every per-file test
// database is reachable by name, trust auth (the user must still be in the auth file) and an admin console.
// PgBouncer refuses to run as root: as root it is started with `-u postgres`. Returns null when it is not
// installed (tests then say so and skip; .ci/run installs it and sets REQUIRE_PGBOUNCER=1).
import { spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closerOf, killWithTestProcess } from "./child";
import { freePort, waitForPort } from "./net";

export const PGBOUNCER = "/usr/sbin/pgbouncer";

export type PgBouncerOptions = {
  /** The PostgreSQL server behind it, e.g. postgresql://postgres@127.0.0.1:5432/postgres (user and host). */
  server: string;
  /** Server connections per database and user; fewer than the app's pool so clients really share them. */
  poolSize?: number;
};

export type PgBouncer = {
  port: number;
  /** The same database and user as `serverUrl`, through the pooler. */
  urlFor(serverUrl: string): string;
  /** The admin console (SHOW POOLS, SHOW STATS, SHOW CONFIG). */
  adminUrl: string;
  /** What it logged so far (the last 64 KB). */
  log(): string;
  /** Stops it (the port then refuses connections) and removes its files. Idempotent. */
  close(): Promise<void>;
};

export function pgbouncerAvailable(): boolean {
  const present = existsSync(PGBOUNCER);
  // .ci/run installs pgbouncer and sets REQUIRE_PGBOUNCER: there the pooler tests must run, never skip.
  if (!present && process.env.REQUIRE_PGBOUNCER === "1") {
    throw new Error("REQUIRE_PGBOUNCER=1 but /usr/sbin/pgbouncer is missing: apt-get install pgbouncer");
  }
  return present;
}

export async function startPgbouncer(options: PgBouncerOptions): Promise<PgBouncer | null> {
  if (!pgbouncerAvailable()) return null;
  const server = new URL(options.server);
  const user = decodeURIComponent(server.username || os.userInfo().username);
  const dir = mkdtempSync(path.join(os.tmpdir(), "pgbouncer-"));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const iniFile = path.join(dir, "pgbouncer.ini");
  const authFile = path.join(dir, "userlist.txt");
  writeFileSync(authFile, `"${user}" ""\n`);
  writeFileSync(
    iniFile,
    `[databases]
* = host=${server.hostname} port=${server.port || 5432}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${authFile}
admin_users = ${user}
stats_users = ${user}
pool_mode = transaction
default_pool_size = ${options.poolSize ?? 4}
max_client_conn = 500
log_connections = 0
log_disconnections = 0
`,
  );
  // As root it drops to postgres (it refuses to run as root), which must read its files.
  if (asRoot) for (const f of [dir, iniFile, authFile]) chownSync(f, uidOf("postgres"), 0);
  const args = [...(asRoot ? ["-u", "postgres"] : []), iniFile];
  const child = spawn(PGBOUNCER, args, { stdio: ["ignore", "pipe", "pipe"] });
  killWithTestProcess(child, "SIGKILL");
  let output = "";
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-65_536);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  try {
    await waitForPort(port, child, "pgbouncer", 15_000);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${output}`);
  }

  const urlFor = (serverUrl: string) => {
    const u = new URL(serverUrl);
    u.hostname = "127.0.0.1";
    u.port = String(port);
    return u.toString();
  };
  const admin = new URL(options.server);
  admin.pathname = "/pgbouncer";

  // SIGINT: "safe shutdown", waits for the transactions in flight; SIGTERM would cut them at once.
  const close = closerOf(child, {
    signal: "SIGINT",
    graceMs: 5000,
    force: "SIGKILL",
    after: () => rmSync(dir, { recursive: true, force: true }),
  });

  return { port, urlFor, adminUrl: urlFor(admin.toString()), log: () => output, close };
}

function uidOf(name: string): number {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`pgbouncer: no "${name}" user to run as (it refuses to run as root)`);
  return Number(line.split(":")[2]);
}
