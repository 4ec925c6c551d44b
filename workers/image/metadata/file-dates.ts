// "Keep file dates": the output's modification and access times set to the original's, for photo
// libraries and file managers that sort by file date. Called once the output is committed under
// its final name (a rename keeps the times, a link too, but the temp file's own are "now"). The
// creation time cannot be set through Node on any platform, so it is not attempted.
import { stat, utimes } from 'node:fs/promises';
import { type FileWarning, fileWarning } from '../../../common/warnings.js';

/**
 * Copies the source's access and modification times onto the output, to the nanosecond where the
 * file system keeps them. Never throws: a file whose dates could not be set is still a good
 * output, so the failure comes back as a warning row for the result.
 */
export async function copyFileDates(source: string, output: string): Promise<FileWarning | undefined> {
  try {
    const times = await stat(source, { bigint: true });
    // utimes takes seconds as a number: milliseconds keep the precision that a Date would.
    await utimes(output, Number(times.atimeNs / 1000n) / 1e6, Number(times.mtimeNs / 1000n) / 1e6);
    return undefined;
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
    return fileWarning('METADATA_DROPPED', `The original's file dates could not be copied to the output (${reason}).`);
  }
}
