// The flags of a batch shared over Redis (`run --redis`, `worker`), read without loading BullMQ:
// a mistyped address or queue name is answered before anything connects.
import { pathMapOf } from '../common/path-map.js';
import { checkQueueName, DEFAULT_QUEUE } from '../workers/queue/names.js';
import type { RedisTarget } from '../workers/queue/redis-target.js';
import { UsageError } from './usage-error.js';

export { DEFAULT_QUEUE };

export const STALL_SECONDS = { min: 1, max: 3600, default: 30 } as const;

export interface WorkerFlags {
  redis: string;
  queue?: string;
  workers?: string;
  mode?: string;
  memoryBudget?: string;
  pathMap?: string[];
  stallSeconds?: string;
  verbose?: boolean;
}

export async function parseRedis(raw: string): Promise<RedisTarget> {
  const { redisTarget } = await import('../workers/queue/redis-target.js');
  try {
    return redisTarget(raw);
  } catch (e) {
    throw new UsageError(`--redis: ${(e as Error).message}`);
  }
}

export function parseQueue(raw: string | undefined): string {
  try {
    return checkQueueName(raw ?? DEFAULT_QUEUE);
  } catch (e) {
    throw new UsageError(`--queue: ${(e as Error).message}`);
  }
}

export function parsePathMap(raw: readonly string[]) {
  try {
    return pathMapOf(raw);
  } catch (e) {
    throw new UsageError(`--path-map: ${(e as Error).message}`);
  }
}

export function parseStallSeconds(raw: string | undefined): number {
  if (raw === undefined) return STALL_SECONDS.default;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < STALL_SECONDS.min || n > STALL_SECONDS.max)
    throw new UsageError(
      `--stall-seconds: expected a whole number of seconds between ${STALL_SECONDS.min} and ${STALL_SECONDS.max}, got "${raw}"`,
    );
  return n;
}
