// A real streaming replica for tests: a hot standby of the PostgreSQL server in TEST_DATABASE_URL, made with
// `pg_basebackup -R` into a temp dir and started on a free port. PostgreSQL refuses to run as root: as root,
// the files belong to the `postgres` OS user and both programs run as that user (spawn's uid/gid).
// The primary must allow replication connections from 127.0.0.1 (pg_hba.conf); .ci/run adds that line.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { closerOf, killWithTestProcess } from "./child";
import { freePort } from "./net";

const BIN = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

export type Standby = {
  port: number;
  /** The same database on the standby (user, password and database of `primaryUrl`, host and port changed). */
  urlFor(primaryUrl: string): string;
  close(): Promise<void>;
};

/** Why a standby cannot be made here, or null when it can (binaries present, replication allowed). */
export async function standbyUnavailable(primaryUrl: string): Promise<string | null> {
  if (!existsSync(path.join(BIN, "pg_basebackup")) || !existsSync(path.join(BIN, "postgres")))
    return `PostgreSQL binaries missing in ${BIN} (PG_BIN_DIR)`;
  const c = new pg.Client({ connectionString: primaryUrl });
  await c.connect();
  try {
    // pg_hba_file_rules is what the server loaded; "all" does not cover replication connections.
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_hba_file_rules
       WHERE error IS NULL AND 'replication' = ANY(database) AND type <> 'local'`,
    );
    if (rows[0]!.n === 0)
      return (
        "the primary's pg_hba.conf has no replication line: add `host replication all 127.0.0.1/32 trust` " +
        "and reload (.ci/run does this)"
      );
  } finally {
    await c.end();
  }
  return null;
}

/** The postgres OS user when running as root (PostgreSQL refuses root), else nobody in particular. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

async function settingsOf(primaryUrl: string): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: primaryUrl });
  await c.connect();
  try {
    // A hot standby refuses to start when these are lower than on the primary.
    const names = [
      "max_connections",
      "max_worker_processes",
      "max_wal_senders",
      "max_prepared_transactions",
      "max_locks_per_transaction",
    ];
    const { rows } = await c.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name = ANY($1)",
      [names],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  } finally {
    await c.end();
  }
}

async function waitUntilStandby(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the standby exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    const c = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
    try {
      await c.connect();
      const { rows } = await c.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r");
      await c.end();
      if (rows[0]!.r) return;
      throw new Error("the copy is not in recovery: it is not a standby");
    } catch (error) {
      await c.end().catch(() => {});
      if (error instanceof Error && error.message.includes("not a standby")) throw error;
      if (Date.now() > deadline) throw new Error(`the standby did not accept connections:\n${log()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function onPrimary<T>(primaryUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: primaryUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The slot goes with the standby (a slot nobody reads would keep the primary's WAL forever). */
async function dropSlot(primaryUrl: string, slot: string): Promise<void> {
  await onPrimary(primaryUrl, (c) =>
    c.query("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1", [
      slot,
    ]),
  );
}

/** Copies the primary with pg_basebackup -R and starts the copy as a hot standby on a free port. */
export async function startStandby(primaryUrl: string): Promise<Standby> {
  const primary = new URL(primaryUrl);
  const owner = runAs();
  const dir = mkdtempSync(path.join(os.tmpdir(), "hoc-standby-"));
  if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid!);
  const data = path.join(dir, "data");
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const slot = `hoc_standby_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let child: ChildProcess | undefined;
  try {
    // -c fast: do not wait for the next scheduled checkpoint; -X stream: the WAL made meanwhile comes along.
    const args = ["-h", primary.hostname, "-p", primary.port || "5432", "-U", primary.username || "postgres"];
    // A replication slot (-C -S, written into the copy's settings by -R) keeps the primary's WAL until the
    // standby has it: without one, a busy primary recycles the segments the standby still needs. Slots of
    // runs that died (inactive, same prefix) are dropped first, so they cannot hold WAL forever.
    await onPrimary(primaryUrl, (c) =>
      c.query(
        `SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
         WHERE slot_name LIKE 'hoc_standby_%' AND NOT active`,
      ),
    );
    // A busy shared server may cut the copy's WAL stream: try again, twice.
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync(
          path.join(BIN, "pg_basebackup"),
          [...args, "-D", data, "-R", "-X", "stream", "-c", "fast", "-C", "-S", slot],
          {
            ...owner,
            stdio: ["ignore", "ignore", "pipe"],
            env: {
              ...process.env,
              ...(primary.password ? { PGPASSWORD: decodeURIComponent(primary.password) } : {}),
            },
          },
        );
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        rmSync(data, { recursive: true, force: true });
        await dropSlot(primaryUrl, slot);
      }
    }
    const port = await freePort();
    const limits = await settingsOf(primaryUrl);
    // Debian keeps postgresql.conf and pg_hba.conf in /etc, so the copy has neither: write our own.
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      `hot_standby = on`,
      `shared_buffers = '32MB'`,
      `fsync = off`,
      ...Object.entries(limits).map(([k, v]) => `${k} = ${v}`),
    ].join("\n");
    writeFileSync(path.join(data, "postgresql.conf"), `${conf}\n`);
    writeFileSync(path.join(data, "pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
    if (owner.uid !== undefined)
      for (const f of ["postgresql.conf", "pg_hba.conf"])
        chownSync(path.join(data, f), owner.uid, owner.gid!);
    const proc = spawn(path.join(BIN, "postgres"), ["-D", data], {
      ...owner,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    let log = "";
    proc.stdout?.on("data", (b: Buffer) => (log = (log + b.toString()).slice(-4000)));
    proc.stderr?.on("data", (b: Buffer) => (log = (log + b.toString()).slice(-4000)));
    // SIGQUIT: immediate shutdown.
    killWithTestProcess(proc, "SIGQUIT");
    await waitUntilStandby(port, proc, () => log);

    // SIGINT: fast shutdown.
    const close = closerOf(proc, {
      signal: "SIGINT",
      graceMs: 10_000,
      force: "SIGQUIT",
      after: async () => {
        cleanup();
        await dropSlot(primaryUrl, slot);
      },
    });
    return {
      port,
      urlFor(url: string) {
        const u = new URL(url);
        u.hostname = "127.0.0.1";
        u.port = String(port);
        return u.toString();
      },
      close,
    };
  } catch (error) {
    child?.kill("SIGQUIT");
    cleanup();
    await dropSlot(primaryUrl, slot).catch(() => {});
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`could not start a standby: ${(error as Error).message}\n${stderr}`);
  }
}
