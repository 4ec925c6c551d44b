// The sub-folders of the output folder that jobs write into. A folder is created just before its
// first job is dispatched; when its jobs have all ended and none wrote anything, the folders this
// batch created for it are removed again, so a failed file leaves no empty folder behind.
import { mkdir, rmdir, stat } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { debuglog } from 'node:util';

const debug = debuglog('pixmill');

interface Folder {
  /** Jobs dispatched into it that have not ended. */
  pending: number;
  wrote: boolean;
  /** The top-most folder its mkdir created, or undefined when it already existed. */
  created: string | undefined;
  /** Settles once the folder exists (or could not be made). */
  ready: Promise<void>;
}

export class OutputFolders {
  private readonly folders = new Map<string, Folder>();

  /**
   * `root`, the batch's output folder, is made once when the batch starts and never again: if it
   * vanishes mid-batch (deleted, or a drive unplugged whose mount point remains), re-creating it
   * would write the rest of the batch somewhere the person no longer looks — onto the system disk,
   * for an unmounted drive. Its sub-folders are made as needed.
   */
  constructor(private readonly root: string) {}

  async enter(dir: string): Promise<void> {
    let folder = this.folders.get(dir);
    if (!folder) {
      const made: Folder = { pending: 0, wrote: false, created: undefined, ready: Promise.resolve() };
      made.ready = stat(this.root)
        .then(() => mkdir(dir, { recursive: true }))
        .then((first) => {
          made.created = first;
        });
      folder = made;
      this.folders.set(dir, folder);
    }
    folder.pending++;
    try {
      await folder.ready;
    } catch (e) {
      // The next job tries again: the cause (a full disk, a permission) may have passed.
      folder.pending--;
      if (this.folders.get(dir) === folder && folder.pending === 0) this.folders.delete(dir);
      throw e;
    }
  }

  async leave(dir: string, wrote: boolean): Promise<void> {
    const folder = this.folders.get(dir);
    if (!folder) return;
    folder.pending--;
    folder.wrote ||= wrote;
    if (folder.pending > 0 || folder.wrote) return;
    this.folders.delete(dir);
    if (!folder.created) return;
    // rmdir removes only empty folders, so a file anyone put there meanwhile keeps its folder.
    for (let d = dir; ; d = dirname(d)) {
      if (this.inUse(d)) return;
      const removed = await rmdir(d).then(
        () => true,
        (e: unknown) => debug('output folder %s kept: %s', d, e),
      );
      if (!removed || d === folder.created || dirname(d) === d) return;
    }
  }

  /** A folder that holds (or is) the folder of a job still running, or one that wrote. */
  private inUse(d: string): boolean {
    for (const key of this.folders.keys()) if (key === d || key.startsWith(d + sep)) return true;
    return false;
  }
}
