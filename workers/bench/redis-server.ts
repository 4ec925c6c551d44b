// A private redis-server for the queue row of `pixmill bench`: started on a free loopback port
// with no persistence, stopped after. Where the binary is absent the row says so and is skipped.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, Socket } from 'node:net';
import { promisify } from 'node:util';

/** Why no private server can be started (redis-server is not on PATH), or undefined when it can. */
export async function redisServerMissing(): Promise<string | undefined> {
  try {
    await promisify(execFile)('redis-server', ['--version']);
    return undefined;
  } catch {
    return 'redis-server is not installed (Debian: apt-get install redis-server) and no --redis URL was given';
  }
}

export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

/** One PING over a raw socket: true once the server answers PONG. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

export interface PrivateRedis {
  url: string;
  /** The server process, for a last-moment kill when the bench is interrupted. */
  child: ChildProcess;
  stop(): Promise<void>;
}

/** On `port` when given (a restart on the same address, for the fault tests), else a free one. */
export async function startPrivateRedis(port?: number): Promise<PrivateRedis> {
  port ??= await freeLoopbackPort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + 15_000;
  try {
    while (!(await pings(port))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}) on port ${port}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `redis://127.0.0.1:${port}`, child, stop };
}
