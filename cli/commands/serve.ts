// `pixmill serve`: the desktop window's page and handlers, served to a browser over HTTP and a
// WebSocket, on loopback unless asked otherwise. It prints the one address to open (the token is
// in it) and runs until Ctrl-C, which closes the sockets, cancels batches and closes the workers.
// Exit codes: 0 stopped by Ctrl-C or SIGTERM, 1 could not start, 2 bad usage.
import { isLoopback } from '../../server/host-origin.js';
import { onInterrupt } from '../signals.js';
import { EXIT, UsageError } from '../usage-error.js';

export interface ServeFlags {
  port?: string;
  host?: string;
  root?: string[];
  allowRemote?: boolean;
  redis?: string;
}

export const DEFAULT_PORT = 4870;

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535)
    throw new UsageError(`--port: expected a port number from 0 to 65535 (0: any free port), not ${raw}`);
  return port;
}

export async function serveCommand(flags: ServeFlags, version: string): Promise<number> {
  const port = parsePort(flags.port);
  const host = flags.host ?? '127.0.0.1';
  const remote = !isLoopback(host);
  if (remote && !flags.allowRemote)
    throw new UsageError(
      `--host: ${host} is reachable from other machines; add --allow-remote if that is really meant (safer: keep 127.0.0.1 and use SSH port forwarding)`,
    );
  // A batch started in the page is shared with the machines running `pixmill worker` on this Redis.
  let redis: string | undefined;
  let redisLabel = '';
  if (flags.redis !== undefined) {
    const { parseRedis } = await import('../queue-flags.js');
    const target = await parseRedis(flags.redis);
    const { checkRedis } = await import('../../workers/queue/redis-target.js');
    await checkRedis(target).catch((e: unknown) => {
      throw new UsageError(`--redis: ${(e as Error).message}`);
    });
    // Read again, the same way, by each batch the page starts.
    redis = flags.redis;
    redisLabel = target.label;
  }
  // Loaded only when serving, so `--help` starts instantly.
  const [{ Roots, RootsError }, { startServeApp }, { defaultRendererDir }] = await Promise.all([
    import('../../server/roots.js'),
    import('../../server/http-app.js'),
    import('../../server/static-files.js'),
  ]);
  const roots = await Roots.create(flags.root?.length ? flags.root : [process.cwd()]).catch((e: unknown) => {
    throw e instanceof RootsError ? new UsageError(`--root: ${e.message}`) : e;
  });

  let app: Awaited<ReturnType<typeof startServeApp>>;
  try {
    app = await startServeApp({
      host,
      port,
      remote,
      roots,
      rendererDir: defaultRendererDir(import.meta.url),
      version,
      redis,
      log: (level, message) => {
        if (level === 'error') process.stderr.write(`pixmill serve: ${message}\n`);
      },
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${port} is already in use: choose another with --port (0 picks a free one)`
        : code === 'EADDRNOTAVAIL'
          ? `${host} is not an address of this machine`
          : code === 'EACCES'
            ? `port ${port} needs privileges: choose one above 1023 with --port`
            : (e as Error).message;
    process.stderr.write(`pixmill serve: could not start: ${why}\n`);
    return EXIT.someFailed;
  }

  const say = (line: string): void => void process.stderr.write(`${line}\n`);
  if (remote)
    say(
      `Warning: listening on ${host}, so other machines can reach this server. Anyone who has the address below ` +
        'can read and write images in the folders listed, and the connection is not encrypted.',
    );
  // The address on stdout alone, so a script can read it.
  say('Pixmill is serving its window. Open this address in a browser:');
  process.stdout.write(`  ${app.url}\n`);
  say(`Folders it may use: ${roots.list.join(', ')}`);
  if (redis)
    say(`Batches started there are shared over ${redisLabel}: the machines running pixmill worker do the work.`);
  say('Press Ctrl-C to stop.');

  await new Promise<void>((stopped) => {
    const signals = onInterrupt(
      () =>
        void app
          .close()
          .then(() => say('Stopped.'))
          .finally(() => {
            signals.dispose();
            stopped();
          }),
      say,
      'Stopping: cancelling batches and closing workers…',
    );
  });
  return EXIT.ok;
}
