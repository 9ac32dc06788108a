// Plain connections to a real PostgreSQL server, and what the files that make databases of their own on one
// (the restore drill, db:move) share: TEST_DATABASE_URL's server, else 127.0.0.1:5432 when it answers. Those
// files run in the PGlite pass only, so the PostgreSQL pass does not make the same databases again.
import { spawn } from "node:child_process";
import pg from "pg";

export const ownServer = new URL(
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
);

export async function serverAnswers(url: URL | string = ownServer): Promise<boolean> {
  const c = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Whether such a file runs here (skipped on the PostgreSQL pass and where no server answers). */
export async function ownServerEnabled(): Promise<boolean> {
  return process.env.TEST_DB !== "postgres" && (!!process.env.TEST_DATABASE_URL || (await serverAnswers()));
}

/** One connection for `fn`, closed afterwards whatever happens. */
export async function withClient<T>(
  url: URL | string,
  fn: (c: pg.Client) => Promise<T>,
  options = "",
): Promise<T> {
  const c = new pg.Client({ connectionString: url.toString(), ...(options ? { options } : {}) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export type Run = { status: number | null; stdout: string; stderr: string };

/** Runs a program to its end, as an operator would, and keeps what it printed. */
export function runProgram(
  command: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
