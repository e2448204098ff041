import { readFileSync } from "node:fs";

/** CPU ms a process (or one of its threads) has used so far, from /proc; null elsewhere. */
export function cpuMsOf(pid: number | undefined, thread?: number): number | null {
  if (pid === undefined) return null;
  try {
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const stat = readFileSync(path, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
