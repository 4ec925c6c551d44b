// The shared queue's field: empty for "this machine only", else a Redis address, checked by the
// same pattern the engine's request schema uses, so Start never sends one it would refuse.
import { REDIS_URL_PATTERN } from '../../../common/ipc';

export const REDIS_FIELD_ID = 'redis-url';

export type ParsedRedisUrl = { ok: true; url: string | null } | { ok: false; url: null; message: string };

export function parseRedisUrl(text: string): ParsedRedisUrl {
  const url = text.trim();
  if (url === '') return { ok: true, url: null };
  if (REDIS_URL_PATTERN.test(url)) return { ok: true, url };
  return {
    ok: false,
    url: null,
    message:
      'Write the Redis address as redis://host:6379 (or rediss:// for TLS), or leave it empty to run on this machine.',
  };
}
