// The production server (`node server.js`, built) on a fresh PostgreSQL database of its own, as the e2e tests
// of the deployment (cluster.spec.ts, nginx.spec.ts, through the fixture of test/e2e/support/prod-server.ts)
// and the benchmarks of the built server (scripts/lib/bench-trees.ts) start it: create the database, build
// the env, migrate (and seed), spawn, and read the port and the number of processes from the banner.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const root = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
const bin = (name: string) => path.join(root, "node_modules/.bin", name);

const run = (cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv) =>
  execFileSync(cmd, args, { cwd, env, stdio: ["ignore", "ignore", "inherit"] });

/** `remix build` of the tree in `cwd` (production mode). */
export function buildServer(cwd: string) {
  run(cwd, bin("remix"), ["build"], { ...process.env, NODE_ENV: "production" });
}

export type FreshDatabase = { url: string; drop(): Promise<void> };

/** Database `name` on the server of `serverUrl` (any database of it), dropped if it was there, created empty. */
export async function freshDatabase(serverUrl: string, name: string): Promise<FreshDatabase> {
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * The production env on database `url`: demo sign-in config, no background jobs, no request log, plain-http cookies;
 * `overrides` win, and an `undefined` one removes the variable (e.g. SECURE_COOKIES, to keep the default).
 */
export function prodEnv(url: string, overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    AUTH_CONFIG: "config/auth.demo.yaml",
    SECURE_COOKIES: "false",
    LOG_REQUESTS: "false",
    REMINDERS_ENABLED: "false",
    JOBS_ENABLED: "false",
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** The tree's own migrations on env's DATABASE_URL, then (`seed`) its demo data. */
export function migrate(cwd: string, env: NodeJS.ProcessEnv, o: { seed: boolean }) {
  run(cwd, bin("tsx"), ["scripts/db.ts", "migrate"], env);
  if (o.seed) run(cwd, bin("tsx"), ["prisma/seed.ts"], env);
}

export type ProdServer = {
  child: ChildProcess;
  port: number;
  /** Serving processes as the banner says (1 when it names none). */
  workers: number;
  /** What the server printed since it started. */
  output(): string;
  /** Resolves with the exit code once the server has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, SIGKILL after 30 s; the exit code. */
  stop(): Promise<number | null>;
};

const BANNER = /đang chạy tại http:\/\/localhost:(\d+)[^\n]*?(?:, (\d+) tiến trình)?\n/;

/**
 * `node [nodeArgs] server.js` in `cwd` with `env` (PORT `port`; 0 lets the system choose). Resolves once the
 * banner is printed; rejects with the output if the server exits first. Cluster workers inherit nodeArgs.
 */
export async function startProdServer(o: {
  cwd: string;
  env: NodeJS.ProcessEnv;
  port?: number;
  nodeArgs?: string[];
}): Promise<ProdServer> {
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), "server.js"], {
    cwd: o.cwd,
    env: { ...o.env, PORT: String(o.port ?? 0) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const [port, workers] = await new Promise<[number, number]>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const m = out.match(BANNER);
      if (m) resolve([Number(m[1]), Number(m[2] ?? 1)]);
    });
    void exited.then((code) => reject(new Error(`server.js exited (${code}):\n${out}`)));
  });
  return {
    child,
    port,
    workers,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
