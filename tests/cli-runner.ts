// The built `pixmill` command run as a person or a script runs it: a child process whose exit
// code, stdout and stderr the CLI tests read. One runner for every CLI test file.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const PIXMILL_BIN = resolve(import.meta.dirname, '../bin/pixmill.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Written to the child's stdin, which is then closed; without it stdin is empty. */
  stdin?: string;
  /** Handed the running child (to signal it) before its output is awaited. */
  meanwhile?: (child: ChildProcess) => void;
}

export function runChild(command: string, args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    options.meanwhile?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  });
}

/** `pixmill ARGS…` with the built CLI. */
export const pixmill = (...args: string[]): Promise<CliResult> => runChild(process.execPath, [PIXMILL_BIN, ...args]);

/** `pixmill ARGS…` with options (a folder to run in, stdin, a hand on the child). */
export const pixmillWith = (options: RunOptions, ...args: string[]): Promise<CliResult> =>
  runChild(process.execPath, [PIXMILL_BIN, ...args], options);
