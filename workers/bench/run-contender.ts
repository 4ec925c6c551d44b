// One timed run of one contender: start its processes, sample their tree's memory, wait for all
// of them, and take wall time and the tree's CPU time. Output checks happen after the clock stops.
import { spawn } from 'node:child_process';
import type { LaunchSpec } from './contenders.js';
import { childCpuSeconds, startTreeSampler } from './proc-sampler.js';

export interface RunMeasure {
  wallSeconds: number;
  /** user + sys of every process of the contender's tree, or null without /proc. */
  cpuSeconds: number | null;
  peakRssBytes: number | null;
  maxProcesses: number;
  /** Empty when every process exited with 0. */
  failures: string[];
}

/** The last lines a failing process printed: enough to say why, not a log. */
const tail = (text: string): string => text.trim().split('\n').slice(-3).join(' | ').slice(-400);

function runOne(spec: LaunchSpec, pids: number[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(spec.command, spec.args, { env: spec.env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (child.pid !== undefined) pids.push(child.pid);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('error', (err) => resolve(`${spec.command}: ${err.message}`));
    // 'close' comes after the process is reaped and its pipes drained: its CPU is in cutime.
    child.on('close', (code, signal) => {
      resolve(code === 0 ? undefined : `${spec.command} exited with ${code ?? signal}: ${tail(stderr)}`);
    });
  });
}

export async function runContenderOnce(specs: readonly LaunchSpec[]): Promise<RunMeasure> {
  const pids: number[] = [];
  const cpuBefore = childCpuSeconds();
  const started = performance.now();
  const running = specs.map((s) => runOne(s, pids));
  const sampler = startTreeSampler(() => pids);
  const results = await Promise.all(running);
  const wallSeconds = (performance.now() - started) / 1000;
  const { peakRssBytes, maxProcesses } = sampler.stop();
  const cpuAfter = childCpuSeconds();
  return {
    wallSeconds,
    cpuSeconds: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    peakRssBytes,
    maxProcesses,
    failures: results.filter((r): r is string => r !== undefined),
  };
}
