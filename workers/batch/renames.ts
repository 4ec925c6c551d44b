// A source renamed or moved since its outputs were made: nothing is decoded or encoded again (that
// would cost time and, for a lossy format, quality); each output is renamed to the name the source
// now gives it, with link + unlink so no file of that name is ever replaced. An output that cannot
// follow (a name holding {w}/{h} or two possible extensions, a name already taken, another disk)
// keeps its name; either way the record now knows the source by its new path.
import { link, rm } from 'node:fs/promises';
import { debuglog } from 'node:util';
import type { Journal, RecordEntry, RecordInput } from './journal.js';
import type { PlannedOutput } from './plan-output.js';

const debug = debuglog('pixmill');

/** The name an output would follow to, or undefined when it keeps the one it has. */
export function renameTarget(from: RecordEntry, planned: PlannedOutput, keepNames: boolean): string | undefined {
  const finals = planned.finalPaths;
  if (keepNames || finals?.length !== 1 || finals[0] === from.out) return undefined;
  return finals[0];
}

/** Moves one output to its new name (if it has one) and re-keys its record entry; returns where it is now. */
export async function followRename(
  journal: Journal,
  from: RecordEntry,
  input: RecordInput,
  target: string | undefined,
): Promise<string> {
  let out = from.out;
  if (target) {
    try {
      await link(from.out, target);
      out = target;
      await rm(from.out).catch((e: unknown) => debug('rename: %s kept beside %s: %s', from.out, target, e));
    } catch (e) {
      debug('rename: %s keeps its name: %s', from.out, e);
    }
  }
  // A link keeps the file's date: the entry's output date is still true.
  await journal.moved(from, input, out, from.outMtime);
  return out;
}
