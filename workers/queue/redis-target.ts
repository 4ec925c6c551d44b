// Which Redis server a shared batch lives on, from the URL a person types, and a first contact
// that fails in plain words (refused, unknown host, wrong password) instead of retrying forever.
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisTarget {
  /** What ioredis connects with. */
  options: RedisOptions;
  /** The URL without its password, for messages and the summary. */
  label: string;
}

/** `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS). */
export function redisTarget(text: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `redis://${text}`);
  } catch {
    throw new Error(`"${text}" is not a Redis address: write it as redis://host:6379 (or host:6379)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(`"${text}" is not a Redis address: it must start with redis:// or rediss://`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new Error(`"${text}": the part after the port must be a database number`);
  const options: RedisOptions = {
    host: url.hostname || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  const label = `${url.protocol}//${url.hostname}:${options.port}${db ? `/${db}` : ''}`;
  return { options, label };
}

/** One PING with no retries: the server is there and lets us in, or the reason in plain words. */
export async function checkRedis(target: RedisTarget, timeoutMs = 3000): Promise<void> {
  const client = new Redis({
    ...target.options,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED, ENOTFOUND) says more than the "Connection is closed" that follows it.
  let cause: unknown;
  client.on('error', (e) => (cause ??= e));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const reason = [cause, e].map((x) => (x instanceof Error ? x.message : String(x ?? ''))).join(' ');
    const why = /ECONNREFUSED/.test(reason)
      ? 'nothing is listening there (is redis-server running?)'
      : /ENOTFOUND|EAI_AGAIN/.test(reason)
        ? 'that host name is unknown'
        : /NOAUTH|WRONGPASS|invalid password/i.test(reason)
          ? 'it needs a password (redis://:PASSWORD@host:port), or the one given is wrong'
          : /timed? ?out/i.test(reason)
            ? 'it did not answer in time'
            : (cause instanceof Error ? cause : e instanceof Error ? e : { message: String(e) }).message;
    throw new Error(`Cannot reach Redis at ${target.label}: ${why}.`);
  } finally {
    client.disconnect();
  }
}
