// Defect 13 of issue 10: two processes on one embedded database directory. The second one must stop with a
// clear Vietnamese message before touching the files; a lock left by a dead process must not block anyone.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// `node --import tsx` rather than the tsx binary: the process holding the lock is then the child we spawn.
const node = (...args: string[]) => [process.execPath, ["--import", "tsx", ...args]] as const;
const script = path.join(root, "test/fixtures/scripts/open-db.ts");
const work = mkdtempSync(path.join(tmpdir(), "hoc-lock-"));
const dir = path.join(work, "pglite");
const lockFile = `${dir}.lock`;
const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir };
delete env.DATABASE_URL;

function openOnce() {
  return spawnSync(...node(script), { cwd: root, env, encoding: "utf8" });
}

/** Starts a holder and resolves once it printed "open" (the database is open and locked). */
function startHolder(): Promise<ChildProcess> {
  const child = spawn(...node(script, "--hold"), { cwd: root, env, stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => b.toString().includes("open") && resolve(child));
    child.on("exit", (code) => reject(new Error(`holder exited early (${code})`)));
  });
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("one process per embedded database directory", () => {
  it("refuses a second process with a clear message, and frees the directory when the first one closes", async () => {
    const holder = await startHolder();
    const owner = JSON.parse(readFileSync(lockFile, "utf8"));
    expect(owner.pid).toBe(holder.pid);

    const second = openOnce();
    expect(second.status).toBe(1);
    expect(second.stdout).not.toContain("open");
    expect(second.stderr).toContain(`đang được tiến trình PID ${holder.pid}`);
    expect(second.stderr).toContain("có thể làm hỏng dữ liệu");
    expect(second.stderr).toContain("Ctrl+C");
    // The holder's lock is untouched by the refused process.
    expect(JSON.parse(readFileSync(lockFile, "utf8")).pid).toBe(holder.pid);

    const exited = new Promise((r) => holder.on("exit", r));
    holder.stdin!.end();
    await exited;
    expect(existsSync(lockFile)).toBe(false);
    const third = openOnce();
    expect(third.stderr).toBe("");
    expect(third.stdout).toContain("open");
    expect(third.status).toBe(0);
  });

  it("takes over a lock whose process is dead", () => {
    const dead = spawnSync(process.execPath, ["-e", "process.pid"]).pid!;
    writeFileSync(lockFile, JSON.stringify({ pid: dead, command: "server.js", startedAt: "01/12/2026" }));
    const r = openOnce();
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("open");
    expect(r.status).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });
});
