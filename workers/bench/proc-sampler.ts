// Peak memory of a contender: the sum of the resident sets of every process in its tree (the CLI
// and its workers, xargs and each vipsthumbnail, the N mogrify processes), sampled every ~25 ms
// from /proc. A process tree's peak is not the sum of each process's own peak, so the sum is
// taken per sample and the largest sample kept. CPU time is not sampled here: the kernel counts
// it exactly once a child is reaped (see childCpuSeconds). Linux only; elsewhere both say null.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcEntry {
  pid: number;
  ppid: number;
}

/** pid and ppid from /proc/PID/stat; the command name may hold spaces and parentheses, so parse after the last ')'. */
export function parseStat(text: string): { pid: number; ppid: number; fields: string[] } | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number.parseInt(text, 10);
  // After ") ": state ppid pgrp … — fields[0] is the state (field 3 of proc(5)).
  const fields = text
    .slice(close + 2)
    .trim()
    .split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(pid) && Number.isInteger(ppid) ? { pid, ppid, fields } : undefined;
}

function readProcTable(): ProcEntry[] {
  const out: ProcEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const parsed = parseStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (parsed) out.push({ pid: parsed.pid, ppid: parsed.ppid });
    } catch {
      // The process ended between readdir and read: it holds no memory any more.
    }
  }
  return out;
}

/** The roots and all their descendants, from one snapshot of the process table. */
export function subtree(table: readonly ProcEntry[], roots: readonly number[]): number[] {
  const children = new Map<number, number[]>();
  for (const p of table) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p.pid]);
  const seen = new Set<number>();
  const stack = roots.filter((r) => table.some((p) => p.pid === r));
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return [...seen];
}

/** VmRSS in bytes, or 0 for a process that has gone (or a zombie, which has no VmRSS line). */
function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export const procAvailable = (): boolean => {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
};

export interface TreeSample {
  pids: number[];
  rssBytes: number;
}

export function sampleTree(roots: readonly number[]): TreeSample {
  const pids = subtree(readProcTable(), roots);
  return { pids, rssBytes: pids.reduce((sum, pid) => sum + rssBytes(pid), 0) };
}

export interface TreeSampler {
  /** Stops sampling; peak summed RSS in bytes and the most processes seen at once. */
  stop(): { peakRssBytes: number | null; maxProcesses: number };
}

/**
 * Samples the trees under `roots()` (read on every tick: mogrify's N roots start one by one)
 * until stopped. Synchronous reads keep one sample consistent; a tick costs ~1–3 ms of the
 * bench process, which is not the process being measured.
 */
export function startTreeSampler(roots: () => readonly number[], intervalMs = 25): TreeSampler {
  if (!procAvailable()) return { stop: () => ({ peakRssBytes: null, maxProcesses: 0 }) };
  let peak = 0;
  let most = 0;
  const tick = () => {
    const s = sampleTree(roots());
    peak = Math.max(peak, s.rssBytes);
    most = Math.max(most, s.pids.length);
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakRssBytes: peak, maxProcesses: most };
    },
  };
}

/** Clock ticks per second of /proc's CPU times: 100 on every Linux Node runs on. */
const CLK_TCK = 100;

/**
 * user+sys seconds of every child of this process that has ended and been reaped, and of their
 * reaped descendants (cutime + cstime, proc(5)). The difference across one contender's run is
 * the CPU of its whole tree: nothing else is spawned by the bench while a contender runs.
 */
export function childCpuSeconds(): number | null {
  try {
    const parsed = parseStat(readFileSync('/proc/self/stat', 'utf8'));
    // cutime and cstime are fields 16 and 17 of proc(5); fields[0] is field 3.
    const cutime = Number(parsed?.fields[13]);
    const cstime = Number(parsed?.fields[14]);
    return Number.isFinite(cutime) && Number.isFinite(cstime) ? (cutime + cstime) / CLK_TCK : null;
  } catch {
    return null;
  }
}
