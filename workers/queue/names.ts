// The names a shared batch uses on Redis besides BullMQ's own keys: one place, so the machine that
// plans the batch and the machines that work on it cannot disagree.

export const DEFAULT_QUEUE = 'pixmill';

/** BullMQ's job name for one image job (one source: all of its outputs). */
export const IMAGE_JOB = 'image';

/** Where the planning machine says "cancel batch X" to every worker at once (pub/sub). */
export const controlChannel = (queue: string) => `pixmill:${queue}:control`;

/** Set when a batch is cancelled, so that a worker which missed the message still refuses its jobs. */
export const cancelledKey = (queue: string, batch: string) => `pixmill:${queue}:cancelled:${batch}`;

/** Where workers tell the planning machine what a person must know (they cannot see the files). */
export const noticeChannel = (queue: string) => `pixmill:${queue}:notices`;

/** A queue name is part of Redis keys: letters, digits, dot, dash and underscore. */
export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name))
    throw new Error(`"${name}" cannot name a queue: use up to 64 letters, digits, dots, dashes or underscores`);
  return name;
}
