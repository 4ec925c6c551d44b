// The line a worker appends to the output folder's record once an output is in place: the
// source's identity, the recipe, and the output's path, size, date and hash.
import { appendFile, stat } from 'node:fs/promises';
import { debuglog } from 'node:util';
import type { ImageJob, JournalEntry } from '../../common/job.js';
import { toShared } from '../../common/path-map.js';
import { hashBytes, hashFile } from './content-hash.js';

const debug = debuglog('pixmill');

/**
 * One line, one append (O_APPEND): lines from concurrent workers never interleave. A journal that
 * cannot be written costs a redo on resume, never the output, so its failure is not the job's.
 * The hashes and the output's date let the next run tell a touched file from a changed one, and
 * Pixmill's own output from a file someone edited since, without decoding either.
 */
export async function recordInJournal(
  journal: NonNullable<ImageJob['journal']>,
  input: string,
  output: string,
  data: Uint8Array,
): Promise<void> {
  const source = journal.entry;
  const [hash, written] = await Promise.all([
    source.hash ?? hashFile(input).catch((e: unknown) => debug('journal: %s not hashed: %s', input, e)),
    stat(output).catch((e: unknown) => debug('journal: %s not stat-ed: %s', output, e)),
  ]);
  const entry: JournalEntry = {
    ...source,
    ...(hash ? { hash } : {}),
    // The record is read by the batch's machine: its path, if this one mounts the storage elsewhere.
    out: journal.recordAs ? toShared(output, journal.recordAs) : output,
    outSize: data.length,
    outHash: hashBytes(data),
    ...(written ? { outMtime: written.mtimeMs } : {}),
  };
  await appendFile(journal.path, `${JSON.stringify(entry)}\n`).catch((e: unknown) =>
    debug('journal %s: %s not recorded: %s', journal.path, output, e),
  );
}
