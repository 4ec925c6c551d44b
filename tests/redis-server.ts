// A real redis-server for the tests (the bench's private one): Debian's binary on a free loopback
// port with no persistence, so a restart loses everything, as the fault tests need. Where the
// binary is absent the tests that need it skip and say why.
import { freeLoopbackPort, redisServerMissing, startPrivateRedis } from '../workers/bench/redis-server.js';

export const redisMissing = await redisServerMissing();

export interface RedisServer {
  port: number;
  url: string;
  /** Kills the server (SIGKILL: nothing saved, nothing said) and starts a fresh, empty one on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freeLoopbackPort();
  let server = await startPrivateRedis(port);
  return {
    port,
    url: server.url,
    async restart() {
      await server.stop();
      server = await startPrivateRedis(port);
    },
    stop: () => server.stop(),
  };
}
