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
  /** What the first process printed on stdout, when its spec asked for it. */
  stdout?: string;
}

/** A summary of 100,000 files is a few MB; more than this is not a summary. */
const STDOUT_LIMIT = 16 * 2 ** 20;

/** The last lines a failing process printed: enough to say why, not a log. */
const tail = (text: string): string => text.trim().split('\n').slice(-3).join(' | ').slice(-400);

interface Outcome {
  failure?: string;
  stdout?: string;
}

function runOne(spec: LaunchSpec, pids: number[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(spec.command, spec.args, {
      env: spec.env,
      stdio: ['ignore', spec.captureStdout ? 'pipe' : 'ignore', 'pipe'],
    });
    if (child.pid !== undefined) pids.push(child.pid);
    const out: Buffer[] = [];
    let outBytes = 0;
    child.stdout?.on('data', (d: Buffer) => {
      outBytes += d.length;
      if (outBytes <= STDOUT_LIMIT) out.push(d);
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('error', (err) => resolve({ failure: `${spec.command}: ${err.message}` }));
    // 'close' comes after the process is reaped and its pipes drained: its CPU is in cutime.
    child.on('close', (code, signal) => {
      const stdout = spec.captureStdout ? { stdout: Buffer.concat(out).toString('utf8') } : {};
      resolve(code === 0 ? stdout : { failure: `${spec.command} exited with ${code ?? signal}: ${tail(stderr)}` });
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
    failures: results.flatMap((r) => (r.failure === undefined ? [] : [r.failure])),
    ...(results[0]?.stdout !== undefined ? { stdout: results[0].stdout } : {}),
  };
}
