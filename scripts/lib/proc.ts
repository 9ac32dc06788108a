// Processes as Linux's /proc shows them: a process's parent, command and CPU time, and the children of a process
// (the workers of a cluster primary). Shared by the page benchmark (scripts/lib/load.ts) and the cluster test.
import { readdirSync, readFileSync } from "node:fs";

export type ProcStat = { pid: number; ppid: number; command: string; utimeTicks: number; stimeTicks: number };

/** Clock ticks of /proc's CPU times to milliseconds (USER_HZ: 100 on Linux). */
export const ticksToMs = (ticks: number) => ticks * 10;

/** A process's CPU time (utime + stime) in milliseconds. */
export const cpuMsOf = (stat: ProcStat) => ticksToMs(stat.utimeTicks + stat.stimeTicks);

/** One line of /proc/<pid>/stat, or null when the process is gone. The command may hold spaces and ")". */
export function readProcStat(pid: number): ProcStat | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  const close = stat.lastIndexOf(")");
  // After the command: state, ppid, … utime (14th field of the line) and stime (15th).
  const fields = stat.slice(close + 2).split(" ");
  return {
    pid,
    ppid: Number(fields[1]),
    command: stat.slice(stat.indexOf("(") + 1, close),
    utimeTicks: Number(fields[11]),
    stimeTicks: Number(fields[12]),
  };
}

/** The processes whose parent is `pid`, by pid. */
export function childProcesses(pid: number): ProcStat[] {
  const out: ProcStat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry)); // null: gone meanwhile
    if (stat?.ppid === pid) out.push(stat);
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** The processes whose command is `command` (e.g. every PostgreSQL backend on this machine). */
export function processesNamed(command: string): ProcStat[] {
  const out: ProcStat[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat?.command === command) out.push(stat);
  }
  return out;
}
