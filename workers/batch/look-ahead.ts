// Work started on the next items of a stream while the current one is handled, results handed
// out in the stream's order. A re-run of 100,000 unchanged files is 100,000 "is its output still
// there?" stats: one at a time they are round trips the engine waits on, 32 at a time they keep
// the file system busy instead.
export interface Ahead<T, R> {
  item: T;
  /** Undefined for items `start` does not apply to. */
  early: Promise<R> | undefined;
}

export async function* lookAhead<T, R>(
  items: AsyncIterable<T>,
  start: (item: T) => Promise<R> | undefined,
  depth: number,
): AsyncGenerator<Ahead<T, R>> {
  const queue: Ahead<T, R>[] = [];
  const iterator = items[Symbol.asyncIterator]();
  let ended = false;
  try {
    while (true) {
      while (!ended && queue.length < depth) {
        const next = await iterator.next();
        if (next.done) ended = true;
        else {
          const early = start(next.value);
          // Awaited in order later; a rejection must not go unhandled meanwhile.
          early?.catch(() => undefined);
          queue.push({ item: next.value, early });
        }
        // Only images start work; a run of other items need not be read ahead of need.
        if (queue.length > 0 && queue.at(-1)?.early === undefined) break;
      }
      const head = queue.shift();
      if (!head) return;
      yield head;
    }
  } finally {
    await iterator.return?.();
  }
}
