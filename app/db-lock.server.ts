// One process at a time on an embedded database directory. PGlite is PostgreSQL in WASM without a
// postmaster: two processes on the same files (a second `npm start`, `npm run db:seed` while the app runs)
// each think they own them and can corrupt the data. A `<dir>.lock` file next to the directory, created
// exclusively and holding the owner's pid, keeps the second one out; a lock whose pid is dead is taken over.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { formatDayTime } from "~/utils/vn-calendar";

export type LockOwner = { pid: number; command: string; startedAt: string };

/** Thrown when another live process holds the directory. Printed as is: the message is the whole story. */
export class DatabaseLockedError extends Error {
  declare readonly lockPath: string;
  declare readonly owner: LockOwner | null;
  constructor(lockPath: string, owner: LockOwner | null) {
    const shown = (p: string) => {
      const rel = path.relative(process.cwd(), p);
      return rel && !rel.startsWith("..") ? rel : p;
    };
    const who = owner
      ? `tiến trình PID ${owner.pid}${owner.command ? ` (${owner.command})` : ""}, mở lúc ${owner.startedAt},`
      : "một tiến trình khác";
    super(
      `Cơ sở dữ liệu nhúng ${shown(lockPath.replace(/\.lock$/, ""))} đang được ${who} sử dụng. ` +
        `Hai tiến trình cùng mở một thư mục PGlite có thể làm hỏng dữ liệu, nên tiến trình này dừng lại.\n` +
        `Hãy dừng tiến trình kia trước (Ctrl+C trong cửa sổ đang chạy \`npm start\`), rồi chạy lại lệnh. ` +
        `Cần nhiều tiến trình cùng lúc thì dùng PostgreSQL (đặt DATABASE_URL).\n` +
        `Nếu chắc chắn không còn tiến trình nào dùng nó, xóa tệp ${shown(lockPath)}.`,
    );
    // Not enumerable and no stack: console.error(error) then prints only the message, without a dump.
    Object.defineProperties(this, {
      name: { value: "DatabaseLockedError", enumerable: false },
      lockPath: { value: lockPath, enumerable: false },
      owner: { value: owner, enumerable: false },
      stack: { value: this.message, enumerable: false },
    });
  }
}

const held = new Set<string>();

function readOwner(lockPath: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(lockPath, "utf8")) as LockOwner;
    return Number.isInteger(owner.pid) && owner.pid > 0 ? owner : null;
  } catch {
    return null; // half-written or garbage: treated as stale below
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user: still alive.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes `<dir>.lock` for this process, or throws DatabaseLockedError. Returns the function that releases it. */
export function acquireDirLock(dir: string): () => void {
  const lockPath = `${path.resolve(dir)}.lock`;
  if (held.has(lockPath)) throw new Error(`${dir} đã được mở trong tiến trình này.`);
  mkdirSync(path.dirname(lockPath), { recursive: true });
  const me: LockOwner = {
    pid: process.pid,
    command: process.argv
      .slice(1, 3)
      .map((a) => path.basename(a))
      .join(" "),
    startedAt: formatDayTime(new Date()),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 2) throw e;
    }
    const owner = readOwner(lockPath);
    // Our own pid in a lock we do not hold is a leftover of an earlier run that got the same pid
    // (a restarted container): stale like a dead pid.
    if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
      throw new DatabaseLockedError(lockPath, owner);
    }
    try {
      unlinkSync(lockPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  held.add(lockPath);
  const release = () => {
    if (!held.delete(lockPath)) return;
    process.off("exit", release);
    // Only remove a lock that is still ours (someone may have deleted it by hand and started anew).
    if (readOwner(lockPath)?.pid === process.pid) {
      try {
        unlinkSync(lockPath);
      } catch {
        // already gone
      }
    }
  };
  // A crash or process.exit() without closing the database still leaves no lock behind.
  process.on("exit", release);
  return release;
}
