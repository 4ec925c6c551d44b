// `pixmill serve` started as a person starts it: the built command as a child process on a free
// port, resolved once it has printed the address to open.
import { type ChildProcess, spawn } from 'node:child_process';
import { PIXMILL_BIN } from '../cli-runner.js';

export interface Server {
  child: ChildProcess;
  url: string;
  origin: string;
  port: number;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `pixmill serve` and resolves once it has printed its address. */
export function startServe(root: string, ...extra: string[]): Promise<Server> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [PIXMILL_BIN, 'serve', '--port', '0', '--root', root, ...extra], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=[\w-]+)/.exec(stdout);
      if (url)
        done({
          child,
          url: url[1]!,
          port: Number(url[2]),
          origin: `http://127.0.0.1:${url[2]}`,
          stderr: () => stderr,
          exited,
        });
    });
    void exited.then((code) =>
      fail(new Error(`pixmill serve exited (${code}) before printing its address: ${stderr}`)),
    );
  });
}
