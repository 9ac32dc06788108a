// Shared by the benchmarks of the built server (bench:pages, bench:quiz): this tree and, with `--rev`,
// another git revision checked out in a temporary worktree, each built, with a fresh database of its own
// (migrated and seeded by that tree's own scripts), served by `node server.js` with 1 or N processes
// (started as the deployment's e2e tests start it: scripts/lib/prod-server.ts).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { generateSessionToken, sessionIdFromToken } from "../../app/modules/auth/session.server.ts";
import { childPids } from "./load.ts";
import {
  type ProdServer,
  buildServer,
  freshDatabase,
  migrate,
  prodEnv,
  root,
  startProdServer,
} from "./prod-server.ts";

export { root };
export const SERVER = process.env.BENCH_SERVER_URL ?? "postgresql://postgres@127.0.0.1:5432";

export type BenchTree = { label: string; dir: string; db: string };

/** A started server of a tree; `processes` counts the primary and its workers. */
export type RunningServer = ProdServer & { processes: number };

export const run = (cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  execFileSync(cmd, args, { cwd, env, stdio: ["ignore", "ignore", "inherit"] });

export async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A client on `url`, closed after `fn`. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A worktree of `rev` in a temporary directory, with node_modules linked, its Prisma client generated. */
export function checkoutRev(rev: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hoc-bench-rev-"));
  run(root, "git", ["worktree", "add", "--detach", dir, rev]);
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  if (existsSync(path.join(dir, "scripts/prisma-generate.mjs")))
    run(dir, process.execPath, ["scripts/prisma-generate.mjs"]);
  return dir;
}

export function removeRev(dir: string) {
  run(root, "git", ["worktree", "remove", "--force", dir]);
  rmSync(dir, { recursive: true, force: true });
}

/** Builds the tree and makes its database `name` on SERVER: dropped, created, migrated, demo data. */
export async function prepareTree(label: string, dir: string, name: string): Promise<BenchTree> {
  console.log(`› ${label}: build, database, demo data…`);
  buildServer(dir);
  const { url } = await freshDatabase(`${SERVER}/postgres`, name);
  migrate(dir, prodEnv(url), { seed: true });
  return { label, dir, db: url };
}

/**
 * This tree (database `<prefix>_0`) and, when `--rev` is given, that revision (`<prefix>_1`), prepared.
 * `cleanup` removes the worktree and drops the databases (call it in a finally).
 */
export async function benchTrees(
  prefix: string,
  rev: string | undefined,
): Promise<{ trees: BenchTree[]; cleanup(): Promise<void> }> {
  const trees: BenchTree[] = [];
  let revDir: string | undefined;
  const cleanup = async () => {
    if (revDir) removeRev(revDir);
    await admin(async (c) => {
      for (const t of trees) await c.query(`DROP DATABASE IF EXISTS "${t.db.split("/").pop()}" WITH (FORCE)`);
    });
  };
  try {
    trees.push(await prepareTree("this tree", root, `${prefix}_0`));
    if (rev) {
      revDir = checkoutRev(rev);
      trees.push(await prepareTree(rev.length > 12 ? rev.slice(0, 12) : rev, revDir, `${prefix}_1`));
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { trees, cleanup };
}

/** A session cookie per new Session row of `userId` (the rows a sign-in writes: the table holds the SHA-256). */
export async function addSessions(c: pg.Client, userIds: string[]): Promise<string[]> {
  const tokens = userIds.map(() => generateSessionToken());
  await c.query(
    `INSERT INTO "Session" (id, "userId", "expiresAt")
     SELECT s, u, now() + interval '1 day' FROM unnest($1::text[], $2::uuid[]) AS t(s, u)`,
    [tokens.map(sessionIdFromToken), userIds],
  );
  return tokens.map((t) => `hoc_session=${t}; hoc_lang=vi`);
}

/** `node server.js` of every tree at once with `processes` workers (idle ones cost nothing: interleaved). */
export async function startServers(
  trees: BenchTree[],
  processes: number,
  basePort: number,
  nodeArgs: string[] = [],
): Promise<RunningServer[]> {
  const servers: RunningServer[] = [];
  for (const [i, tree] of trees.entries()) {
    const env = prodEnv(tree.db, { WEB_CONCURRENCY: String(processes) });
    try {
      const s = await startProdServer({ cwd: tree.dir, env, port: basePort + i, nodeArgs });
      servers.push({ ...s, processes: 1 + childPids(s.child.pid!).length });
    } catch (e) {
      await Promise.all(servers.map((s) => s.stop()));
      throw e;
    }
  }
  return servers;
}

/** Processes that serve requests: the workers of a primary, or the one process of a tree that has none. */
export const servingProcesses = (s: RunningServer) => Math.max(1, s.processes - 1);

export const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");
