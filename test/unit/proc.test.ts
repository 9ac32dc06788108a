// /proc as the page benchmark and the cluster test read it: a process's parent, command and CPU time, its children.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { childProcesses, readProcStat } from "../../scripts/lib/proc.ts";

describe.skipIf(process.platform !== "linux")("scripts/lib/proc", () => {
  let child: ChildProcess | undefined;
  afterAll(() => void child?.kill());

  it("reads this process: its parent, its command, CPU ticks spent", () => {
    const self = readProcStat(process.pid)!;
    expect(self.ppid).toBe(process.ppid);
    expect(self.command).toMatch(/node|vitest/);
    expect(self.utimeTicks + self.stimeTicks).toBeGreaterThan(0);
  });

  it("lists the children of a process with their commands, and a gone process as null", async () => {
    child = spawn("sleep", ["30"], { stdio: "ignore" });
    await new Promise((r) => child!.once("spawn", r));
    const kids = childProcesses(process.pid);
    expect(kids.find((k) => k.pid === child!.pid)).toMatchObject({ command: "sleep", ppid: process.pid });
    expect(childProcesses(child.pid!)).toEqual([]);
    expect(readProcStat(2 ** 22 + 1)).toBeNull();
  });
});
